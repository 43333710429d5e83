import { describe, expect, it } from 'vitest';
import type { PacketJson } from '../scenario';
import { withIcmpType, withProto } from './packet-shape';

const syn: PacketJson = {
	from: 'eth0',
	proto: 'tcp',
	src: '10.0.0.2',
	sport: 1234,
	dst: '10.0.0.1',
	dport: 22,
	flags: ['SYN']
};
const ends = { from: 'eth0', src: '10.0.0.2', dst: '10.0.0.1' };
const quote = { proto: 'udp', src: '10.0.0.1', dst: '10.0.0.2', sport: 1, dport: 2 };

describe('withProto', () => {
	it.each([
		[
			'tcp → udp keeps the ports, drops the flags',
			syn,
			'udp',
			{ ...ends, proto: 'udp', sport: 1234, dport: 22 }
		],
		[
			'tcp → icmp: an echo request',
			syn,
			'icmp',
			{ ...ends, proto: 'icmp', type: 8, code: 0, id: 1 }
		],
		[
			'icmp → tcp: ports and a SYN',
			{ ...ends, proto: 'icmp', type: 8, code: 0, id: 3 },
			'tcp',
			{ ...ends, proto: 'tcp', sport: 40000, dport: 80, flags: ['SYN'] }
		],
		['tcp → gre: no ports', syn, 'gre', { ...ends, proto: 'gre' }],
		['tcp → 17 (a number): ports kept', syn, 17, { ...ends, proto: 17, sport: 1234, dport: 22 }],
		[
			'an ICMP error keeps its quote',
			{ ...ends, proto: 'icmp', type: 3, code: 3, embedded: quote },
			'icmp',
			{ ...ends, proto: 'icmp', type: 3, code: 3, embedded: quote }
		]
	] as [string, PacketJson, string | number, PacketJson][])(
		'%s',
		(_why, packet, proto, expected) => {
			expect(withProto(packet, proto)).toEqual(expected);
		}
	);
});

describe('withIcmpType', () => {
	const echo: PacketJson = { ...ends, proto: 'icmp', type: 8, code: 0, id: 5 };
	it.each([
		['echo → timestamp keeps the id', echo, 13, { ...echo, type: 13 }],
		['echo → port unreachable loses the id', echo, 3, { ...ends, proto: 'icmp', type: 3, code: 0 }],
		[
			'error → echo: an id, no quote',
			{ ...ends, proto: 'icmp', type: 3, code: 3, embedded: quote },
			8,
			{ ...ends, proto: 'icmp', type: 8, code: 3, id: 1 }
		]
	] as [string, PacketJson, number, PacketJson][])('%s', (_why, packet, type, expected) => {
		expect(withIcmpType(packet, type)).toEqual(expected);
	});
});
