/**
 * Checks over a whole table that the kernel makes when it loads it: every jump names a chain of
 * the table, no loop is reachable from a built-in chain (unreachable loops load), nesting stays
 * within iptables-nft's limit, and targets/matches restricted to some hooks are only reached
 * from those hooks — judged through user chains, as the kernel judges them.
 */
import type { Chain, Hook, Rule, Ruleset, SourceSpan, Table } from '../model';
import { lookupMatch, lookupTarget } from '../extensions/registry';
import type { ExtensionSpec } from '../extensions/types';
import type { Reporter } from '../parse/report';
import { isBuiltinName } from '../parse/names';

/** iptables-nft refuses a 16th nested user chain (EMLINK); legacy has no such small limit. */
export const MAX_NFT_JUMP_DEPTH = 15;

export function validateRuleset(ruleset: Ruleset, report: Reporter): void {
	for (const t of ruleset.tables) validateTable(t, report);
}

/** A jump from one rule to a user chain, e.g. `-A INPUT -j SSH`. */
interface Jump {
	rule: Rule;
	to: Chain;
}

/** A rule with a match or target that the kernel allows only at some hooks. */
interface Restricted {
	chain: Chain;
	spec: ExtensionSpec;
	allowed: readonly Hook[];
	span: SourceSpan;
}

function validateTable(t: Table, report: Reporter): void {
	const byName = new Map<string, Chain>();
	for (const c of t.chains) byName.set(c.name, c);
	// One pass over every rule builds the jump graph and the list of hook-restricted rules; the
	// walks below then touch only those, which matters on rule sets with 50,000 rules.
	const jumps = new Map<Chain, Jump[]>();
	const restricted: Restricted[] = [];
	for (const c of t.chains) {
		for (const rule of c.rules) {
			collectRestricted(rule, c, restricted);
			if (rule.target?.type !== 'chain') continue;
			const to = byName.get(rule.target.chain);
			if (!to) reportUnknownTarget(rule, t, report);
			else if (to.builtin || isBuiltinName(to.name)) {
				report.error(
					'jump-to-builtin',
					rule.target.span,
					`-j ${to.name}: a rule cannot jump to the built-in chain ${to.name}; only user chains can be jumped to`
				);
			} else {
				const list = jumps.get(c);
				if (list) list.push({ rule, to });
				else jumps.set(c, [{ rule, to }]);
			}
		}
	}
	const reach = new Map<Chain, Set<Hook>>();
	const reported = new Set<Rule>();
	const builtins = t.chains.filter((c) => c.builtin);
	for (const c of builtins) markReach(c, jumps, reach);
	reportLoops(builtins, jumps, report);
	for (const c of builtins) {
		const walker: Walker = { hook: c.name as Hook, jumps, reported, report, depthSeen: new Map() };
		walkDepth(walker, c, [c]);
	}
	for (const r of restricted) {
		const hooks = r.chain.builtin ? new Set<Hook>([r.chain.name as Hook]) : reach.get(r.chain);
		if (hooks) checkHook(r, hooks, t, report);
	}
}

function reportUnknownTarget(rule: Rule, t: Table, report: Reporter): void {
	const target = rule.target as Extract<Rule['target'], { type: 'chain' }>;
	const to = target.chain;
	const looksLikeTarget = /^[A-Z][A-Z0-9_-]*$/.test(to);
	const what = looksLikeTarget
		? `nfwalk knows no target ${to} and table ${t.name} has no chain of that name`
		: `table ${t.name} has no chain named "${to}"`;
	report.error(
		'unknown-target',
		target.span,
		`-j ${to}: ${what}; declare the chain (:${to} - [0:0]) or fix the name`
	);
}

function collectRestricted(rule: Rule, chain: Chain, out: Restricted[]): void {
	for (const m of rule.matches) {
		const spec = m.known ? lookupMatch(m.name) : undefined;
		const allowed = spec && (spec.hooksFor?.(m.options) ?? spec.hooks);
		if (allowed) out.push({ chain, spec, allowed, span: m.span });
	}
	if (rule.target?.type === 'extension') {
		const spec = lookupTarget(rule.target.name);
		const allowed = spec && (spec.hooksFor?.(rule.target.options) ?? spec.hooks);
		if (allowed) out.push({ chain, spec, allowed, span: rule.target.span });
	}
}

