import type { ShadowedRule, TableAnalysis } from '$lib/engine/analysis';

/** A table's findings by chain, so each chain finds its own in one lookup. */
export interface FindingsByChain {
	unreachable: Map<string, string>;
	shadowed: Map<string, Map<number, ShadowedRule>>;
}

export function findingsByChain(analysis: TableAnalysis): FindingsByChain {
	const shadowed = new Map<string, Map<number, ShadowedRule>>();
	for (const s of analysis.shadowed) {
		const rules = shadowed.get(s.chain) ?? new Map<number, ShadowedRule>();
		rules.set(s.rule, s);
		shadowed.set(s.chain, rules);
	}
	return { unreachable: new Map(analysis.unreachable.map((u) => [u.chain, u.message])), shadowed };
}
