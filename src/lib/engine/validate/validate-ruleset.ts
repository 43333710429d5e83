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

function validateTable(t: Table, report: Reporter): void {
	const byName = new Map<string, Chain>();
	for (const c of t.chains) byName.set(c.name, c);
	for (const c of t.chains) {
		for (const rule of c.rules) {
			if (rule.target?.type !== 'chain') continue;
			const to = rule.target.chain;
			const target = byName.get(to);
			if (!target) {
				const looksLikeTarget = /^[A-Z][A-Z0-9_-]*$/.test(to);
				const what = looksLikeTarget
					? `nfwalk knows no target ${to} and table ${t.name} has no chain of that name`
					: `table ${t.name} has no chain named "${to}"`;
				report.error(
					'unknown-target',
					rule.target.span,
					`-j ${to}: ${what}; declare the chain (:${to} - [0:0]) or fix the name`
				);
			} else if (target.builtin || isBuiltinName(to)) {
				report.error(
					'jump-to-builtin',
					rule.target.span,
					`-j ${to}: a rule cannot jump to the built-in chain ${to}; only user chains can be jumped to`
				);
			}
		}
	}
	const reach = new Map<Chain, Set<Hook>>();
	const reported = new Set<Rule>();
	for (const c of t.chains) {
		if (!c.builtin) continue;
		const walker: Walker = {
			hook: c.name as Hook,
			byName,
			reach,
			reported,
			report,
			depthSeen: new Map()
		};
		walk(walker, c, [c]);
	}
	for (const c of t.chains) {
		const hooks = c.builtin ? new Set<Hook>([c.name as Hook]) : reach.get(c);
		if (!hooks) continue;
		for (const rule of c.rules) checkHooks(rule, c, hooks, t, report);
	}
}

interface Walker {
	hook: Hook;
	byName: Map<string, Chain>;
	reach: Map<Chain, Set<Hook>>;
	reported: Set<Rule>;
	report: Reporter;
	/** The deepest nesting each chain was walked at from this hook. */
	depthSeen: Map<Chain, number>;
}

/** Depth-first walk from a built-in chain, recording which hooks reach each user chain. */
function walk(w: Walker, chain: Chain, stack: Chain[]): void {
	for (const rule of chain.rules) {
		if (rule.target?.type !== 'chain') continue;
		const next = w.byName.get(rule.target.chain);
		if (!next || next.builtin) continue;
		if (stack.includes(next)) {
			if (!w.reported.has(rule)) {
				w.reported.add(rule);
				const path = [...stack.slice(stack.indexOf(next)), next].map((c) => c.name).join(' → ');
				w.report.error(
					'chain-loop',
					rule.target.span,
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
				rule.target.span,
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

function checkHooks(rule: Rule, chain: Chain, hooks: Set<Hook>, t: Table, report: Reporter): void {
	for (const m of rule.matches) {
		const spec = m.known ? lookupMatch(m.name) : undefined;
		if (spec?.hooks) checkHook(spec, m.span, chain, hooks, t, report);
	}
	if (rule.target?.type === 'extension') {
		const spec = lookupTarget(rule.target.name);
		if (spec?.hooks) checkHook(spec, rule.target.span, chain, hooks, t, report);
	}
}

function checkHook(
	spec: ExtensionSpec,
	span: SourceSpan,
	chain: Chain,
	hooks: Set<Hook>,
	t: Table,
	report: Reporter
): void {
	const bad = [...hooks].filter((h) => !spec.hooks!.includes(h));
	if (!bad.length) return;
	const what = spec.kind === 'match' ? `-m ${spec.name}` : `-j ${spec.name}`;
	const via = chain.builtin
		? `in ${t.name} ${chain.name}`
		: `in chain ${chain.name}, which ${bad.join(' and ')} reach${bad.length > 1 ? '' : 'es'}`;
	report.error(
		'wrong-hook',
		span,
		`${what} is valid only in ${spec.hooks!.join(', ')}, but it is ${via}; the kernel refuses it (EINVAL)`
	);
}
