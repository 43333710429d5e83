/**
 * Host ipsets parsed for lookup: members as `ipset list` prints them (`10.0.0.0/8`,
 * `10.0.0.1,tcp:80`, `443`, optionally followed by `nomatch`, `timeout 300` …) become ranges,
 * once per host. The packet is looked up as ip_set_test does: the narrowest member decides, and a
 * `nomatch` member answers "not in the set" (or "in it" with `--return-nomatch`).
 */
import type { HostIpSet } from '../host';
import { parseIPv4, prefixToMask } from '../../parse/values';
import { hasPorts, type Packet } from '../packet';

export interface SetElement {
	ipLo: number;
	ipHi: number;
	/** -1 when the set type has no port dimension. */
	proto: number;
	portLo: number;
	portHi: number;
	nomatch: boolean;
}

/** A set ready for lookups: which dimensions it has, and its members. */
export interface LoadedSet {
	hasIp: boolean;
	hasPort: boolean;
	elements: SetElement[];
}

const SUPPORTED: Readonly<Record<string, [boolean, boolean]>> = {
	'hash:ip': [true, false],
	'hash:net': [true, false],
	'bitmap:ip': [true, false],
	'hash:ip,port': [true, true],
	'hash:net,port': [true, true],
	'bitmap:port': [false, true]
};

const PROTOS: Readonly<Record<string, number>> = {
	tcp: 6,
	udp: 17,
	icmp: 1,
	sctp: 132,
	udplite: 136
};

function ipRange(text: string): [number, number] | null {
	const dash = text.indexOf('-');
	if (dash >= 0) {
		const lo = parseIPv4(text.slice(0, dash));
		const hi = parseIPv4(text.slice(dash + 1));
		return lo === null || hi === null ? null : [lo >>> 0, hi >>> 0];
	}
	const [a, p] = text.split('/');
	const addr = parseIPv4(a);
	const prefix = p === undefined ? 32 : Number(p);
	if (addr === null || !(prefix >= 0 && prefix <= 32)) return null;
	const mask = prefixToMask(prefix);
	return [(addr & mask) >>> 0, ((addr & mask) | ~mask) >>> 0];
}

/** `tcp:80`, `80`, `udp:1000-2000`, `icmp:8/0`: protocol (tcp by default) and port range. */
function portRange(text: string, withProto: boolean): [number, number, number] | null {
	const colon = text.indexOf(':');
	const protoName = colon < 0 ? 'tcp' : text.slice(0, colon).toLowerCase();
	const rest = colon < 0 ? text : text.slice(colon + 1);
	const proto = PROTOS[protoName] ?? (/^\d+$/.test(protoName) ? Number(protoName) : -1);
	if (proto < 0) return null;
	if (proto === 1) {
		const [t, c] = rest.split('/').map(Number);
		return Number.isInteger(t) && Number.isInteger(c) ? [1, (t << 8) | c, (t << 8) | c] : null;
	}
	const [lo, hi = lo] = rest.split('-').map(Number);
	if (!Number.isInteger(lo) || !Number.isInteger(hi)) return null;
	return [withProto ? proto : -1, lo, hi];
}

/** The set as nfwalk reads it, or a reason it cannot. */
export function loadSet(set: HostIpSet): LoadedSet | string {
	const dims = SUPPORTED[set.type];
	if (!dims) return `ipset type ${set.type} is not simulated`;
	const [hasIp, hasPort] = dims;
	const elements: SetElement[] = [];
	for (const member of set.members) {
		const words = member.trim().split(/\s+/);
		const parts = words[0].split(',');
		const ip = hasIp ? ipRange(parts[0]) : [0, 0xffffffff];
		const port = hasPort ? portRange(parts[hasIp ? 1 : 0] ?? '', hasIp) : [-1, 0, 0xffff];
		if (!ip || !port) return `ipset ${set.name}: cannot read member "${member}"`;
		elements.push({
			ipLo: ip[0],
			ipHi: ip[1],
			proto: port[0],
			portLo: port[1],
			portHi: port[2],
			nomatch: words.includes('nomatch')
		});
	}
	return { hasIp, hasPort, elements };
}

/** The port the set sees: ports for tcp/udp/sctp/udplite, type << 8 | code for ICMP, else 0. */
function setPort(p: Packet, src: boolean): number {
	if (hasPorts(p.proto)) return src ? p.sport : p.dport;
	if (p.proto === 1) return (p.icmpType << 8) | p.icmpCode;
	return 0;
}

/**
 * Membership of the packet, `dirs[i]` true for src: the first dimension takes dirs[0], the port
 * dimension the next one. Returns the narrowest member's verdict.
 */
export function lookupSet(
	s: LoadedSet,
	p: Packet,
	dirs: readonly boolean[],
	returnNomatch: boolean
): boolean {
	const addr = (dirs[0] ? p.src : p.dst) >>> 0;
	const portSrc = s.hasIp ? dirs[1] : dirs[0];
	const port = s.hasPort ? setPort(p, portSrc) : 0;
	// bitmap:port reads only the protocols with port fields.
	if (!s.hasIp && !hasPorts(p.proto)) return false;
	let best: SetElement | null = null;
	for (let i = 0; i < s.elements.length; i++) {
		const e = s.elements[i];
		if (s.hasIp && (addr < e.ipLo || addr > e.ipHi)) continue;
		if (
			s.hasPort &&
			(port < e.portLo || port > e.portHi || (e.proto !== -1 && e.proto !== p.proto))
		)
			continue;
		if (!best || e.ipHi - e.ipLo < best.ipHi - best.ipLo) best = e;
	}
	if (!best) return false;
	return best.nomatch ? returnNomatch : true;
}
