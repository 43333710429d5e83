/**
 * "Add the reply to this packet": the answer the other end sends, with its ends swapped, the
 * flags or ICMP type TCP and ICMP would answer with, and arriving where the original left (see
 * way-back.ts), so conntrack and NAT can be followed in both directions. Also the ICMP error
 * the other end would send about a packet.
 */
import type { HostJson, PacketJson } from '../scenario';
import { flagBits, flagNames, ICMP, ICMP_ANSWERS, isIcmpError, protoOf, TCP } from './headers';
import { TCP_FLAG } from '../../engine/sim/packet';
import { wayBack, type WayBack, type Walked } from './way-back';

/** A composed answer, or why there is none. `note` tells the user what was assumed. */
export type Answer =
	| { ok: true; packet: PacketJson; basis: WayBack['basis']; note: string | null }
	| { ok: false; reason: string };

const { SYN, ACK, FIN, RST } = TCP_FLAG;

/** Once both FINs are seen only the last ACK is left to send. */
const BOTH_CLOSED = ['LAST_ACK', 'TIME_WAIT', 'CLOSE'];

/** The flags that answer a segment, or a reason when TCP sends nothing back. */
function answerFlags(
	flags: number,
	tcpState: string | null
): { flags: number; note?: string } | string {
	if (flags & RST) return 'nothing answers a RST';
	if (flags & SYN) return { flags: flags & ACK ? ACK : SYN | ACK };
	if (flags & FIN) return { flags: tcpState && BOTH_CLOSED.includes(tcpState) ? ACK : FIN | ACK };
	if (flags & ACK) return { flags: ACK };
	return 'a segment without SYN, FIN or ACK gets no answer here; write the answer yourself';
}

function swapped(way: WayBack, original: PacketJson): PacketJson {
	const { left } = way;
	const out: PacketJson = { from: way.from, proto: original.proto, src: left.dst, dst: left.src };
	if (left.dport !== undefined) out.sport = left.dport;
	if (left.sport !== undefined) out.dport = left.sport;
	return out;
}

/** The reply to `packet`: ends swapped, the right flags or ICMP type, arriving where it left. */
export function replyTo(packet: PacketJson, host: HostJson, walked?: Walked | null): Answer {
	const proto = protoOf(packet);
	if (proto === null) return { ok: false, reason: `"${packet.proto}" is not a protocol` };
	if (isIcmpError(packet)) return { ok: false, reason: 'nothing answers an ICMP error' };
	if (proto === ICMP && ICMP_ANSWERS[packet.type ?? -1] === undefined)
		return { ok: false, reason: `an ICMP type ${packet.type} message gets no reply` };

	const way = wayBack(packet, host, walked);
	if (!way.ok) return way;
	const reply = swapped(way, packet);
	let note = way.note;
	if (proto === TCP) {
		const answer = answerFlags(flagBits(packet.flags), way.tcpState);
		if (typeof answer === 'string') return { ok: false, reason: answer };
		reply.flags = flagNames(answer.flags);
	} else if (proto === ICMP) {
		reply.type = ICMP_ANSWERS[packet.type!];
		reply.code = 0;
		if (way.left.id !== undefined) reply.id = way.left.id;
	}
	if (proto === TCP && flagBits(packet.flags) === ACK && !packet.payload)
		note = join(note, 'TCP does not answer a bare ACK; this is an ACK from the other end');
	return { ok: true, packet: reply, basis: way.basis, note };
}

function join(a: string | null, b: string): string {
	return a ? `${a}; ${b}` : b;
}

/**
 * The ICMP error the other end sends about `packet` (port unreachable unless said), quoting the
 * packet as it left the host, so conntrack can relate it to the flow through any NAT.
 */
export function icmpErrorAbout(
	packet: PacketJson,
	host: HostJson,
	walked?: Walked | null,
	kind: { type: number; code: number } = { type: 3, code: 3 }
): Answer {
	const proto = protoOf(packet);
	if (proto === null) return { ok: false, reason: `"${packet.proto}" is not a protocol` };
	if (isIcmpError(packet))
		return { ok: false, reason: 'the kernel never sends an ICMP error about an ICMP error' };
	const way = wayBack(packet, host, walked);
	if (!way.ok) return way;
	const { left } = way;
	const embedded: NonNullable<PacketJson['embedded']> = {
		proto: packet.proto,
		src: left.src,
		dst: left.dst
	};
	if (left.sport !== undefined) embedded.sport = left.sport;
	if (left.dport !== undefined) embedded.dport = left.dport;
	if (proto === ICMP) {
		embedded.type = packet.type;
		embedded.code = packet.code;
		if (left.id !== undefined) embedded.id = left.id;
	}
	const error: PacketJson = {
		from: way.from,
		proto: 'icmp',
		src: left.dst,
		dst: left.src,
		type: kind.type,
		code: kind.code,
		embedded
	};
	return { ok: true, packet: error, basis: way.basis, note: way.note };
}
