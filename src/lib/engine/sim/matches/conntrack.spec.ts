import { describe, expect, it } from 'vitest';
import type { Packet } from '../packet';
import type { CtRef } from '../conntrack-types';
import { A, ct, ctEntry, firstMatch, makeEnv } from './spec-helpers';
import { makePacket } from './test-packet';
import { ctStatus } from '../conntrack-types';

const established = (over: Partial<CtRef> = {}) =>
	ct('ESTABLISHED', {
		entry: ctEntry({
			tcpState: 'ESTABLISHED',
			status: ctStatus({ seenReply: true, assured: true, confirmed: true }),
			mark: 0x42
		}),
		...over
	});

/** A confirmed, replied entry's status with one NAT bit set (the binding changed that side). */
const natStatus = (bit: 'srcNat' | 'dstNat') =>
	ctStatus({ seenReply: true, confirmed: true, srcNatDone: true, dstNatDone: true, [bit]: true });

/** [what it proves, rule, conntrack reference (null: before the lookup), expected]. */
const CASES: [string, string, CtRef | null, boolean][] = [
	[
		'§3.1 raw sees INVALID (no lookup yet)',
		'-A PREROUTING -m conntrack --ctstate INVALID',
		null,
		true
	],
	[
		'§3.1 raw: NEW does not match before the lookup',
		'-A PREROUTING -m conntrack --ctstate NEW',
		null,
		false
	],
	['§3.2 first packet is NEW', '-A FORWARD -m conntrack --ctstate NEW', ct('NEW'), true],
	[
		'ESTABLISHED,RELATED list',
		'-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED',
		ct('RELATED'),
		true
	],
	[
		'! --ctstate NEW on ESTABLISHED',
		'-A FORWARD -m conntrack ! --ctstate NEW',
		established(),
		true
	],
	[
		'! --ctstate INVALID on INVALID',
		'-A FORWARD -m conntrack ! --ctstate INVALID',
		ct('INVALID'),
		false
	],
	[
		'§3.4 UNTRACKED matches --ctstate UNTRACKED',
		'-A FORWARD -m conntrack --ctstate UNTRACKED',
		ct('UNTRACKED'),
		true
	],
	[
		'§3.4 UNTRACKED is not INVALID',
		'-A FORWARD -m conntrack --ctstate INVALID',
		ct('UNTRACKED'),
		false
	],
	[
		'SNAT after MASQUERADE: the reply goes back to the router (10.0.2.1), not 10.0.1.2',
		'-A FORWARD -m conntrack --ctstate SNAT',
		ct('ESTABLISHED', {
			entry: ctEntry({
				reply: { proto: 6, src: A('10.0.2.2'), dst: A('10.0.2.1'), sport: 80, dport: 40000 },
				status: natStatus('srcNat')
			})
		}),
		true
	],
	[
		'SNAT by source port alone (implicit remap, §4.8)',
		'-A FORWARD -m conntrack --ctstate SNAT',
		ct('ESTABLISHED', {
			entry: ctEntry({
				reply: { proto: 6, src: A('10.0.2.2'), dst: A('10.0.1.2'), sport: 80, dport: 40001 },
				status: natStatus('srcNat')
			})
		}),
		true
	],
	[
		'DNAT to 10.0.3.3:8080: the reply comes from the new destination',
		'-A FORWARD -m conntrack --ctstate DNAT',
		ct('NEW', {
			entry: ctEntry({
				reply: { proto: 6, src: A('10.0.3.3'), dst: A('10.0.1.2'), sport: 8080, dport: 40000 },
				status: natStatus('dstNat')
			})
		}),
		true
	],
	[
		'a DNATed entry is not SNAT',
		'-A FORWARD -m conntrack --ctstate SNAT',
		ct('NEW', {
			entry: ctEntry({
				reply: { proto: 6, src: A('10.0.3.3'), dst: A('10.0.1.2'), sport: 8080, dport: 40000 }
			})
		}),
		false
	],
	[
		'-m state has no NAT states: ! --state NEW still fails a NEW DNATed packet',
		'-A FORWARD -m state ! --state NEW',
		ct('NEW', {
			entry: ctEntry({
				reply: { proto: 6, src: A('10.0.3.3'), dst: A('10.0.1.2'), sport: 8080, dport: 40000 }
			})
		}),
		false
	],
	[
		'SNAT never matches before NAT exists',
		'-A FORWARD -m conntrack --ctstate SNAT',
		established(),
		false
	],
	['§3.2 -m state = --ctstate', '-A FORWARD -m state --state ESTABLISHED', established(), true],
	['-m state on raw INVALID', '-A PREROUTING -m state --state INVALID', null, true],
	['--ctproto tcp', '-A FORWARD -m conntrack --ctproto tcp', ct('NEW'), true],
	['--ctproto udp on tcp', '-A FORWARD -m conntrack --ctproto udp', ct('NEW'), false],
	[
		'no entry: a passed --ctstate skips the other tests (conntrack_mt)',
		'-A FORWARD -m conntrack --ctstate INVALID --ctproto udp',
		ct('INVALID'),
		true
	],
	['no entry: ! --ctproto still fails', '-A FORWARD -m conntrack ! --ctproto udp', null, false],
	['--ctorigsrc prefix', '-A FORWARD -m conntrack --ctorigsrc 10.0.1.0/24', ct('NEW'), true],
	['--ctorigdst other', '-A FORWARD -m conntrack --ctorigdst 10.0.9.9', ct('NEW'), false],
	['--ctreplsrc is the server', '-A FORWARD -m conntrack --ctreplsrc 10.0.2.2', ct('NEW'), true],
	['! --ctrepldst', '-A FORWARD -m conntrack ! --ctrepldst 10.0.1.2', ct('NEW'), false],
	['--ctorigdstport', '-A FORWARD -m conntrack --ctorigdstport 80', ct('NEW'), true],
	['--ctreplsrcport range', '-A FORWARD -m conntrack --ctreplsrcport 81:90', ct('NEW'), false],
	[
		'§3.1 CONFIRMED false before confirm',
		'-A FORWARD -m conntrack --ctstatus CONFIRMED',
		ct('NEW'),
		false
	],
	[
		'§3.2 ASSURED after the handshake',
		'-A FORWARD -m conntrack --ctstatus ASSURED',
		established(),
		true
	],
	[
		'--ctstatus any of the list',
		'-A FORWARD -m conntrack --ctstatus EXPECTED,SEEN_REPLY',
		established(),
		true
	],
	[
		'! --ctstatus SEEN_REPLY on a new flow',
		'-A FORWARD -m conntrack ! --ctstatus SEEN_REPLY',
		ct('NEW'),
		true
	],
	['§3.2 --ctdir ORIGINAL', '-A FORWARD -m conntrack --ctdir ORIGINAL', ct('NEW'), true],
	[
		'§3.2 --ctdir REPLY on a reply',
		'-A FORWARD -m conntrack --ctdir REPLY',
		established({ dir: 'REPLY' }),
		true
	],
	['--ctdir REPLY on original', '-A FORWARD -m conntrack --ctdir REPLY', ct('NEW'), false],
	[
		'--ctexpire: established TCP has days left',
		'-A FORWARD -m conntrack --ctexpire 400000:432000',
		established(),
		true
	],
	['--ctexpire: SYN_SENT has 120 s', '-A FORWARD -m conntrack --ctexpire 0:100', ct('NEW'), false],
	['connmark with mask', '-A FORWARD -m connmark --mark 0x2/0x2', established(), true],
	['connmark exact', '-A FORWARD -m connmark --mark 0x42', established(), true],
	['! connmark', '-A FORWARD -m connmark ! --mark 0x42', established(), false],
	[
		'connmark without a connection fails even with !',
		'-A FORWARD -m connmark ! --mark 0x1',
		ct('INVALID'),
		false
	],
	['connmark in raw fails', '-A PREROUTING -m connmark --mark 0x0', null, false]
];