/** Adds the hook of `root` to every user chain it reaches; each chain is visited once. */
function markReach(root: Chain, jumps: Map<Chain, Jump[]>, reach: Map<Chain, Set<Hook>>): void {
	const hook = root.name as Hook;
	const seen = new Set<Chain>([root]);
	const todo = [root];
	while (todo.length) {
		for (const { to } of jumps.get(todo.pop()!) ?? []) {
			if (seen.has(to)) continue;
			seen.add(to);
			let hooks = reach.get(to);
			if (!hooks) reach.set(to, (hooks = new Set()));
			hooks.add(hook);
			todo.push(to);
		}
	}
}

/**
 * Every loop reachable from a built-in chain, found by a depth-first search that keeps its own
 * stack: the path may be thousands of chains deep, past the depth where a recursive walk would
 * stop or overflow. One error per jump that closes a loop.
 */
function reportLoops(builtins: Chain[], jumps: Map<Chain, Jump[]>, report: Reporter): void {
	const done = new Set<Chain>();
	for (const root of builtins) {
		const path: Chain[] = [root];
		const onPath = new Set<Chain>([root]);
		const next: number[] = [0];
		while (path.length) {
			const chain = path[path.length - 1];
			const list = jumps.get(chain) ?? [];
			const k = next[next.length - 1]++;
			if (k >= list.length) {
				path.pop();
				next.pop();
				onPath.delete(chain);
				done.add(chain);
				continue;
			}
			const { rule, to } = list[k];
			if (onPath.has(to)) {
				const loop = [...path.slice(path.indexOf(to)), to].map((c) => c.name).join(' → ');
				report.error(
					'chain-loop',
					rule.target!.span,
					`loop ${loop} is reachable from ${root.name}: the kernel refuses the whole table (legacy: "Too many levels of symbolic links", nft: "Too many links")`
				);
			} else if (!done.has(to)) {
				path.push(to);
				onPath.add(to);
				next.push(0);
			}
		}
	}
}

interface Walker {
	hook: Hook;
	jumps: Map<Chain, Jump[]>;
	reported: Set<Rule>;
	report: Reporter;
	/** The deepest nesting each chain was walked at from this hook. */
	depthSeen: Map<Chain, number>;
}

/** Depth-first walk from a built-in chain down to iptables-nft's nesting limit, warning past it. */
function walkDepth(w: Walker, chain: Chain, stack: Chain[]): void {
	const jumps = w.jumps.get(chain);
	if (!jumps) return;
	for (const { rule, to: next } of jumps) {
		// Loops are reported by reportLoops; here they only must not be followed.
		if (stack.includes(next)) continue;
		const depth = stack.length; // user chains on the path, counting `next`
		if (depth > MAX_NFT_JUMP_DEPTH && !w.reported.has(rule)) {
			w.reported.add(rule);
			w.report.warning(
				'jump-too-deep',
				rule.target!.span,
				`this jump nests ${depth} user chains deep from ${w.hook}; iptables-nft refuses more than ${MAX_NFT_JUMP_DEPTH} (legacy accepts it)`
			);
		}
		// A chain walked before at this depth or deeper has nothing new to say; past the limit,
		// one warning per path is enough.
		const seen = w.depthSeen.get(next);
		if ((seen !== undefined && seen >= depth) || depth > MAX_NFT_JUMP_DEPTH + 1) continue;
		w.depthSeen.set(next, depth);
		stack.push(next);
		walkDepth(w, next, stack);
		stack.pop();
	}
}

function checkHook(r: Restricted, hooks: Set<Hook>, t: Table, report: Reporter): void {
	const bad = [...hooks].filter((h) => !r.allowed.includes(h));
	if (!bad.length) return;
	const what = r.spec.kind === 'match' ? `-m ${r.spec.name}` : `-j ${r.spec.name}`;
	const via = r.chain.builtin
		? `in ${t.name} ${r.chain.name}`
		: `in chain ${r.chain.name}, which ${bad.join(' and ')} reach${bad.length > 1 ? '' : 'es'}`;
	report.error(
		'wrong-hook',
		r.span,
		`${what} is valid only in ${r.allowed.join(', ')}${r.spec.hooksFor ? ' with these options' : ''}, but it is ${via}; the kernel refuses it (EINVAL)`
	);
}
