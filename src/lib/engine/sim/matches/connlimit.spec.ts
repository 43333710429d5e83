import { describe, expect, it } from 'vitest';
import type { CtEntry, CtRef } from '../conntrack-types';
import { A, ct, ctEntry, firstMatch, makeEnv } from './spec-helpers';
import { makePacket } from './test-packet';
import { ctStatus } from '../conntrack-types';

/** A confirmed TCP connection from `src`:`sport`, established unless told otherwise. */
function conn(src: string, sport: number, over: Partial<CtEntry> = {}): CtEntry {
	return ctEntry({
		orig: { proto: 6, src: A(src), dst: A('10.0.2.2'), sport, dport: 80 },
		reply: { proto: 6, src: A('10.0.2.2'), dst: A(src), sport: 80, dport: sport },
		status: ctStatus({ seenReply: true, assured: true, confirmed: true }),
		tcpState: 'ESTABLISHED',
		...over
	});
}

/** One packet of a connection: its source address and its conntrack reference. */
interface Step {
	src: string;
	ref: CtRef | null;
	time?: number;
}
const step = (src: string, e: CtEntry | null, time = 0): Step => ({
	src,
	ref: e ? ct(e.status.confirmed ? 'ESTABLISHED' : 'NEW', { entry: e }) : ct('INVALID'),
	time
});

const a1 = conn('10.0.1.2', 1001);
const a2 = conn('10.0.1.2', 1002);
const a3 = conn('10.0.1.2', 1003);
const b1 = conn('10.0.1.9', 1001);
const closed = conn('10.0.1.2', 1004, { tcpState: 'TIME_WAIT' });
const unconfirmed = conn('10.0.1.2', 1005, {
	status: ctStatus(),
	tcpState: 'SYN_SENT'
});
const old = conn('10.0.1.2', 1006, { tcpState: 'SYN_SENT', lastSeen: 0 });

/** [what it proves, rule options, packets in order, verdicts]. */
const CASES: [string, string, Step[], boolean[]][] = [
	[
		'above 2: the third connection from one address matches',
		'--connlimit-above 2',
		[step('10.0.1.2', a1), step('10.0.1.2', a2), step('10.0.1.2', a3)],
		[false, false, true]
	],
	[
		'a connection counts once however many packets it sends',
		'--connlimit-above 1',
		[step('10.0.1.2', a1), step('10.0.1.2', a1), step('10.0.1.2', a1)],
		[false, false, false]
	],
	[
		'per source address by default',
		'--connlimit-above 1',
		[step('10.0.1.2', a1), step('10.0.1.9', b1), step('10.0.1.2', a2)],
		[false, false, true]
	],
	[
		'--connlimit-mask 24 groups the /24',
		'--connlimit-above 1 --connlimit-mask 24',
		[step('10.0.1.2', a1), step('10.0.1.9', b1)],
		[false, true]
	],
	[
		'--connlimit-upto is the complement',
		'--connlimit-upto 1',
		[step('10.0.1.2', a1), step('10.0.1.2', a2)],
		[true, false]
	],
	[
		'an ended TCP connection (TIME_WAIT) no longer counts',
		'--connlimit-above 1',
		[step('10.0.1.2', closed), step('10.0.1.2', a1)],
		[false, false]
	],
	[
		'§3.6 a first packet dropped before confirm leaves nothing to count',
		'--connlimit-above 1',
		[step('10.0.1.2', unconfirmed), step('10.0.1.2', a1)],
		[false, false]
	],
	[
		'an expired entry (SYN_SENT, 120 s) no longer counts',
		'--connlimit-above 1',
		[step('10.0.1.2', old, 0), step('10.0.1.2', a1, 121)],
		[false, false]
	],
	[
		'a packet without an entry still counts itself',
		'--connlimit-above 0',
		[step('10.0.1.2', null)],
		[true]
	]
];

describe('connlimit', () => {
	it.each(CASES)('%s', (_, opts, steps, expected) => {
		const m = firstMatch(`-A INPUT -p tcp -m connlimit ${opts}`);
		const got = steps.map((s) =>
			m.test(makePacket({ src: A(s.src), time: s.time ?? 0 }), makeEnv({ ct: s.ref }))
		);
		expect(got).toEqual(expected);
	});

	it('--connlimit-daddr keys on the destination', () => {
		const m = firstMatch('-A INPUT -p tcp -m connlimit --connlimit-above 1 --connlimit-daddr');
		const env = (e: CtEntry) => makeEnv({ ct: ct('ESTABLISHED', { entry: e }) });
		expect(m.test(makePacket({ src: A('10.0.1.2') }), env(a1))).toBe(false);
		// Another client, same server: two connections to 10.0.2.2.
		expect(m.test(makePacket({ src: A('10.0.1.9') }), env(b1))).toBe(true);
	});
});