describe('conntrack, state and connmark', () => {
	it.each(CASES)('%s', (_, rule, ref, expected) => {
		const table = rule.includes('PREROUTING') ? 'raw' : 'filter';
		const env = makeEnv({ ct: ref, hook: table === 'raw' ? 'PREROUTING' : 'FORWARD', table });
		expect(firstMatch(rule, table).test(makePacket(), env)).toBe(expected);
	});

	it('--ctexpire asks the conntrack table when the engine offers it', () => {
		const m = firstMatch('-A FORWARD -m conntrack --ctexpire 50:70');
		const env = { ...makeEnv({ ct: established() }), ctTimeLeft: () => 61.5 };
		expect(m.test(makePacket(), env)).toBe(true);
		expect(m.test(makePacket(), { ...env, ctTimeLeft: () => 49 })).toBe(false);
	});
	it('--ctexpire estimate: default timeout less the time since the last packet', () => {
		const m = firstMatch('-A FORWARD -m conntrack --ctexpire 90');
		// udp unreplied: 30 s … not 90; an assured udp stream 120 s, seen 30 s ago: 90 left.
		const stream = ct('ESTABLISHED', {
			entry: ctEntry({
				orig: { proto: 17, src: 1, dst: 2, sport: 5000, dport: 53 },
				reply: { proto: 17, src: 2, dst: 1, sport: 53, dport: 5000 },
				tcpState: null,
				status: ctStatus({ seenReply: true, assured: true, confirmed: true }),
				lastSeen: 10
			})
		});
		expect(m.test(makePacket({ time: 40 }), makeEnv({ ct: stream }))).toBe(true);
		expect(m.test(makePacket({ time: 41 }), makeEnv({ ct: stream }))).toBe(false);
	});
	it('notes --ctexpire, not states: SNAT/DNAT are read from the status bits as the kernel does', () => {
		expect(firstMatch('-A FORWARD -m conntrack --ctstate DNAT').note).toBeUndefined();
		expect(firstMatch('-A FORWARD -m conntrack --ctexpire 10').note).toMatch(/default timeouts/);
		expect(firstMatch('-A FORWARD -m conntrack --ctstate NEW').note).toBeUndefined();
	});
});

