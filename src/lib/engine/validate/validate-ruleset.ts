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
	for (const c of t.chains) {
		if (!c.builtin) continue;
		const walker: Walker = {
			hook: c.name as Hook,
			jumps,
			reach,
			reported,
			report,
			depthSeen: new Map()
		};
		walk(walker, c, [c]);
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

interface Walker {
	hook: Hook;
	jumps: Map<Chain, Jump[]>;
	reach: Map<Chain, Set<Hook>>;
	reported: Set<Rule>;
	report: Reporter;
	/** The deepest nesting each chain was walked at from this hook. */
	depthSeen: Map<Chain, number>;
}

/** Depth-first walk from a built-in chain, recording which hooks reach each user chain. */
function walk(w: Walker, chain: Chain, stack: Chain[]): void {
	const jumps = w.jumps.get(chain);
	if (!jumps) return;
	for (const { rule, to: next } of jumps) {
		// Touch the rule itself only to report: on large sets every load is a cache miss.
		if (stack.includes(next)) {
			if (!w.reported.has(rule)) {
				w.reported.add(rule);
				const path = [...stack.slice(stack.indexOf(next)), next].map((c) => c.name).join(' → ');
				w.report.error(
					'chain-loop',
					rule.target!.span,
					`loop ${path} is reachable from ${w.hook}: the kernel refuses the whole table (legacy: "Too many levels of symbolic links", nft: "Too many links")`
				);
			}
			continue;
		}
		const depth = stack.length; // user chains on the path, counting `next`
		if (depth > MAX_NFT_JUMP_DEPTH && !w.reported.has(rule)) {
			w.reported.add(rule);
			w.report.warning(
				'jump-too-deep',
				rule.target!.span,
				`this jump nests ${depth} user chains deep from ${w.hook}; iptables-nft refuses more than ${MAX_NFT_JUMP_DEPTH} (legacy accepts it)`
			);
		}
		let hooks = w.reach.get(next);
		if (!hooks) w.reach.set(next, (hooks = new Set()));
		hooks.add(w.hook);
		// A chain walked before at this depth or deeper has nothing new to say; past the limit,
		// one warning per path is enough.
		const seen = w.depthSeen.get(next);
		if ((seen !== undefined && seen >= depth) || depth > MAX_NFT_JUMP_DEPTH + 1) continue;
		w.depthSeen.set(next, depth);
		stack.push(next);
		walk(w, next, stack);
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
