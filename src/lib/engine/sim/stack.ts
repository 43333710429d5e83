/**
 * The host's own network stack: what it answers to a packet delivered to it, and the packets it
 * builds for REJECT and for routing errors. Every packet built here is then traced like any
 * locally generated one, through OUTPUT and POSTROUTING.
 */
import type { HostModel } from './host-model';
import { blankPacket, IPPROTO, TCP_FLAG, type Packet } from './packet';

/** REJECT `--reject-with` types and their ICMP code (type 3, destination unreachable). */
const REJECT_CODES: Readonly<Record<string, number>> = {
	'icmp-net-unreachable': 0,
	'icmp-host-unreachable': 1,
	'icmp-proto-unreachable': 2,
	'icmp-port-unreachable': 3,
	'icmp-net-prohibited': 9,
	'icmp-host-prohibited': 10,
	'icmp-admin-prohibited': 13
};

function base(from: Packet, src: number, dst: number, proto: number): Packet {
	return blankPacket({ proto, src, dst, time: from.time });
}

/**
 * An ICMP error about `orig` (destination unreachable, time exceeded), from `src`. The kernel
 * quotes as much of the datagram as fits in 576 bytes, so the length follows the original's.
 */
export function icmpError(orig: Packet, type: number, code: number, src: number): Packet {
	const p = base(orig, src, orig.src, IPPROTO.icmp);
	p.icmpType = type;
	p.icmpCode = code;
	p.embedded = { ...orig, embedded: null };
	p.length = 28 + Math.min(orig.length, 548);
	return p;
}

/** The RST that answers `orig`: from its destination, RST|ACK unless `orig` carried an ACK (§2.5). */
export function tcpReset(orig: Packet): Packet {
	const p = base(orig, orig.dst, orig.src, IPPROTO.tcp);
	p.sport = orig.dport;
	p.dport = orig.sport;
	p.flags = orig.flags & TCP_FLAG.ACK ? TCP_FLAG.RST : TCP_FLAG.RST | TCP_FLAG.ACK;
	p.length = 40;
	return p;
}

/** The packet REJECT sends for `orig`, or null when the kernel sends nothing (no error about an ICMP error). */
export function rejectPacket(orig: Packet, rejectWith: string, src: number): Packet | null {
	if (rejectWith === 'tcp-reset')
		return orig.proto === IPPROTO.tcp && !(orig.flags & TCP_FLAG.RST) ? tcpReset(orig) : null;
	if (isIcmpError(orig)) return null;
	return icmpError(orig, 3, REJECT_CODES[rejectWith] ?? 3, src);
}

/** ICMP errors are never answered with ICMP errors (RFC 1122), as the kernel's icmp_send enforces. */
export function isIcmpError(p: Packet): boolean {
	return p.proto === IPPROTO.icmp && [3, 4, 5, 11, 12].includes(p.icmpType);
}

/** What the host's stack sends back for a packet delivered to it, with why; null for nothing. */
export function stackAnswer(p: Packet, host: HostModel): { packet: Packet; cause: string } | null {
	const listening = (proto: 'tcp' | 'udp') =>
		host.host.listening.some(
			(s) => s.proto === proto && s.port === p.dport && (s.address === null || s.address === p.dst)
		);
	if (p.proto === IPPROTO.tcp) {
		const f = p.flags;
		if (f & TCP_FLAG.RST) return null;
		if (listening('tcp')) {
			if ((f & (TCP_FLAG.SYN | TCP_FLAG.ACK)) !== TCP_FLAG.SYN) return null;
			const r = base(p, p.dst, p.src, IPPROTO.tcp);
			r.sport = p.dport;
			r.dport = p.sport;
			r.flags = TCP_FLAG.SYN | TCP_FLAG.ACK;
			r.length = 44;
			return { packet: r, cause: `SYN to listening tcp/${p.dport}: the socket answers SYN-ACK` };
		}
		return { packet: tcpReset(p), cause: `no socket on tcp/${p.dport}: the stack answers RST` };
	}
	if (p.proto === IPPROTO.udp) {
		if (listening('udp') || host.isBroadcast(p.dst)) return null;
		return {
			packet: icmpError(p, 3, 3, p.dst),
			cause: `no socket on udp/${p.dport}: the stack answers ICMP port unreachable`
		};
	}
	if (p.proto === IPPROTO.icmp && (p.icmpType === 8 || p.icmpType === 13)) {
		const r = base(p, p.dst, p.src, IPPROTO.icmp);
		r.icmpType = p.icmpType === 8 ? 0 : 14;
		r.icmpId = p.icmpId;
		r.payload = p.payload;
		r.length = p.length;
		return {
			packet: r,
			cause:
				p.icmpType === 8
					? 'echo request: the stack answers echo reply'
					: 'timestamp request: the stack answers timestamp reply'
		};
	}
	return null;
}