const helperRef = (helper: string | null): CtRef => ct('RELATED', { master: ctEntry({ helper }) });
const HELPER: [string, string, CtRef, boolean][] = [
	['helper of the master connection', '-A FORWARD -m helper --helper ftp', helperRef('ftp'), true],
	['other helper', '-A FORWARD -m helper --helper sip', helperRef('ftp'), false],
	['no master: only ! matches', '-A FORWARD -m helper ! --helper ftp', ct('NEW'), true],
	['no master: plain fails', '-A FORWARD -m helper --helper ftp', ct('NEW'), false],
	[
		'§3.7 an ICMP error about an ftp flow belongs to that flow, which has no master',
		'-A FORWARD -m helper --helper ftp',
		(() => {
			const quoted = ctEntry({ helper: 'ftp' });
			return ct('RELATED', { entry: quoted, master: quoted });
		})(),
		false
	]
];

describe('helper', () => {
	it.each(HELPER)('%s', (_, rule, ref, expected) => {
		expect(firstMatch(rule).test(makePacket(), makeEnv({ ct: ref }))).toBe(expected);
	});
});

const counted = ct('ESTABLISHED', { entry: ctEntry({ packets: [10, 4], bytes: [1000, 4000] }) });
const CONNBYTES: [string, string, boolean][] = [
	['packets both ways', '--connbytes 14 --connbytes-dir both --connbytes-mode packets', true],
	[
		'packets original only',
		'--connbytes 11: --connbytes-dir original --connbytes-mode packets',
		false
	],
	['bytes reply', '--connbytes 4000:4000 --connbytes-dir reply --connbytes-mode bytes', true],
	[
		'avgpkt both (5000/14 = 357)',
		'--connbytes 357:357 --connbytes-dir both --connbytes-mode avgpkt',
		true
	],
	['! bytes', '! --connbytes 0:100 --connbytes-dir original --connbytes-mode bytes', true]
];

describe('connbytes', () => {
	it.each(CONNBYTES)('%s', (_, opts, expected) => {
		const m = firstMatch(`-A FORWARD -m connbytes ${opts}`);
		expect(m.test(makePacket(), makeEnv({ ct: counted }))).toBe(expected);
	});

	it('fails without a connection', () => {
		const m = firstMatch(
			'-A FORWARD -m connbytes ! --connbytes 5 --connbytes-dir both --connbytes-mode packets'
		);
		expect(m.test(makePacket({} as Partial<Packet>), makeEnv({ ct: null }))).toBe(false);
	});
});
