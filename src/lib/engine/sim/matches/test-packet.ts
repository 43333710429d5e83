/**
 * A packet for specs: a TCP SYN 10.0.1.2:40000 → 10.0.2.2:80, ttl 64, 60 bytes, everything else
 * zero or null. Specs override only what the case is about, so the case reads as its difference.
 */
import { blankPacket, TCP_FLAG, type Packet } from '../packet';

export function makePacket(overrides: Partial<Packet> = {}): Packet {
	return blankPacket({
		proto: 6,
		src: 0x0a000102,
		dst: 0x0a000202,
		sport: 40000,
		dport: 80,
		flags: TCP_FLAG.SYN,
		length: 60,
		...overrides
	});
}
