/**
 * A packet for specs: a TCP SYN 10.0.1.2:40000 → 10.0.2.2:80, ttl 64, 60 bytes, everything else
 * zero or null. Specs override only what the case is about, so the case reads as its difference.
 */
import { TCP_FLAG, type Packet } from '../packet';

export function makePacket(overrides: Partial<Packet> = {}): Packet {
	return {
		proto: 6,
		src: 0x0a000102,
		dst: 0x0a000202,
		sport: 40000,
		dport: 80,
		flags: TCP_FLAG.SYN,
		icmpType: 0,
		icmpCode: 0,
		icmpId: 0,
		ttl: 64,
		tos: 0,
		length: 60,
		payload: '',
		embedded: null,
		mac: null,
		mark: 0,
		inIface: null,
		outIface: null,
		uid: null,
		gid: null,
		time: 0,
		...overrides
	};
}
