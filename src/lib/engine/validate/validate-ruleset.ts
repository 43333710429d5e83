/**
 * Checks over a whole table that the kernel makes when it loads it: every jump names a chain of
 * the table, no loop is reachable from a built-in chain (unreachable loops load), nesting stays
 * within iptables-nft's limit, and targets/matches restricted to some hooks are only reached
 * from those hooks — judged through user chains, as the kernel judges them.
 */
import type { Chain, Hook, Rule, Ruleset, Table } from '../model';
import { lookupMatch, lookupTarget } from '../extensions/registry';
import type { ExtensionSpec } from '../extensions/types';
import type { Reporter } from '../parse/report';
import { isBuiltinName } from '../parse/names';

/** iptables-nft refuses a 16th nested user chain (EMLINK); legacy has no such small limit. */
export const MAX_NFT_JUMP_DEPTH = 15;

export function validateRuleset(ruleset: Ruleset, report: Reporter): void {
	for (const t of ruleset.tables) validateTable(t, report);
}

function jumpsOf(chain: Chain): { rule: Rule; to: string }[] {
	const out: { rule: Rule; to: string }[] = [];
	for (const rule of chain.rules)
		if (rule.target?.type === 'chain') out.push({ rule, to: rule.target.chain });
	return out;
}

function validateTable(t: Table, report: Reporter): void {
	const byName = new Map(t.chains.map((c) => [c.name, c]));
	for (const c of t.chains) {
		for (const { rule, to } of jumpsOf(c)) {
			const span = rule.target!.span;
			const target = byName.get(to);
			if (!target) {
				const looksLikeTarget = /^[A-Z][A-Z0-9_-]*$/.test(to);
				const what = looksLikeTarget
					? `nfwalk knows no target ${to} and table ${t.name} has no chain of that name`
					: `table ${t.name} has no chain named "${to}"`;
				report.error(
					'unknown-target',
					span,
					`-j ${to}: ${what}; declare the chain (:${to} - [0:0]) or fix the name`
				);
			} else if (target.builtin || isBuiltinName(to)) {
				report.error(
					'jump-to-builtin',
					span,
					`-j ${to}: a rule cannot jump to the built-in chain ${to}; only user chains can be jumped to`
				);
			}
		}
	}
	const reach = new Map<string, Set<Hook>>();
	const reported = new Set<Rule>();
	for (const c of t.chains) {
		if (!c.builtin) continue;
		walk(c, c.name as Hook, [c], byName, reach, reported, report);
	}
	for (const c of t.chains) {
		const hooks = c.builtin ? new Set<Hook>([c.name as Hook]) : reach.get(c.name);
		if (!hooks) continue;
		for (const rule of c.rules) checkHooks(rule, c, hooks, t, report);
	}
}

/** Depth-first walk from a built-in chain, recording which hooks reach each user chain. */
function walk(
	chain: Chain,
	hook: Hook,
	stack: Chain[],
	byName: Map<string, Chain>,
	reach: Map<string, Set<Hook>>,
	reported: Set<Rule>,
	report: Reporter
): void {
	for (const { rule, to } of jumpsOf(chain)) {
		const next = byName.get(to);
		if (!next || next.builtin) continue;
		if (stack.includes(next)) {
			if (!reported.has(rule)) {
				reported.add(rule);
				const path = [...stack.slice(stack.indexOf(next)), next].map((c) => c.name).join(' → ');
				report.error(
					'chain-loop',
					rule.target!.span,
					`loop ${path} is reachable from ${hook}: the kernel refuses the whole table (legacy: "Too many levels of symbolic links", nft: "Too many links")`
				);
			}
			continue;
		}
		const depth = stack.length; // user chains on the path, counting `next`
		if (depth > MAX_NFT_JUMP_DEPTH && !reported.has(rule)) {
			reported.add(rule);
			report.warning(
				'jump-too-deep',
				rule.target!.span,
				`this jump nests ${depth} user chains deep from ${hook}; iptables-nft refuses more than ${MAX_NFT_JUMP_DEPTH} (legacy accepts it)`
			);
		}
		const hooks = reach.get(next.name) ?? new Set<Hook>();
		const seenBefore = hooks.has(hook);
		hooks.add(hook);
		reach.set(next.name, hooks);
		// A chain already walked for this hook has nothing new to say, unless we are deeper now.
		if (seenBefore && depth <= MAX_NFT_JUMP_DEPTH) continue;
		stack.push(next);
		walk(next, hook, stack, byName, reach, reported, report);
		stack.pop();
	}
}

function checkHooks(rule: Rule, chain: Chain, hooks: Set<Hook>, t: Table, report: Reporter): void {
	const uses: { spec: ExtensionSpec; span: Rule['span'] }[] = [];
	for (const m of rule.matches) {
		const spec = m.known ? lookupMatch(m.name) : undefined;
		if (spec?.hooks) uses.push({ spec, span: m.span });
	}
	if (rule.target?.type === 'extension') {
		const spec = lookupTarget(rule.target.name);
		if (spec?.hooks) uses.push({ spec, span: rule.target.span });
	}
	for (const { spec, span } of uses) {
		const bad = [...hooks].filter((h) => !spec.hooks!.includes(h));
		if (!bad.length) continue;
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
}
