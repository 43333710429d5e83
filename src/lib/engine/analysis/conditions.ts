/**
 * A rule as the list of conditions a packet must meet for it to match, in the few terms shadowing
 * can compare: addresses, interfaces, protocol, fragments, ports, conntrack state, mark, and the
 * options of deterministic modules compared as written. What is not understood is said, because
 * an earlier rule with a condition nfwalk cannot read can never be proven wider than a later one.
 */
import type { Cidr, MatchCall, Negatable, OptionValue, Rule } from '../model';
import type { PortRange, ValueMask } from '../parse/values';
import { interfacePattern, type InterfacePattern } from './sets';

/** One condition, e.g. `{ type: 'masked', key: 'dst', inverted: false, value: 10.0.0.0/8 }`. */
export type Condition =
	/** `-s`, `-d` and `--mark`: `x & mask == value`. */
	| { type: 'masked'; key: 'src' | 'dst' | 'mark'; inverted: boolean; value: ValueMask }
	/** `-i`, `-o`. */
	| { type: 'interface'; key: 'in' | 'out'; inverted: boolean; value: InterfacePattern }
	/** `-p tcp` (key `proto`); `-f`/`! -f` as `later`/`first` fragment (key `frag`). */
	| { type: 'single'; key: 'proto' | 'frag'; inverted: boolean; value: string }
	/** `--sport`/`--dport` and multiport `--sports`/`--dports`, keyed by protocol: `tcp:dport`. */
	| { type: 'ports'; key: string; inverted: boolean; value: readonly PortRange[] }
	/** multiport `--ports`: the source or the destination port is in the list (`tcp:either`). */
	| {
			type: 'either-port';
			key: string;
			protocol: string;
			inverted: boolean;
			value: readonly PortRange[];
	  }
	/** `--state`, `--ctstate`. */
	| { type: 'states'; key: 'state'; inverted: boolean; value: readonly string[] }
	/** A deterministic module's other options, as text (key `m:NAME`). */
	| { type: 'identical'; key: string; inverted: false; value: string };

export interface RuleConditions {
	conditions: Condition[];
	/** False when the rule also tests something not in `conditions`. */
	complete: boolean;
}

/**
 * Modules whose result depends only on the packet, its connection and the host, so the same options
 * give the same answer at two rules of one chain unless a target in between changes what they read.
 * Counting and rate modules (limit, hashlimit, recent, quota, statistic, nfacct…) are not here:
 * each rule keeps its own count, or the first rule's test changes the second's.
 */
const DETERMINISTIC = new Set([
	'tcp',
	'udp',
	'icmp',
	'addrtype',
	'iprange',
	'mac',
	'pkttype',
	'length',
	'ttl',
	'tos',
	'dscp',
	'ecn',
	'physdev',
	'owner',
	'conntrack',
	'connmark',
	'helper',
	'set',
	'policy',
	'realm',
	'u32',
	'string',
	'time'
]);

/** xt_tcp, xt_udp, xt_multiport and xt_icmp never match a second or later fragment. */
const FIRST_FRAGMENT_ONLY = new Set(['tcp', 'udp', 'multiport', 'icmp']);

const MULTIPORT_PROTOCOLS = new Set(['tcp', 'udp', 'udplite', 'dccp', 'sctp']);

const cidr = (c: Cidr): ValueMask => ({ value: c.address, mask: c.mask });

function negatable<T, V>(n: Negatable<T> | null, map: (v: T) => V) {
	return n ? [{ inverted: n.inverted, value: map(n.value) }] : [];
}

/** Options as comparable text, in name order; bigints (u32) written out. */
function optionsText(options: readonly OptionValue[]): string {
	const parts = options.map(
		(o) =>
			`${o.inverted ? '!' : ''}${o.name}=${JSON.stringify(o.value, (_k, v) =>
				typeof v === 'bigint' ? `${v}n` : v
			)}`
	);
	return parts.sort().join(' ');
}

