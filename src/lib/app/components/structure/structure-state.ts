/**
 * What the structured view shows of a rule set that may have thousands of chains and rules:
 * per chain whether it is folded and how many rules are drawn, per table how many chains. Keyed by
 * names, so the choices survive the re-parse after every edit.
 */
import { SvelteMap, SvelteSet } from 'svelte/reactivity';

/** Rules drawn per chain before "show more": the 8,453-rule chain must not freeze the page. */
export const RULES_STEP = 100;
/** Chains drawn per table before "show more" (kube-proxy dumps have thousands). */
export const CHAINS_STEP = 60;
/** Boxes per column of the jump graph before "show all". */
export const GRAPH_COLUMN = 30;

const key = (table: string, chain: string) => `${table}\u0000${chain}`;

export class StructureState {
	private readonly rules = new SvelteMap<string, number>();
	private readonly chains = new SvelteMap<string, number>();
	private readonly folded = new SvelteSet<string>();
	private readonly wholeGraph = new SvelteSet<string>();

	rulesShown(table: string, chain: string): number {
		return this.rules.get(key(table, chain)) ?? RULES_STEP;
	}
	showRules(table: string, chain: string, count: number): void {
		this.rules.set(key(table, chain), Math.max(count, this.rulesShown(table, chain)));
	}

	chainsShown(table: string): number {
		return this.chains.get(table) ?? CHAINS_STEP;
	}
	showChains(table: string, count: number): void {
		this.chains.set(table, Math.max(count, this.chainsShown(table)));
	}

	isFolded(table: string, chain: string): boolean {
		return this.folded.has(key(table, chain));
	}
	setFolded(table: string, chain: string, folded: boolean): void {
		if (folded) this.folded.add(key(table, chain));
		else this.folded.delete(key(table, chain));
	}

	graphColumn(table: string): number {
		return this.wholeGraph.has(table) ? Infinity : GRAPH_COLUMN;
	}
	showWholeGraph(table: string): void {
		this.wholeGraph.add(table);
	}
}
