/**
 * The structure of a rule set beyond its text: per table, the jump graph of user chains, the
 * chains no packet reaches and the rules that can never match, each with a sentence saying why.
 */
import type { Ruleset, TableName } from '../model';
import { printRuleSpec } from '../print/print-rule';
import { jumpGraph, type JumpGraph } from './jump-graph';
import { shadowedInTable, type Shadowed } from './shadowing';

export type { JumpEdge, JumpGraph } from './jump-graph';
export type { Shadowed } from './shadowing';

/** A shadowed rule with the sentence the structured view shows. */
export interface ShadowedRule extends Shadowed {
	message: string;
}

/** A user chain no packet reaches, e.g. `{ chain: 'OLD', message: 'no rule jumps to OLD…' }`. */
export interface UnreachableChain {
	chain: string;
	message: string;
}

export interface TableAnalysis {
	table: TableName;
	graph: JumpGraph;
	unreachable: UnreachableChain[];
	shadowed: ShadowedRule[];
}

export interface RulesetAnalysis {
	tables: TableAnalysis[];
}

export interface AnalysisOptions {
	/**
	 * Lines with an error: the parser dropped what it could not read there, so such a rule may look
	 * wider than written; it is neither flagged nor taken to shadow another.
	 */
	errorLines?: ReadonlySet<number>;
}

export function analyseRuleset(ruleset: Ruleset, options: AnalysisOptions = {}): RulesetAnalysis {
	const skip = options.errorLines ?? new Set<number>();
	return {
		tables: ruleset.tables.map((table) => {
			const graph = jumpGraph(table);
			const rules = new Map(table.chains.map((c) => [c.name, c.rules]));
			return {
				table: table.name,
				graph,
				unreachable: graph.unreachable.map((chain) => ({
					chain,
					message: unreachableMessage(graph, chain, table.name)
				})),
				shadowed: shadowedInTable(table, skip).map((s) => ({
					...s,
					message: shadowedMessage(s, printRuleSpec(rules.get(s.chain)![s.by - 1]))
				}))
			};
		})
	};
}

function unreachableMessage(graph: JumpGraph, chain: string, table: TableName): string {
	const callers = [...new Set(graph.edges.filter((e) => e.to === chain).map((e) => e.from))];
	if (callers.length === 0)
		return `no packet enters ${chain}: no rule of table ${table} jumps or goes to it`;
	const who = callers.length === 1 ? callers[0] : callers.join(', ');
	return `no packet enters ${chain}: only ${who} ${callers.length === 1 ? 'jumps' : 'jump'} to it, and no built-in chain of table ${table} leads there`;
}

/** E.g. "never matches: rule 2 (-p tcp -j ACCEPT) already takes every packet this rule would". */
export function shadowedMessage(s: Shadowed, byText: string): string {
	return s.unconditional
		? `never reached: rule ${s.by} (${byText}) ends the chain for every packet`
		: `never matches: rule ${s.by} (${byText}) already takes every packet this rule would`;
}
