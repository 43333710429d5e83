/**
 * A connection's NAT binding and how it rewrites packets (nf_nat_setup_info, nf_nat_packet,
 * nf_nat_manip_pkt, nf_nat_icmp_reply_translation). The binding lives in the conntrack entry: its
 * reply tuple is what replies will carry, and the status bits say which manips translate. Every
 * later packet, and every reply, is rewritten from the entry alone (§4.1).
 */
import { hasPorts, IPPROTO, type Packet } from '../sim/packet';
import type { CtDirection, CtEntry, CtTuple } from '../sim/conntrack-types';
import { invertTuple, tupleKey } from '../sim/conntrack/tuple';
import type { Manip, NatRange2 } from './range';
import { uniqueTuple, type TupleOracle } from './unique-tuple';

/** An address and, where the protocol has one, a port (ICMP: the query id). */
export interface Endpoint {
	addr: number;
	port: number | null;
}

/** nf_nat_initialized: the manip's binding is set up (a NAT rule bound it, or the null binding). */
export function natDone(entry: CtEntry, manip: Manip): boolean {
	return manip === 'SRC' ? entry.status.srcNatDone : entry.status.dstNatDone;
}

/**
 * nf_nat_setup_info: binds the entry for `manip` under `range`. The current original tuple is the
 * inverted reply tuple (so a SNAT after a DNAT sees the DNATed destination); when the chosen tuple
 * differs, the reply tuple becomes its inverse and the SNAT/DNAT status bit is set.
 */
export function setupBinding(
	entry: CtEntry,
	range: NatRange2,
	manip: Manip,
	oracle: TupleOracle
): { before: CtTuple; after: CtTuple } {
	const curr = invertTuple(entry.reply) ?? entry.orig;
	const next = uniqueTuple(curr, range, manip, oracle);
	if (tupleKey(next) !== tupleKey(curr)) {
		const reply = invertTuple(next);
		if (reply) {
			entry.reply = reply;
			if (manip === 'SRC') entry.status.srcNat = true;
			else entry.status.dstNat = true;
		}
	}
	if (manip === 'SRC') entry.status.srcNatDone = true;
	else entry.status.dstNatDone = true;
	return { before: curr, after: next };
}

/** Whether packets of direction `dir` are rewritten at a `manip` hook (nf_nat_packet's statusbit). */
export function translates(entry: CtEntry, dir: CtDirection, manip: Manip): boolean {
	// A reply is rewritten by the opposite manip: de-SNAT is a destination rewrite, de-DNAT a source one.
	const srcBit = (manip === 'SRC') === (dir === 'ORIGINAL');
	return srcBit ? entry.status.srcNat : entry.status.dstNat;
}

const other = (dir: CtDirection): CtDirection => (dir === 'ORIGINAL' ? 'REPLY' : 'ORIGINAL');
const tupleOf = (entry: CtEntry, dir: CtDirection) =>
	dir === 'ORIGINAL' ? entry.orig : entry.reply;

/** The packet's endpoint a manip touches, e.g. the destination 10.0.1.1:8080 for DST. */
export function endpointOf(p: Packet, manip: Manip): Endpoint {
	const icmp = p.proto === IPPROTO.icmp;
	const port = icmp ? p.icmpId : hasPorts(p.proto) ? (manip === 'SRC' ? p.sport : p.dport) : null;
	return { addr: manip === 'SRC' ? p.src : p.dst, port };
}

/**
 * Writes the `manip` side of `target` into the packet (nf_nat_ipv4_manip_pkt): address and port;
 * for ICMP queries the id, whichever side is rewritten.
 */
function manipPacket(p: Packet, target: CtTuple, manip: Manip): void {
	if (manip === 'SRC') p.src = target.src;
	else p.dst = target.dst;
	if (p.proto === IPPROTO.icmp) {
		if (!p.embedded) p.icmpId = target.sport;
	} else if (hasPorts(p.proto)) {
		if (manip === 'SRC') p.sport = target.sport;
		else p.dport = target.dport;
	}
}

/**
 * nf_nat_packet: rewrites a packet of direction `dir` at a `manip` hook to the tuple the other
 * direction's inverse gives. Returns the endpoint before and after, or null when nothing changed.
 */
export function translatePacket(
	p: Packet,
	entry: CtEntry,
	dir: CtDirection,
	manip: Manip
): { before: Endpoint; after: Endpoint } | null {
	if (!translates(entry, dir, manip)) return null;
	const target = invertTuple(tupleOf(entry, other(dir)));
	if (!target) return null;
	const before = endpointOf(p, manip);
	manipPacket(p, target, manip);
	const after = endpointOf(p, manip);
	return before.addr === after.addr && before.port === after.port ? null : { before, after };
}

/**
 * nf_nat_icmp_reply_translation: an ICMP error RELATED to a translated flow. The quoted datagram is
 * rewritten back with the other direction's tuple (the opposite manip), and the error's own
 * header made to look like a reply to it. Returns what changed, or null.
 */
export function translateIcmpError(
	p: Packet,
	entry: CtEntry,
	dir: CtDirection,
	manip: Manip
): { before: Endpoint; after: Endpoint; inner: { before: Endpoint; after: Endpoint } } | null {
	if (!p.embedded || !translates(entry, dir, manip)) return null;
	const otherTuple = tupleOf(entry, other(dir));
	const innerManip: Manip = manip === 'SRC' ? 'DST' : 'SRC';
	const inner = { ...p.embedded };
	const innerBefore = endpointOf(inner, innerManip);
	if (innerManip === 'SRC') inner.src = otherTuple.src;
	else inner.dst = otherTuple.dst;
	if (inner.proto === IPPROTO.icmp) inner.icmpId = otherTuple.sport;
	else if (hasPorts(inner.proto)) {
		if (innerManip === 'SRC') inner.sport = otherTuple.sport;
		else inner.dport = otherTuple.dport;
	}
	p.embedded = inner;
	const target = invertTuple(otherTuple);
	const before = endpointOf(p, manip);
	if (target) {
		if (manip === 'SRC') p.src = target.src;
		else p.dst = target.dst;
	}
	return {
		before: { ...before, port: null },
		after: { addr: manip === 'SRC' ? p.src : p.dst, port: null },
		inner: { before: innerBefore, after: endpointOf(inner, innerManip) }
	};
}

export { type TupleOracle } from './unique-tuple';
