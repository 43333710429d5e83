import { describe, expect, it } from 'vitest';
import { TCP_FLAG, type Packet } from '../packet';
import { A, firstMatch, makeEnv } from './spec-helpers';
import { makePacket } from './test-packet';

/** TLS ClientHello start: record type 0x16 as the first payload byte. */
const tls: Partial<Packet> = {
	dport: 443,
	flags: TCP_FLAG.ACK,
	payload: '\x16\x03\x01\x02\x00',
	length: 45
};
/** An ICMP port-unreachable quoting a UDP datagram 10.0.2.2:5000 → 10.0.1.2:53. */
const portUnreachable: Partial<Packet> = {
	proto: 1,
	flags: 0,
	sport: 0,
	dport: 0,
	icmpType: 3,
	icmpCode: 3,
	length: 56,
	embedded: makePacket({
		proto: 17,
		src: A('10.0.2.2'),
		dst: A('10.0.1.2'),
		sport: 5000,
		dport: 53,
		flags: 0,
		length: 40
	})
};

/** [what it proves, --u32 expression, packet overrides, expected]. Default: SYN 10.0.1.2:40000 → 10.0.2.2:80, 60 bytes. */
const CASES: [string, string, Partial<Packet>, boolean][] = [
	['IP version 4 and header length 5 (0>>24 = 0x45)', '0>>24=0x45', {}, true],
	['protocol byte: 6&0xFF = 6 for tcp', '6&0xFF=6', {}, true],
	['protocol byte: not udp', '6&0xFF=17', {}, false],
	['total length range', '0&0xFFFF=0:100', {}, true],
	['total length above 100 fails', '0&0xFFFF=101:0xFFFF', {}, false],
	['source address word', '12=0x0A000102', {}, true],
	['destination address with a mask', '16&0xFFFFFF00=0x0A000200', {}, true],
	['destination port through the IP header length (@)', '0>>22&0x3C@0&0xFFFF=80', {}, true],
	['source port through @', '0>>22&0x3C@0>>16=40000', {}, true],
	['TCP flags byte: SYN', '0>>22&0x3C@12>>16&0x3F=0x02', {}, true],
	['TTL byte', '8>>24=64', {}, true],
	['TOS byte', '0>>16&0xFF=0x10', { tos: 0x10 }, true],
	[
		'TLS handshake: data offset then first payload byte',
		'0>>22&0x3C@12>>26&0x3C@0>>24=0x16',
		tls,
		true
	],
	['TLS test on a SYN without payload', '0>>22&0x3C@12>>26&0x3C@0>>24=0x16', {}, false],
	['&& needs every test', '6&0xFF=6&&0>>22&0x3C@0&0xFFFF=22', {}, false],
	['value list: any value may match', '6&0xFF=1,17,6', {}, true],
	['reading past the end fails (60-byte packet, word at 57)', '57=0:0xFFFFFFFF', {}, false],
	['the last whole word is readable', '56=0:0xFFFFFFFF', {}, true],
	['ICMP type/code word', '0>>22&0x3C@0>>16=0x0303', portUnreachable, true],
	[
		'quoted UDP destination port inside an ICMP error (two @ hops)',
		'0>>22&0x3C@8>>22&0x3C@8&0xFFFF=53',
		portUnreachable,
		true
	],
	['quoted datagram: its protocol byte', '0>>22&0x3C@16>>16&0xFF=17', portUnreachable, true],
	[
		'a word must fit whole: 3 payload bytes after the TCP header are not enough',
		'0>>22&0x3C@12>>26&0x3C@0>>24=0x16',
		{ ...tls, payload: '\x16\x03\x01', length: 43 },
		false
	],
	[
		'UDP length field',
		'0>>22&0x3C@4>>16=40',
		{ proto: 17, flags: 0, sport: 5000, dport: 53, length: 60 },
		true
	],
	['fields nfwalk does not carry read as 0: IP id', '4>>16=0', {}, true]
];

describe('u32 on the rebuilt datagram', () => {
	it.each(CASES)('%s', (_, expr, over, expected) => {
		const m = firstMatch(`-A INPUT -m u32 --u32 "${expr}"`);
		expect(m.test(makePacket(over), makeEnv())).toBe(expected);
	});

	it('! inverts the whole expression', () => {
		expect(firstMatch('-A INPUT -m u32 ! --u32 "6&0xFF=6"').test(makePacket(), makeEnv())).toBe(
			false
		);
	});

	it('notes the fields it reads as 0', () => {
		expect(firstMatch('-A INPUT -m u32 --u32 "6&0xFF=6"').note).toMatch(/read as 0/);
	});
});
