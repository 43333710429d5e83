import { describe, expect, it } from 'vitest';
import { TCP_FLAG, type Packet } from '../packet';
import { A, firstMatch, makeEnv } from './spec-helpers';
import { makePacket } from './test-packet';

const { SYN, ACK, FIN, ECE } = TCP_FLAG;
const icmp = (icmpType: number, icmpCode = 0): Partial<Packet> => ({
	proto: 1,
	flags: 0,
	sport: 0,
	dport: 0,
	icmpType,
	icmpCode
});
const udp: Partial<Packet> = { proto: 17, flags: 0, sport: 5000, dport: 53 };

/** [what it proves, rule, packet overrides, expected]. The default packet is a SYN to 10.0.2.2:80. */
const CASES: [string, string, Partial<Packet>, boolean][] = [
	['tcp --dport equal', '-A INPUT -p tcp --dport 80', {}, true],
	['tcp --dport other', '-A INPUT -p tcp --dport 22', {}, false],
	['tcp ! --dport inverts', '-A INPUT -p tcp ! --dport 22', {}, true],
	['tcp --sport range upper bound inclusive', '-A INPUT -p tcp --sport 30000:40000', {}, true],
	['tcp --sport range excludes', '-A INPUT -p tcp --sport 30000:39999', {}, false],
	['--syn on a SYN', '-A INPUT -p tcp --syn', {}, true],
	['--syn on a SYN-ACK', '-A INPUT -p tcp --syn', { flags: SYN | ACK }, false],
	['! --syn on a bare ACK', '-A INPUT -p tcp ! --syn', { flags: ACK }, true],
	['--tcp-flags mask/comp', '-A INPUT -p tcp --tcp-flags ALL FIN,ACK', { flags: FIN | ACK }, true],
	[
		'--tcp-flags ALL ignores ECE',
		'-A INPUT -p tcp --tcp-flags ALL SYN',
		{ flags: SYN | ECE },
		true
	],
	['--tcp-flags RST', '-A INPUT -p tcp --tcp-flags RST RST', {}, false],
	['--tcp-option is never present', '-A INPUT -p tcp --tcp-option 2', {}, false],
	['! --tcp-option always matches', '-A INPUT -p tcp ! --tcp-option 2', {}, true],
	['tcp match on a UDP packet', '-A INPUT -p tcp --dport 53', udp, false],
	['udp --dport', '-A INPUT -p udp --dport 53', udp, true],
	['udp --sport other', '-A INPUT -p udp --sport 53', udp, false],
	['icmp echo-request', '-A INPUT -p icmp --icmp-type echo-request', icmp(8), true],
	['icmp echo-request vs reply', '-A INPUT -p icmp --icmp-type echo-request', icmp(0), false],
	['icmp port-unreachable code', '-A INPUT -p icmp --icmp-type port-unreachable', icmp(3, 3), true],
	[
		'icmp host-unreachable ≠ code 3',
		'-A INPUT -p icmp --icmp-type host-unreachable',
		icmp(3, 3),
		false
	],
	['icmp destination-unreachable any code', '-A INPUT -p icmp --icmp-type 3', icmp(3, 13), true],
	['icmp any', '-A INPUT -p icmp --icmp-type any', icmp(42, 7), true],
	['icmp ! any never matches', '-A INPUT -p icmp ! --icmp-type any', icmp(8), false],
	['multiport dports list', '-A INPUT -p tcp -m multiport --dports 22,80,443', {}, true],
	['multiport dports range', '-A INPUT -p tcp -m multiport --dports 22,79:81', {}, true],
	['multiport dports miss', '-A INPUT -p tcp -m multiport --dports 22,443', {}, false],
	['multiport ! dports miss', '-A INPUT -p tcp -m multiport ! --dports 22,443', {}, true],
	['multiport sports reads the source', '-A INPUT -p tcp -m multiport --sports 80', {}, false],
	['multiport ports either side', '-A INPUT -p tcp -m multiport --ports 40000', {}, true],
	['comment always matches', '-A INPUT -m comment --comment "x"', {}, true],
	['mark exact', '-A INPUT -m mark --mark 0x1', { mark: 1 }, true],
	['mark with mask', '-A INPUT -m mark --mark 0x1/0xff', { mark: 0x301 }, true],
	['mark full mask', '-A INPUT -m mark --mark 0x1', { mark: 0x301 }, false],
	['! mark', '-A INPUT -m mark ! --mark 0x1', { mark: 0 }, true],
	[
		'mark value outside mask never matches',
		'-A INPUT -m mark --mark 0x100/0xff',
		{ mark: 0x100 },
		false
	],
	['iprange src inside', '-A INPUT -m iprange --src-range 10.0.1.1-10.0.1.9', {}, true],
	['iprange dst outside', '-A INPUT -m iprange --dst-range 10.0.1.1-10.0.1.9', {}, false],
	['iprange ! dst', '-A INPUT -m iprange ! --dst-range 10.0.1.1-10.0.1.9', {}, true],
	[
		'iprange high addresses compare unsigned',
		'-A INPUT -m iprange --src-range 192.168.0.1-192.168.0.9',
		{ src: A('192.168.0.5') },
		true
	],
	[
		'mac equal (case-insensitive)',
		'-A INPUT -m mac --mac-source AA:BB:CC:DD:EE:FF',
		{ mac: 'aa:bb:cc:dd:ee:ff' },
		true
	],
	[
		'! mac other',
		'-A INPUT -m mac ! --mac-source AA:BB:CC:DD:EE:FF',
		{ mac: 'aa:bb:cc:dd:ee:00' },
		true
	],
	['! mac without a MAC fails', '-A INPUT -m mac ! --mac-source AA:BB:CC:DD:EE:FF', {}, false],
	['length inside', '-A INPUT -m length --length 40:60', {}, true],
	['length outside', '-A INPUT -m length --length 61:1500', {}, false],
	['! length', '-A INPUT -m length ! --length 0:59', {}, true],
	['ttl-eq', '-A INPUT -m ttl --ttl-eq 64', {}, true],
	['! ttl-eq is "not equal"', '-A INPUT -m ttl ! --ttl-eq 64', {}, false],
	['ttl-lt strict', '-A INPUT -m ttl --ttl-lt 64', {}, false],
	['ttl-gt', '-A INPUT -m ttl --ttl-gt 63', {}, true],
	['tos value/mask', '-A INPUT -m tos --tos 0x10/0x3f', { tos: 0xd0 }, true],
	['tos name', '-A INPUT -m tos --tos Minimize-Delay', { tos: 0x10 }, true],
	['tos mismatch', '-A INPUT -m tos --tos 0x08', { tos: 0x10 }, false],
	['dscp EF = 46', '-A INPUT -m dscp --dscp-class EF', { tos: (46 << 2) | 1 }, true],
	['! dscp', '-A INPUT -m dscp ! --dscp 0', { tos: 0 }, false],
	['ecn ip ect', '-A INPUT -m ecn --ecn-ip-ect 1', { tos: 0x01 }, true],
	['ecn tcp ece', '-A INPUT -p tcp -m ecn --ecn-tcp-ece', { flags: SYN | ECE }, true],
	['ecn ! tcp cwr', '-A INPUT -p tcp -m ecn ! --ecn-tcp-cwr', {}, true],
	['pkttype unicast', '-A INPUT -m pkttype --pkt-type unicast', {}, true],
	[
		'pkttype multicast',
		'-A INPUT -m pkttype --pkt-type multicast',
		{ dst: A('224.0.0.251') },
		true
	],
	[
		'pkttype directed broadcast',
		'-A INPUT -m pkttype --pkt-type broadcast',
		{ dst: A('10.0.1.255') },
		true
	],
	['pkttype ! broadcast on unicast', '-A INPUT -m pkttype ! --pkt-type broadcast', {}, true],
	['owner uid', '-A OUTPUT -m owner --uid-owner 1000', { uid: 1000, gid: 1000 }, true],
	['owner uid range miss', '-A OUTPUT -m owner --uid-owner 0-999', { uid: 1000, gid: 1000 }, false],
	['owner ! uid', '-A OUTPUT -m owner ! --uid-owner 0', { uid: 1000, gid: 1000 }, true],
	['owner: no socket, plain test fails', '-A OUTPUT -m owner --uid-owner 0', {}, false],
	['owner: no socket, all inverted matches', '-A OUTPUT -m owner ! --uid-owner 0', {}, true],
	[
		'owner: no socket, --suppl-groups is a plain bit, so the match fails',
		'-A OUTPUT -m owner ! --gid-owner 5 --suppl-groups',
		{},
		false
	],
	['owner --socket-exists', '-A OUTPUT -m owner --socket-exists', { uid: 0, gid: 0 }, true],
	[
		'owner ! --socket-exists with a socket',
		'-A OUTPUT -m owner ! --socket-exists',
		{ uid: 0, gid: 0 },
		false
	],
	['owner gid', '-A OUTPUT -m owner --gid-owner 100', { uid: 5, gid: 100 }, true],
	[
		'string found',
		'-A INPUT -m string --string "GET /" --algo bm',
		{ payload: 'GET / HTTP/1.1', length: 54 },
		true
	],
	[
		'string case-sensitive',
		'-A INPUT -m string --string "get /" --algo bm',
		{ payload: 'GET / HTTP/1.1', length: 54 },
		false
	],
	[
		'string --icase',
		'-A INPUT -m string --string "get /" --algo bm --icase',
		{ payload: 'GET / HTTP/1.1', length: 54 },
		true
	],
	[
		'string hex',
		'-A INPUT -m string --hex-string "|0d 0a|" --algo kmp',
		{ payload: 'a\r\nb', length: 44 },
		true
	],
	[
		'string ! absent',
		'-A INPUT -m string ! --string "xyz" --algo bm',
		{ payload: 'abc', length: 43 },
		true
	],
	// Payload starts at byte 40 (length 54 − 14 bytes of payload); offsets count from the IP header.
	[
		'string --to cuts the match short',
		'-A INPUT -m string --string "HTTP" --algo bm --to 49',
		{ payload: 'GET / HTTP/1.1', length: 54 },
		false
	],
	[
		'string --to just fits (bytes 46–49)',
		'-A INPUT -m string --string "HTTP" --algo bm --to 50',
		{ payload: 'GET / HTTP/1.1', length: 54 },
		true
	],
	[
		'string --from past the match',
		'-A INPUT -m string --string "GET" --algo bm --from 41',
		{ payload: 'GET / HTTP/1.1', length: 54 },
		false
	]
];

