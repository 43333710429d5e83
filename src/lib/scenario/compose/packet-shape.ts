/**
 * A packet changed to another protocol or ICMP type: the fields that do not apply any more go
 * (the parser refuses ports on ICMP, flags on UDP, an id on an ICMP error), and the ones now
 * needed get a start value.
 */
import { hasPorts } from '../../engine/sim/packet';
import type { PacketJson } from '../scenario';
import { ICMP, ICMP_ERROR_TYPES, protocolNumberOf, TCP } from './headers';
import { withFields } from './packet-list';

/** ICMP types whose header carries an identifier: echo, timestamp, information, address mask. */
const ICMP_WITH_ID = [0, 8, 13, 14, 15, 16, 17, 18];

export function withProto(packet: PacketJson, proto: string | number): PacketJson {
	const n = protocolNumberOf(proto);
	const ports = n !== null && hasPorts(n);
	const shaped = withFields(packet, {
		proto,
		sport: ports ? (packet.sport ?? 40000) : undefined,
		dport: ports ? (packet.dport ?? 80) : undefined,
		flags: n === TCP ? (packet.flags ?? ['SYN']) : undefined,
		type: n === ICMP ? (packet.type ?? 8) : undefined,
		code: n === ICMP ? (packet.code ?? 0) : undefined
	});
	return n === ICMP
		? withIcmpType(shaped, shaped.type!)
		: withFields(shaped, { id: undefined, embedded: undefined });
}

/** An ICMP packet of another type: an id for queries, none for errors, a quote only on errors. */
export function withIcmpType(packet: PacketJson, type: number): PacketJson {
	return withFields(packet, {
		type,
		id: ICMP_WITH_ID.includes(type) ? (packet.id ?? 1) : undefined,
		embedded: ICMP_ERROR_TYPES.includes(type) ? packet.embedded : undefined
	});
}
