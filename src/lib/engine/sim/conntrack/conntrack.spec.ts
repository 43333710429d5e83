import { describe, expect, it } from 'vitest';
import { ConntrackTable } from './table';
import {
	ACK,
	C,
	FIN,
	LOOSE,
	PSH,
	RST,
	S,
	SYN,
	ctLine,
	icmp,
	icmpError,
	runFlow,
	tcp,
	udp,
	type FlowStep
} from './test-flow';
import { ctStatus } from '../conntrack-types';

const E_REPLY = 'ESTABLISHED REPLY SEEN_REPLY,CONFIRMED';
const E_ORIG = 'ESTABLISHED ORIGINAL SEEN_REPLY,CONFIRMED';

interface FlowCase {
	name: string;
	steps: FlowStep[];
	expected: string[];
	tcpLoose?: boolean;
}

const synFlow = [tcp('c', SYN), tcp('s', SYN | ACK), tcp('c', ACK)];

describe('§3.2 states through real exchanges', () => {
	const cases: FlowCase[] = [
		{
			name: 'TCP handshake, data and FIN either way: ASSURED once the final ACK passes',
			steps: [
				...synFlow,
				tcp('c', ACK | PSH),
				tcp('s', ACK | PSH),
				tcp('c', FIN | ACK),
				tcp('s', FIN | ACK),
				tcp('c', ACK)
			].map((p) => ({ p })),
			expected: [
				'NEW ORIGINAL -',
				E_REPLY,
				'ESTABLISHED ORIGINAL SEEN_REPLY,ASSURED,CONFIRMED',
				'ESTABLISHED ORIGINAL SEEN_REPLY,ASSURED,CONFIRMED',
				'ESTABLISHED REPLY SEEN_REPLY,ASSURED,CONFIRMED',
				'ESTABLISHED ORIGINAL SEEN_REPLY,ASSURED,CONFIRMED',
				'ESTABLISHED REPLY SEEN_REPLY,ASSURED,CONFIRMED',
				'ESTABLISHED ORIGINAL SEEN_REPLY,ASSURED,CONFIRMED'
			]
		},
		{
			name: 'UDP request, reply (no ASSURED after one exchange), 2nd request on the same ports',
			steps: [udp('c'), udp('s'), udp('c')].map((p) => ({ p })),
			expected: ['NEW ORIGINAL -', E_REPLY, E_ORIG]
		},
		{
			// The kernel's resolve_normal_ct: the original direction is ESTABLISHED only once a reply was seen.
			name: '2nd UDP request before any reply is still NEW, on the confirmed entry',
			steps: [udp('c'), udp('c')].map((p) => ({ p })),
			expected: ['NEW ORIGINAL -', 'NEW ORIGINAL CONFIRMED']
		},
		{
			name: 'ICMP echo request, reply, 2nd request with the same id; another id is a new flow',
			steps: [icmp('c', 8, 7), icmp('s', 0, 7), icmp('c', 8, 7), icmp('c', 8, 8)].map((p) => ({
				p
			})),
			expected: ['NEW ORIGINAL -', E_REPLY, E_ORIG, 'NEW ORIGINAL -']
		},
		{
			name: 'ICMP timestamp request / reply (13 ↔ 14)',
			steps: [icmp('c', 13, 9), icmp('s', 14, 9)].map((p) => ({ p })),
			expected: ['NEW ORIGINAL -', E_REPLY]
		},
		{
			name: 'an echo reply does not answer a timestamp request',
			steps: [icmp('c', 13, 9), icmp('s', 0, 9)].map((p) => ({ p })),
			expected: ['NEW ORIGINAL -', 'INVALID ORIGINAL -']
		},
		{
			name: 'ICMP port-unreachable from s about an unreplied UDP flow is RELATED, REPLY',
			steps: [{ p: udp('c', { dport: 9999 }) }, { p: icmpError('s', udp('c', { dport: 9999 })) }],
			expected: ['NEW ORIGINAL -', 'RELATED REPLY CONFIRMED']
		},
		{
			name: 'an error about a reply-direction packet is RELATED, ORIGINAL',
			steps: [{ p: udp('c') }, { p: udp('s') }, { p: icmpError('c', udp('s')) }],
			expected: ['NEW ORIGINAL -', E_REPLY, 'RELATED ORIGINAL SEEN_REPLY,CONFIRMED']
		}
	];
	it.each(cases)('$name', ({ steps, expected }) => {
		expect(runFlow(steps)).toEqual(expected);
	});

	it('the UDP entry a RELATED error quotes stays [UNREPLIED] and uncounted', () => {
		const table = new ConntrackTable();
		runFlow(
			[{ p: udp('c', { dport: 9999 }) }, { p: icmpError('s', udp('c', { dport: 9999 })) }],
			{},
			table
		);
		const [entry] = table.entries();
		expect(entry.status).toEqual(ctStatus({ confirmed: true }));
		expect(entry.packets).toEqual([1, 0]);
	});

	it('the RELATED error carries the quoted entry as entry and master', () => {
		const table = new ConntrackTable();
		const first = table.lookup(udp('c'), LOOSE);
		table.confirm(first, 0);
		const err = table.lookup(icmpError('s', udp('c')), LOOSE);
		expect(err.entry).toBe(first.entry);
		expect(err.master).toBe(first.entry);
	});

	it('counts packets and bytes per direction and keeps both tuples', () => {
		const table = new ConntrackTable();
		runFlow(
			[
				tcp('c', SYN, { length: 60 }),
				tcp('s', SYN | ACK, { length: 60 }),
				tcp('c', ACK, { length: 52 }),
				tcp('c', ACK | PSH, { length: 552 })
			].map((p) => ({ p })),
			{},
			table
		);
		const [e] = table.entries();
		expect(e.packets).toEqual([3, 1]);
		expect(e.bytes).toEqual([664, 60]);
		expect(e.orig).toEqual({ proto: 6, src: C, dst: S, sport: 40000, dport: 80 });
		expect(e.reply).toEqual({ proto: 6, src: S, dst: C, sport: 80, dport: 40000 });
		expect(e.id).toBe(1);
	});

	it('ICMP tuples carry the id and type/code; the reply tuple has the answer type', () => {
		const table = new ConntrackTable();
		runFlow([{ p: icmp('c', 13, 777) }], {}, table);
		const [e] = table.entries();
		expect(e.orig).toEqual({ proto: 1, src: C, dst: S, sport: 777, dport: 13 << 8 });
		expect(e.reply).toEqual({ proto: 1, src: S, dst: C, sport: 777, dport: 14 << 8 });
	});
});

