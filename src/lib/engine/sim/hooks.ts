/**
 * Which base chains run at each hook, in kernel priority order (§1.1), and which of them exist:
 * iptables-nft registers only the built-in chains a rule set declares, legacy all of a loaded
 * table's (§1.3). Conntrack's lookup (−200) and confirm (last) sit between them.
 */
import type { Chain, Hook, Ruleset, TableName } from '../model';

/** One slot of a hook: a table's base chain, or conntrack's lookup/confirm. */
export type HookSlot =
	{ type: 'table'; table: TableName } | { type: 'ct-lookup' } | { type: 'ct-confirm' };

const T = (table: TableName): HookSlot => ({ type: 'table', table });
const LOOKUP: HookSlot = { type: 'ct-lookup' };
const CONFIRM: HookSlot = { type: 'ct-confirm' };

/** iptables-nft registers security at 150, after nat INPUT (100); legacy's NF_IP_PRI_SECURITY is 50. */
const ORDER: Record<'nft' | 'legacy', Record<Hook, readonly HookSlot[]>> = {
	nft: {
		PREROUTING: [T('raw'), LOOKUP, T('mangle'), T('nat')],
		INPUT: [T('mangle'), T('filter'), T('nat'), T('security'), CONFIRM],
		FORWARD: [T('mangle'), T('filter'), T('security')],
		OUTPUT: [T('raw'), LOOKUP, T('mangle'), T('nat'), T('filter'), T('security')],
		POSTROUTING: [T('mangle'), T('nat'), CONFIRM]
	},
	legacy: {
		PREROUTING: [T('raw'), LOOKUP, T('mangle'), T('nat')],
		INPUT: [T('mangle'), T('filter'), T('security'), T('nat'), CONFIRM],
		FORWARD: [T('mangle'), T('filter'), T('security')],
		OUTPUT: [T('raw'), LOOKUP, T('mangle'), T('nat'), T('filter'), T('security')],
		POSTROUTING: [T('mangle'), T('nat'), CONFIRM]
	}
};

export function hookSlots(hook: Hook, backend: 'nft' | 'legacy'): readonly HookSlot[] {
	return ORDER[backend][hook];
}

/** The base chain of `table` at `hook` if it exists for this backend, else null. */
export function baseChain(
	ruleset: Ruleset,
	table: TableName,
	hook: Hook,
	backend: 'nft' | 'legacy'
): Chain | null {
	const t = ruleset.tables.find((x) => x.name === table);
	if (!t) return null;
	const c = t.chains.find((x) => x.builtin && x.name === hook);
	if (!c) return null;
	return backend === 'legacy' || c.declared ? c : null;
}
