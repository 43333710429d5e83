/**
 * Conntrack tuples as the kernel builds them (nf_conntrack_core, nf_conntrack_proto_icmp): ports
 * for port-carrying protocols, id and type/code for ICMP queries, nothing for other protocols.
 */
import { hasPorts, IPPROTO, type Packet } from '../packet';
import type { CtTuple } from '../conntrack-types';

/** ICMP query types and their answers (echo 8↔0, timestamp 13↔14, info 15↔16, mask 17↔18). */
const ICMP_ANSWER: Readonly<Record<number, number>> = {
	8: 0,
	0: 8,
	13: 14,
	14: 13,
	15: 16,
	16: 15,
	17: 18,
	18: 17
};

/** Only these may start an ICMP entry; an unsolicited answer is INVALID (icmp_new). */
const ICMP_REQUESTS: ReadonlySet<number> = new Set([8, 13, 15, 17]);

/** Error types whose payload quotes the datagram they are about (icmp_error_message). */
const ICMP_ERRORS: ReadonlySet<number> = new Set([3, 4, 5, 11, 12]);

export function isIcmpErrorPacket(p: Packet): boolean {
	return p.proto === IPPROTO.icmp && ICMP_ERRORS.has(p.icmpType);
}

export function isIcmpRequest(p: Packet): boolean {
	return p.proto === IPPROTO.icmp && ICMP_REQUESTS.has(p.icmpType);
}

/** The tuple of a packet as it travels, e.g. udp 10.0.1.2:5000 → 10.0.2.2:53. */
export function packetTuple(p: Packet): CtTuple {
	if (p.proto === IPPROTO.icmp) {
		return {
			proto: p.proto,
			src: p.src,
			dst: p.dst,
			sport: p.icmpId,
			dport: (p.icmpType << 8) | p.icmpCode
		};
	}
	const ports = hasPorts(p.proto);
	return {
		proto: p.proto,
		src: p.src,
		dst: p.dst,
		sport: ports ? p.sport : 0,
		dport: ports ? p.dport : 0
	};
}

/** The tuple an answer would carry; null for an ICMP type without an answer (the kernel cannot invert it). */
export function invertTuple(t: CtTuple): CtTuple | null {
	if (t.proto === IPPROTO.icmp) {
		const answer = ICMP_ANSWER[t.dport >> 8];
		if (answer === undefined) return null;
		return {
			proto: t.proto,
			src: t.dst,
			dst: t.src,
			sport: t.sport,
			dport: (answer << 8) | (t.dport & 0xff)
		};
	}
	return { proto: t.proto, src: t.dst, dst: t.src, sport: t.dport, dport: t.sport };
}

export function tupleKey(t: CtTuple): string {
	return `${t.proto}/${t.src}:${t.sport}>${t.dst}:${t.dport}`;
}