describe('§3.3 NEW is not "SYN", and when a packet is INVALID', () => {
	const cases: FlowCase[] = [
		{
			name: 'a bare ACK without an entry is NEW (tcp_loose=1); the RST back is ESTABLISHED, REPLY',
			steps: [{ p: tcp('c', ACK, { sport: 40001 }) }, { p: tcp('s', RST, { dport: 40001 }) }],
			expected: ['NEW ORIGINAL -', E_REPLY]
		},
		{
			name: 'with tcp_loose=0 the bare ACK is INVALID',
			steps: [{ p: tcp('c', ACK) }],
			expected: ['INVALID ORIGINAL -'],
			tcpLoose: false
		},
		{
			name: 'bare SYN-ACK, and the RST reply to it',
			steps: [{ p: tcp('c', SYN | ACK) }, { p: tcp('s', RST) }],
			expected: ['INVALID ORIGINAL -', 'INVALID ORIGINAL -']
		},
		{ name: 'bare FIN', steps: [{ p: tcp('c', FIN) }], expected: ['INVALID ORIGINAL -'] },
		{ name: 'bare RST', steps: [{ p: tcp('c', RST) }], expected: ['INVALID ORIGINAL -'] },
		{
			name: 'bare FIN-ACK, and the RST reply to it',
			steps: [{ p: tcp('c', FIN | ACK) }, { p: tcp('s', RST) }],
			expected: ['INVALID ORIGINAL -', 'INVALID ORIGINAL -']
		},
		{
			name: 'an unsolicited echo reply',
			steps: [{ p: icmp('s', 0, 777) }],
			expected: ['INVALID ORIGINAL -']
		},
		{
			name: 'an ICMP error quoting a flow conntrack does not know',
			steps: [{ p: icmpError('s', udp('c')) }],
			expected: ['INVALID ORIGINAL -']
		},
		{
			name: 'an ICMP error quoting an ICMP error',
			steps: [{ p: udp('c') }, { p: icmpError('s', icmpError('c', udp('s'))) }],
			expected: ['NEW ORIGINAL -', 'INVALID ORIGINAL -']
		}
	];
	it.each(cases)('$name', ({ steps, expected, tcpLoose }) => {
		expect(runFlow(steps, { tcpLoose: tcpLoose ?? true })).toEqual(expected);
	});

	it('INVALID packets leave no entry', () => {
		const table = new ConntrackTable();
		runFlow(
			[tcp('c', SYN | ACK), tcp('c', FIN), icmp('s', 0, 1)].map((p) => ({ p })),
			{},
			table
		);
		expect(table.entries()).toEqual([]);
	});

	it('a RST as the only reply deletes the picked-up entry at once (tcp_packet: "only reply is a RST")', () => {
		const table = new ConntrackTable();
		runFlow([{ p: tcp('c', ACK) }, { p: tcp('s', RST) }], {}, table);
		expect(table.entries()).toEqual([]);
		expect(runFlow([{ p: tcp('c', ACK) }], {}, table)).toEqual(['NEW ORIGINAL -']);
	});
});