describe('matches on packet fields', () => {
	it.each(CASES)('%s', (_, rule, over, expected) => {
		expect(firstMatch(rule).test(makePacket(over), makeEnv())).toBe(expected);
	});

	it('notes the --tcp-option assumption for kinds other than MSS', () => {
		expect(firstMatch('-A INPUT -p tcp --tcp-option 3').note).toMatch(/no TCP option but MSS/);
		expect(firstMatch('-A INPUT -p tcp --tcp-option 2').note).toBeUndefined();
		expect(firstMatch('-A INPUT -p tcp --dport 22').note).toBeUndefined();
	});

	it.each([
		['-p tcp --tcp-option 2', 1460, true],
		['-p tcp --tcp-option 2', null, false],
		['-p tcp ! --tcp-option 2', null, true],
		['-p tcp --tcp-option 8', 1460, false],
		['-p tcp -m tcpmss --mss 1400:1500', 1460, true],
		['-p tcp -m tcpmss --mss 536', 1460, false],
		['-p tcp -m tcpmss --mss 536', null, false],
		// tcpmss_mt: no MSS option gives the inversion.
		['-p tcp -m tcpmss ! --mss 536', null, true],
		['-p tcp -m tcpmss ! --mss 536', 1460, true]
	])('%s on a segment with MSS %s → %s', (spec, mss, want) => {
		const m = firstMatch(`-A INPUT ${spec}`);
		expect(m.test(makePacket({ proto: 6, mss }), makeEnv())).toBe(want);
	});
});
