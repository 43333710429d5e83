/**
 * The host's own network stack: what it answers to a packet delivered to it, and the packets it
 * builds for REJECT and for routing errors. Every packet built here is then traced like any
 * locally generated one, through OUTPUT and POSTROUTING.
 */
import type { HostModel } from './host-model';
import { HostTcp, tcpReset } from './host-tcp';
import { blankPacket, IPPROTO, TCP_FLAG, type Packet } from './packet';

export { tcpReset };

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

/** The host's stack: what it sends back for packets delivered to it, with TCP connections remembered. */
export class HostStack {
	private readonly tcp = new HostTcp();

	constructor(private readonly host: HostModel) {}

	/** What the stack sends back for a packet delivered to it, with why; null for nothing. */
	answer(p: Packet): { packet: Packet; cause: string } | null {
		const listening = (proto: 'tcp' | 'udp') =>
			this.host.host.listening.some(
				(s) =>
					s.proto === proto && s.port === p.dport && (s.address === null || s.address === p.dst)
			);
		if (p.proto === IPPROTO.tcp) return this.tcp.answer(p, listening('tcp'));
		if (p.proto === IPPROTO.udp) {
			if (listening('udp') || this.host.isBroadcast(p.dst)) return null;
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
}