describe('§3.4 UNTRACKED', () => {
	it('an untracked packet has no entry and creates none', () => {
		const table = new ConntrackTable();
		const ref = table.lookup(udp('c'), { ...LOOSE, untracked: true });
		expect(ref).toEqual({ entry: null, dir: 'ORIGINAL', state: 'UNTRACKED', master: null });
		table.confirm(ref, 0);
		expect(table.entries()).toEqual([]);
	});

	it('each direction must be notracked separately: a tracked reply opens its own flow', () => {
		const table = new ConntrackTable();
		expect(runFlow([{ p: udp('c'), untracked: true }, { p: udp('s') }], {}, table)).toEqual([
			'UNTRACKED ORIGINAL -',
			'NEW ORIGINAL -'
		]);
		expect(table.entries().map((e) => e.orig.src)).toEqual([S]);
	});
});

describe('§3.5 loopback input keeps the output leg’s entry', () => {
	it('the input leg is NEW, ORIGINAL and already CONFIRMED, and is not counted twice', () => {
		const table = new ConntrackTable();
		const p = udp('c', { src: 0x7f000001, dst: 0x7f000001 });
		expect(
			runFlow(
				[
					{ p, local: true },
					{ p, local: true, loopbackInput: true }
				],
				{},
				table
			)
		).toEqual(['NEW ORIGINAL -', 'NEW ORIGINAL CONFIRMED']);
		expect(table.entries()[0].packets).toEqual([1, 0]);
	});

	it('a TCP SYN over lo does not move the state twice', () => {
		const table = new ConntrackTable();
		const p = tcp('c', SYN, { src: 0x7f000001, dst: 0x7f000001 });
		runFlow(
			[
				{ p, local: true },
				{ p, local: true, loopbackInput: true }
			],
			{},
			table
		);
		expect(table.entries()[0].tcpState).toBe('SYN_SENT');
	});
});

describe('§3.6 a dropped first packet leaves no state', () => {
	it('the entry exists only in the packet until confirm', () => {
		const table = new ConntrackTable();
		const ref = table.lookup(tcp('c', SYN), LOOSE);
		expect(ctLine(ref)).toBe('NEW ORIGINAL -');
		expect(table.entries()).toEqual([]);
	});

	it('a retransmission of a dropped SYN is NEW again with a fresh entry; once passed it is listed', () => {
		const table = new ConntrackTable();
		const steps: FlowStep[] = [
			{ p: tcp('c', SYN), drop: true },
			{ p: tcp('c', SYN, { time: 1 }), drop: true },
			{ p: tcp('c', SYN, { time: 3 }) }
		];
		expect(runFlow(steps, {}, table)).toEqual([
			'NEW ORIGINAL -',
			'NEW ORIGINAL -',
			'NEW ORIGINAL -'
		]);
		const listed = table.entries();
		expect(listed.map((e) => [e.id, e.packets[0], e.lastSeen])).toEqual([[3, 1, 3]]);
	});

	it('a dropped UDP packet: its reply finds nothing to answer and opens a flow of its own', () => {
		expect(runFlow([{ p: udp('c'), drop: true }, { p: udp('s') }])).toEqual([
			'NEW ORIGINAL -',
			'NEW ORIGINAL -'
		]);
	});
});

describe('§3.7 kernel-generated errors are RELATED', () => {
	it('an error about a forwarded first packet: RELATED, REPLY, master = its entry, and it never confirms it', () => {
		const table = new ConntrackTable();
		const cause = table.lookup(udp('c'), LOOSE);
		const rel = table.related(cause)!;
		expect(rel).toEqual({
			entry: cause.entry,
			dir: 'REPLY',
			state: 'RELATED',
			master: cause.entry
		});
		table.confirm(rel, 0);
		expect(table.entries()).toEqual([]);
	});

	it('a REJECT answering a reply-direction packet is RELATED, ORIGINAL', () => {
		const table = new ConntrackTable();
		runFlow([{ p: udp('c') }], {}, table);
		const reply = table.lookup(udp('s'), LOOSE);
		expect(ctLine(table.related(reply)!)).toBe('RELATED ORIGINAL SEEN_REPLY,CONFIRMED');
	});
});
