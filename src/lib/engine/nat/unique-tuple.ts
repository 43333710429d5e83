/**
 * get_unique_tuple (net/netfilter/nf_nat_core.c): the original-direction tuple a NAT binding gives
 * a connection, chosen so that the reply tuple it implies is not already someone else's. Written to
 * follow the kernel step by step, since which address and port a flow gets is what users debug:
 *   1. SRC only, not random: keep the tuple if it is in the range and free; else reuse the mapping
 *      an existing connection from the same source got (so one inside host:port keeps one outside
 *      host:port);
 *   2. pick the address by a hash of the addresses (find_best_ips_proto);
 *   3. keep the port if it is in the range and free, else search the range from an offset
 *      (nf_nat_l4proto_unique_tuple) — random for SRC and for --random, from the start for DST.
 */
import { hasPorts, IPPROTO } from '../sim/packet';
import type { CtTuple } from '../sim/conntrack-types';
import { jhash2, reciprocalScale, wireWord } from './jhash';
import type { Manip, NatRange2 } from './range';

/** What the choice needs to know about the conntrack table. */
export interface TupleOracle {
	/** nf_nat_used_tuple: whether the reply of this would-be original tuple belongs to another entry. */
	used(tuple: CtTuple): boolean;
	/** Reply tuples of entries bound at SRC whose original source is `tuple`'s, newest first (bysource). */
	sameSource(tuple: CtTuple): CtTuple[];
	/** A uniform 16-bit number (get_random_u16), from the scenario's seeded generator. */
	randomU16(): number;
	/** The connection's zone (hashes include it). */
	zone: number;
}

const MAX_ATTEMPTS = 128;

const isIcmp = (t: CtTuple) => t.proto === IPPROTO.icmp;
/** GRE carries a key the PPTP helper would NAT; nfwalk tracks GRE without keys, so like TCP without ports. */
const natPorts = (t: CtTuple) => isIcmp(t) || hasPorts(t.proto);

/** The field a manip rewrites: the ICMP id (both manips), else the source or destination port. */
function portOf(t: CtTuple, manip: Manip): number {
	return isIcmp(t) || manip === 'SRC' ? t.sport : t.dport;
}

function withPort(t: CtTuple, manip: Manip, port: number): CtTuple {
	return isIcmp(t) || manip === 'SRC' ? { ...t, sport: port } : { ...t, dport: port };
}

function addrOf(t: CtTuple, manip: Manip): number {
	return manip === 'SRC' ? t.src : t.dst;
}

function withAddr(t: CtTuple, manip: Manip, addr: number): CtTuple {
	return manip === 'SRC' ? { ...t, src: addr >>> 0 } : { ...t, dst: addr >>> 0 };
}

/** l4proto_in_range: protocols without ports are always in range. */
function portInRange(t: CtTuple, manip: Manip, r: NatRange2): boolean {
	if (!natPorts(t)) return true;
	const port = portOf(t, manip);
	return port >= r.minPort && port <= r.maxPort;
}

/** nf_in_range, for the SRC manip of step 1. */
function inRange(t: CtTuple, r: NatRange2): boolean {
	if (r.mapIps && (t.src < r.minAddr || t.src > r.maxAddr)) return false;
	return !r.protoSpecified || portInRange(t, 'SRC', r);
}

/**
 * find_best_ips_proto: one address of the range, by jhash2 of the source address (the 16-byte
 * nf_inet_addr, of which IPv4 fills the first word) with the destination and zone as initval —
 * or 0 with --persistent, so a client keeps its address whatever it talks to.
 */
export function bestAddress(t: CtTuple, r: NatRange2, zone: number): number {
	if (r.minAddr === r.maxAddr) return r.minAddr;
	const initval = r.persistent ? 0 : (wireWord(t.dst) ^ zone) >>> 0;
	const j = jhash2([wireWord(t.src), 0, 0, 0], initval);
	const dist = (r.maxAddr - r.minAddr + 1) >>> 0;
	return (r.minAddr + reciprocalScale(j, dist)) >>> 0;
}

/** nf_nat_l4proto_unique_tuple: search the port (or ICMP id) space for a free tuple. */
function uniquePort(t: CtTuple, r: NatRange2, manip: Manip, oracle: TupleOracle): CtTuple {
	if (!natPorts(t)) return t;
	let min: number;
	let size: number;
	if (isIcmp(t)) {
		min = r.protoSpecified ? r.minPort : 0;
		size = r.protoSpecified ? r.maxPort - r.minPort + 1 : 65536;
	} else if (!r.protoSpecified) {
		// A destination rewrite without ports never changes the port.
		if (manip === 'DST') return t;
		const port = portOf(t, manip);
		// The kernel keeps privileged source ports privileged (512–1023 for credential passing).
		if (port < 512) [min, size] = [1, 511];
		else if (port < 1024) [min, size] = [600, 424];
		else [min, size] = [1024, 64512];
	} else {
		min = Math.min(r.minPort, r.maxPort);
		size = Math.abs(r.maxPort - r.minPort) + 1;
	}
	let off: number;
	if (r.base !== null) off = (portOf(t, manip) - r.base) & 0xffff;
	else if (r.random || r.randomFully || manip !== 'DST') off = oracle.randomU16();
	else off = 0;
	let attempts = Math.min(size, MAX_ATTEMPTS);
	let candidate = t;
	// The kernel retries with a fresh offset and half the window until one is free; a range this
	// full in a scenario is a scenario of thousands of flows, so stop after the windows run out.
	while (attempts > 0) {
		for (let i = 0; i < attempts; i++, off++) {
			candidate = withPort(t, manip, min + (off % size));
			if (!oracle.used(candidate)) return candidate;
		}
		attempts >>= 1;
		off = oracle.randomU16();
	}
	return candidate;
}

/** The new original-direction tuple for `curr` (the inverted reply tuple) under `range`. */
export function uniqueTuple(
	curr: CtTuple,
	r: NatRange2,
	manip: Manip,
	oracle: TupleOracle
): CtTuple {
	const randomAll = r.random || r.randomFully;
	if (manip === 'SRC' && !randomAll) {
		if (inRange(curr, r)) {
			if (!oracle.used(curr)) return curr;
		} else {
			for (const reply of oracle.sameSource(curr)) {
				const mapped = { ...curr, src: reply.dst, sport: isIcmp(curr) ? reply.sport : reply.dport };
				if (inRange(mapped, r) && !oracle.used(mapped)) return mapped;
				if (inRange(mapped, r)) break;
			}
		}
	}
	let t = curr;
	if (r.mapIps) t = withAddr(t, manip, bestAddress(curr, r, oracle.zone));
	if (!randomAll) {
		if (r.protoSpecified) {
			if (
				r.base === null &&
				portInRange(t, manip, r) &&
				(r.minPort === r.maxPort || !oracle.used(t))
			)
				return t;
		} else if (!oracle.used(t)) return t;
	}
	return uniquePort(t, r, manip, oracle);
}

export { addrOf, portOf };
