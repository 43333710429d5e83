/**
 * What a rule's target does to the rest of its chain: ends it for the packet (a terminal verdict),
 * or lets the packet go on, perhaps changed. A change matters to shadowing: `-j MARK` between two
 * rules can make the second match a packet the first did not.
 */
import type { Rule, Table } from '../model';

/**
 * Targets after which no later rule of the chain sees the packet, as src/lib/engine/sim/targets
 * runs them: REJECT drops, NFQUEUE queues (or, with --queue-bypass, accepts), the NAT targets
 * accept for the nat table, TPROXY accepts or drops. SYNPROXY is not here: packets other than a
 * bare SYN or ACK continue.
 */
export const TERMINAL_TARGETS: ReadonlySet<string> = new Set([
	'REJECT',
	'NFQUEUE',
	'DNAT',
	'SNAT',
	'MASQUERADE',
	'REDIRECT',
	'NETMAP',
	'TPROXY'
]);

/**
 * Condition keys (see conditions.ts) a continuing packet may no longer meet the same way:
 * `*` everything, `m:*` every module compared as written.
 */
export type Changes = ReadonlySet<string>;

const NOTHING: Changes = new Set();
export const EVERYTHING: Changes = new Set(['*']);

/** What the targets that continue may change; a target not named here may change anything. */
const CONTINUING: Readonly<Record<string, Changes>> = {
	LOG: NOTHING,
	NFLOG: NOTHING,
	TRACE: NOTHING,
	SYNPROXY: NOTHING,
	MARK: new Set(['mark']),
	CONNMARK: new Set(['mark', 'm:connmark']),
	SET: new Set(['m:set']),
	// Header fields only the modules compared as written read (tos, ttl, ecn, u32, length…).
	TOS: new Set(['m:*']),
	DSCP: new Set(['m:*']),
	ECN: new Set(['m:*']),
	TTL: new Set(['m:*']),
	TCPMSS: new Set(['m:*']),
	// A new or untracked connection changes what --ctstate sees.
	CT: new Set(['state', 'm:*']),
	NOTRACK: new Set(['state', 'm:*'])
};

export function isTerminal(rule: Rule): boolean {
	const t = rule.target;
	if (!t) return false;
	if (t.type === 'verdict') return true; // ACCEPT, DROP, QUEUE; RETURN too (the policy, in a built-in chain)
	if (t.type === 'chain') return t.goto;
	return TERMINAL_TARGETS.has(t.name);
}

/**
 * What the user chains of a table may change in a packet they return: every change of their
 * rules, through the chains they jump or go to (a RETURN from a chain reached by -g goes back to
 * the caller of the chain that went). A loop, which iptables refuses, counts as everything.
 */
export class ChainChanges {
	private readonly known = new Map<string, Changes | 'visiting'>();
	private readonly chains: Map<string, Rule[]>;

	constructor(table: Table) {
		this.chains = new Map(table.chains.map((c) => [c.name, c.rules]));
	}

	/** What the packet may carry changed after `rule`, when it goes on to the next rule. */
	ofRule(rule: Rule): Changes {
		const t = rule.target;
		if (!t) return NOTHING;
		if (t.type === 'verdict') return NOTHING;
		if (t.type === 'chain') return t.goto ? NOTHING : this.ofChain(t.chain);
		if (TERMINAL_TARGETS.has(t.name)) return NOTHING;
		return Object.hasOwn(CONTINUING, t.name) ? CONTINUING[t.name] : EVERYTHING;
	}

	ofChain(name: string): Changes {
		const seen = this.known.get(name);
		if (seen === 'visiting') return EVERYTHING;
		if (seen) return seen;
		const rules = this.chains.get(name);
		if (!rules) return EVERYTHING;
		this.known.set(name, 'visiting');
		const all = new Set<string>();
		for (const rule of rules) {
			const t = rule.target;
			const c = t?.type === 'chain' ? this.ofChain(t.chain) : this.ofRule(rule);
			for (const key of c) all.add(key);
		}
		const result = all.has('*') ? EVERYTHING : all;
		this.known.set(name, result);
		return result;
	}
}