/** The rule's own protocol when it names exactly one, e.g. `tcp`; null for none or `! -p`. */
function ruleProtocol(rule: Rule): string | null {
	const p = rule.protocol;
	return p && !p.inverted && p.value !== 'all' ? p.value : null;
}

/** `--dport 22`, `--sports 1:1023,2049` (`tcp:sport`), `--ports 53` (`udp:either`). */
function portCondition(proto: string, o: OptionValue): Condition | null {
	const name = o.name.replace(/s$/, '');
	const value = Array.isArray(o.value) ? (o.value as PortRange[]) : [o.value as PortRange];
	if (name === 'sport' || name === 'dport')
		return { type: 'ports', key: `${proto}:${name}`, inverted: o.inverted, value };
	if (name === 'port')
		return {
			type: 'either-port',
			key: `${proto}:either`,
			protocol: proto,
			inverted: o.inverted,
			value
		};
	return null;
}

/** An option compared by meaning rather than as text; null for the module's other options. */
function interpreted(module: string, o: OptionValue, proto: string | null): Condition | null {
	switch (module) {
		case 'tcp':
		case 'udp':
			return portCondition(module, o);
		case 'multiport':
			return proto ? portCondition(proto, o) : null;
		case 'mark':
			return o.name === 'mark'
				? { type: 'masked', key: 'mark', inverted: o.inverted, value: o.value as ValueMask }
				: null;
		case 'state':
		case 'conntrack':
			return o.name === 'state' || o.name === 'ctstate'
				? { type: 'states', key: 'state', inverted: o.inverted, value: o.value as string[] }
				: null;
		default:
			return null;
	}
}

/** The conditions of one `-m` call; `complete` false when part of it is not understood. */
function matchConditions(m: MatchCall, rule: Rule): RuleConditions {
	if (!m.known) return { conditions: [], complete: false };
	if (m.name === 'comment') return { conditions: [], complete: true };
	const out: Condition[] = [];
	if (FIRST_FRAGMENT_ONLY.has(m.name))
		out.push({ type: 'single', key: 'frag', inverted: false, value: 'first' });
	// multiport reads the ports of the rule's protocol, which must be one it knows.
	const proto = ruleProtocol(rule);
	if (m.name === 'multiport' && !(proto && MULTIPORT_PROTOCOLS.has(proto)))
		return { conditions: out, complete: false };
	const rest: OptionValue[] = [];
	for (const o of m.options) {
		const c = interpreted(m.name, o, proto);
		if (c) out.push(c);
		else rest.push(o);
	}
	if (rest.length === 0) return { conditions: out, complete: true };
	if (!DETERMINISTIC.has(m.name)) return { conditions: out, complete: false };
	out.push({ type: 'identical', key: `m:${m.name}`, inverted: false, value: optionsText(rest) });
	return { conditions: out, complete: true };
}

/** Everything a packet must meet for `rule` to match, as far as nfwalk can compare it. */
export function ruleConditions(rule: Rule): RuleConditions {
	const out: Condition[] = [
		...negatable(rule.source, cidr).map((n) => ({ type: 'masked', key: 'src', ...n }) as const),
		...negatable(rule.destination, cidr).map(
			(n) => ({ type: 'masked', key: 'dst', ...n }) as const
		),
		...negatable(rule.inInterface, interfacePattern).map(
			(n) => ({ type: 'interface', key: 'in', ...n }) as const
		),
		...negatable(rule.outInterface, interfacePattern).map(
			(n) => ({ type: 'interface', key: 'out', ...n }) as const
		)
	];
	let complete = true;
	if (rule.protocol?.value === 'all') complete = !rule.protocol.inverted;
	else if (rule.protocol)
		out.push({
			type: 'single',
			key: 'proto',
			inverted: rule.protocol.inverted,
			value: rule.protocol.value
		});
	if (rule.fragment)
		out.push({
			type: 'single',
			key: 'frag',
			inverted: false,
			value: rule.fragment.inverted ? 'first' : 'later'
		});
	for (const m of rule.matches) {
		const r = matchConditions(m, rule);
		out.push(...r.conditions);
		complete &&= r.complete;
	}
	return { conditions: out, complete };
}
