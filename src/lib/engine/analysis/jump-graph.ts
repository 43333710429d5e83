/**
 * Who calls whom in one table: an edge for every `-j CHAIN` and `-g CHAIN` to a user chain, from
 * the built-in chains (the roots, where packets enter) down; and the user chains no packet can
 * reach because no path leads to them from a built-in chain.
 */
import type { Table } from '../model';

/** `-j`/`-g` from one chain to another, with the rules that make it, e.g. INPUT → ufw-input. */
export interface JumpEdge {
	from: string;
	to: string;
	/** 1-based rule numbers in `from`, in order. */
	rules: number[];
	/** Every one of those rules is a `-g` (goto): the packet does not come back to `from`. */
	goto: boolean;
}

export interface JumpGraph {
	/** The table's built-in chains that exist (declared; iptables-nft has no others). */
	roots: string[];
	/** User chains in declaration order. */
	userChains: string[];
	edges: JumpEdge[];
	/** User chains with no path from a root. */
	unreachable: string[];
	/** For each user chain, its depth: fewest jumps from a root (1 = a root jumps to it). */
	depth: Map<string, number>;
}

export function jumpGraph(table: Table): JumpGraph {
	const userChains = table.chains.filter((c) => !c.builtin).map((c) => c.name);
	const isUser = new Set(userChains);
	const edges = new Map<string, JumpEdge>();
	for (const chain of table.chains) {
		chain.rules.forEach((rule, i) => {
			const t = rule.target;
			if (t?.type !== 'chain' || !isUser.has(t.chain)) return;
			const id = `${chain.name}\u0000${t.chain}`;
			const edge = edges.get(id);
			if (edge) {
				edge.rules.push(i + 1);
				edge.goto &&= t.goto;
			} else edges.set(id, { from: chain.name, to: t.chain, rules: [i + 1], goto: t.goto });
		});
	}
	// Undeclared built-in chains have no rules, so leaving them out loses no edge.
	const roots = table.chains.filter((c) => c.builtin && c.declared).map((c) => c.name);
	const depth = depthsFrom(roots, [...edges.values()]);
	return {
		roots,
		userChains,
		edges: [...edges.values()],
		unreachable: userChains.filter((name) => !depth.has(name)),
		depth
	};
}

/** Breadth-first from the roots: each user chain reached, with its fewest jumps. */
function depthsFrom(roots: string[], edges: JumpEdge[]): Map<string, number> {
	const out = new Map<string, string[]>();
	for (const e of edges) {
		const list = out.get(e.from);
		if (list) list.push(e.to);
		else out.set(e.from, [e.to]);
	}
	const depth = new Map<string, number>();
	let frontier = [...roots];
	for (let d = 1; frontier.length > 0; d++) {
		const next: string[] = [];
		for (const name of frontier)
			for (const to of out.get(name) ?? [])
				if (!depth.has(to)) {
					depth.set(to, d);
					next.push(to);
				}
		frontier = next;
	}
	return depth;
}
