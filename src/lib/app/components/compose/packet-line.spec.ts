import { describe, expect, it } from 'vitest';
import type { PacketJson } from '$lib/scenario/scenario';
import { packetLine } from './packet-line';

describe('packetLine', () => {
	it.each([
		[
			{
				from: 'eth0',
				proto: 'tcp',
				src: '10.0.2.2',
				sport: 40000,
				dst: '10.0.2.1',
				dport: 8080,
				flags: ['SYN', 'ACK']
			},
			'tcp 10.0.2.2:40000 → 10.0.2.1:8080 SYN,ACK'
		],
		[
			{
				from: 'eth0',
				proto: 'tcp',
				src: '10.0.2.2',
				sport: 1,
				dst: '10.0.2.1',
				dport: 2,
				flags: [],
				payload: 'GET / HTTP/1.0 and a long tail'
			},
			'tcp 10.0.2.2:1 → 10.0.2.1:2 (no flags) “GET / HTTP/1.0 and a lo…”'
		],
		[
			{ from: 'local', proto: 'udp', sport: 5353, dst: '10.0.2.2', dport: 53 },
			'udp (routing picks):5353 → 10.0.2.2:53'
		],
		[
			{ from: 'eth0', proto: 'icmp', src: '10.0.1.2', dst: '10.0.2.2', type: 8, code: 0, id: 7 },
			'icmp 10.0.1.2 → 10.0.2.2 echo request id 7'
		],
		[
			{
				from: 'eth1',
				proto: 'icmp',
				src: '10.0.2.2',
				dst: '10.0.2.1',
				type: 3,
				code: 3,
				embedded: { proto: 'udp', src: '10.0.2.1', dst: '10.0.2.2', sport: 5000, dport: 53 }
			},
			'icmp 10.0.2.2 → 10.0.2.1 unreachable code 3 about udp 10.0.2.1:5000 → 10.0.2.2:53'
		]
	] as [PacketJson, string][])('%j', (packet, line) => expect(packetLine(packet)).toBe(line));
});
