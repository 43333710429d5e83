/**
 * Whether any rule makes the kernel load connection tracking (§1.4): conntrack is off in a netns
 * until a rule needs it, and an empty nat table does not turn it on (§8 item 3).
 */
import type { Rule, Ruleset } from '../../model';

/** Matches that take a reference on conntrack (nf_ct_netns_get in their checkentry). */
const CT_MATCHES: ReadonlySet<string> = new Set([
	'conntrack',
	'state',
	'connmark',
	'helper',
	'connbytes',
	'connlimit',
	'connlabel',
	'cluster'
]);

/**
 * Targets that do. NAT targets are here because nat needs conntrack (MASQUERADE alone is enough);
 * CONNSECMARK, SYNPROXY and CLUSTERIP also call nf_ct_netns_get in the kernel.
 *
 * NOTRACK and `CT --notrack` are not: xt_ct_tg_check jumps past nf_ct_netns_get when the notrack
 * flag is set, and the NOTRACK target has no checkentry at all (net/netfilter/xt_CT.c). A rule
 * set whose only conntrack user is a notrack rule leaves conntrack off, so its nat chains never run.
 */
const CT_TARGETS: ReadonlySet<string> = new Set([
	'CONNMARK',
	'CT',
	'DNAT',
	'SNAT',
	'MASQUERADE',
	'REDIRECT',
	'NETMAP',
	'CONNSECMARK',
	'SYNPROXY',
	'CLUSTERIP'
]);

function targetNeedsConntrack(target: Rule['target']): boolean {
	if (target?.type !== 'extension' || !CT_TARGETS.has(target.name)) return false;
	return !(target.name === 'CT' && target.options.some((o) => o.name === 'notrack'));
}

/** True when some rule, reachable or not (the kernel checks every rule at load), needs conntrack. */
export function conntrackActive(ruleset: Ruleset): boolean {
	return ruleset.tables.some((table) =>
		table.chains.some((chain) =>
			chain.rules.some(
				(rule) =>
					rule.matches.some((m) => CT_MATCHES.has(m.name)) || targetNeedsConntrack(rule.target)
			)
		)
	);
}
