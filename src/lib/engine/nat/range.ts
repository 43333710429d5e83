/**
 * What a NAT target asks conntrack for: the kernel's `struct nf_nat_range2` and the manip type,
 * built from a rule's options (libxt_NAT, libxt_MASQUERADE, libxt_REDIRECT, libxt_NETMAP) and,
 * for MASQUERADE, REDIRECT and NETMAP, from the packet and the host at the moment the rule runs.
 */
import type { OptionValue } from '../model';
import type { NatPorts, NatRange } from '../extensions/nat-values';
import { prefixToMask } from '../parse/values';
import { hasOpt, optionValue } from '../sim/targets/target-values';

/** SRC rewrites the source (POSTROUTING, INPUT); DST the destination (PREROUTING, OUTPUT). */
export type Manip = 'SRC' | 'DST';

/** `struct nf_nat_range2` for IPv4, e.g. DNAT to 10.0.1.2:80 is `mapIps`, 10.0.1.2–10.0.1.2, port 80–80. */
export interface NatRange2 {
	/** NF_NAT_RANGE_MAP_IPS: the address is rewritten into min..max. */
	mapIps: boolean;
	minAddr: number;
	maxAddr: number;
	/** NF_NAT_RANGE_PROTO_SPECIFIED: the port (ICMP: the id) is rewritten into min..max. */
	protoSpecified: boolean;
	minPort: number;
	maxPort: number;
	/** NF_NAT_RANGE_PROTO_OFFSET (`PORT-PORT/BASE`): ports map with an offset from `base`. */
	base: number | null;
	/** NF_NAT_RANGE_PROTO_RANDOM (`--random`). */
	random: boolean;
	/** NF_NAT_RANGE_PROTO_RANDOM_FULLY (`--random-fully`). */
	randomFully: boolean;
	/** NF_NAT_RANGE_PERSISTENT (`--persistent`): the address hash ignores the destination. */
	persistent: boolean;
}

/** A NAT target as compiled: what it binds once the packet and the host are known. */
export type NatRequest =
	| { kind: 'SNAT' | 'DNAT'; range: NatRange2 }
	/** Address: the out interface's, chosen for the next hop when the rule runs. */
	| { kind: 'MASQUERADE'; range: NatRange2 }
	/** Address: the in interface's first, or 127.0.0.1 from OUTPUT. */
	| { kind: 'REDIRECT'; range: NatRange2 }
	/** The network part of `--to` replaces the network part of the address; the host part stays. */
	| { kind: 'NETMAP'; network: number; mask: number };

function flagsOf(options: readonly OptionValue[]) {
	return {
		random: hasOpt(options, 'random'),
		randomFully: hasOpt(options, 'random-fully'),
		persistent: hasOpt(options, 'persistent')
	};
}

function withPorts(ports: NatPorts | null | undefined) {
	return ports
		? { protoSpecified: true, minPort: ports.min, maxPort: ports.max, base: ports.base ?? null }
		: { protoSpecified: false, minPort: 0, maxPort: 0, base: null };
}

/** The range of `--to-source`/`--to-destination` (or none: the address and port stay). */
export function rangeOf(to: NatRange | undefined, options: readonly OptionValue[]): NatRange2 {
	const ips = to?.ips ?? null;
	return {
		mapIps: ips !== null,
		minAddr: ips?.min ?? 0,
		maxAddr: ips?.max ?? 0,
		...withPorts(to?.ports),
		...flagsOf(options)
	};
}

/** The request a NAT target's options make, e.g. `-j DNAT --to-destination 10.0.1.2:80`. */
export function natRequest(target: string, options: readonly OptionValue[]): NatRequest | null {
	switch (target) {
		case 'SNAT':
			return { kind: 'SNAT', range: rangeOf(optionValue(options, 'to-source'), options) };
		case 'DNAT':
			return { kind: 'DNAT', range: rangeOf(optionValue(options, 'to-destination'), options) };
		case 'MASQUERADE':
		case 'REDIRECT':
			return {
				kind: target,
				range: { ...rangeOf(undefined, options), ...withPorts(optionValue(options, 'to-ports')) }
			};
		case 'NETMAP': {
			const to = optionValue<{ address: number; prefix: number }>(options, 'to');
			if (!to) return null;
			return { kind: 'NETMAP', network: to.address, mask: prefixToMask(to.prefix) };
		}
		default:
			return null;
	}
}

/** A single address, as MASQUERADE, REDIRECT and NETMAP make the range they hand on. */
export function singleAddress(range: NatRange2, addr: number): NatRange2 {
	return { ...range, mapIps: true, minAddr: addr, maxAddr: addr };
}

/** The null binding (nf_nat_alloc_null_binding): the address the tuple already has. */
export function nullRange(addr: number): NatRange2 {
	return {
		mapIps: true,
		minAddr: addr,
		maxAddr: addr,
		protoSpecified: false,
		minPort: 0,
		maxPort: 0,
		base: null,
		random: false,
		randomFully: false,
		persistent: false
	};
}
