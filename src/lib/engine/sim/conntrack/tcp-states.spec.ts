import { describe, expect, it } from 'vitest';
import type { Packet } from '../packet';
import { ConntrackTable } from './table';
import { ACK, FIN, LOOSE, PSH, RST, SYN, ctLine, tcp } from './test-flow';

/** Feeds packets and records the entry's TCP state after each, '-' for an INVALID packet. */
function tcpStates(packets: Packet[], table = new ConntrackTable()): string[] {
	return packets.map((p) => {
		const ref = table.lookup(p, LOOSE);
		table.confirm(ref, p.time);
		return ref.entry?.tcpState ?? '-';
	});
}

const handshake = [tcp('c', SYN), tcp('s', SYN | ACK), tcp('c', ACK)];

describe('§3.2 TCP conntrack states follow the kernel tcp_conntracks table', () => {
	const cases: { name: string; packets: Packet[]; expected: string[] }[] = [
		{
			name: 'open, client closes first: FIN_WAIT, CLOSE_WAIT, LAST_ACK, TIME_WAIT',
			packets: [
				...handshake,
				tcp('c', FIN | ACK),
				tcp('s', ACK),
				tcp('s', FIN | ACK),
				tcp('c', ACK)
			],
			expected: [
				'SYN_SENT',
				'SYN_RECV',
				'ESTABLISHED',
				'FIN_WAIT',
				'CLOSE_WAIT',
				'LAST_ACK',
				'TIME_WAIT'
			]
		},
		{
			name: 'FINs crossing: FIN_WAIT then LAST_ACK, the last ACK gives TIME_WAIT',
			packets: [...handshake, tcp('c', FIN | ACK), tcp('s', FIN | ACK), tcp('c', ACK)],
			expected: ['SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'FIN_WAIT', 'LAST_ACK', 'TIME_WAIT']
		},
		{
			name: 'a RST closes an established connection',
			packets: [...handshake, tcp('s', RST | ACK)],
			expected: ['SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'CLOSE']
		},
		{
			name: 'simultaneous open: a SYN back gives SYN_SENT2',
			packets: [tcp('c', SYN), tcp('s', SYN), tcp('c', SYN | ACK)],
			expected: ['SYN_SENT', 'SYN_SENT2', 'SYN_RECV']
		},
		{
			name: 'the client cannot send a SYN-ACK after its SYN (INVALID)',
			packets: [tcp('c', SYN), tcp('c', SYN | ACK)],
			expected: ['SYN_SENT', '-']
		},
		{
			name: 'an ACK from the client before any SYN-ACK is INVALID',
			packets: [tcp('c', SYN), tcp('c', ACK)],
			expected: ['SYN_SENT', '-']
		},
		{
			name: 'a FIN in SYN_SENT is INVALID',
			packets: [tcp('c', SYN), tcp('c', FIN | ACK)],
			expected: ['SYN_SENT', '-']
		},
		{
			name: 'a retransmitted SYN stays SYN_SENT',
			packets: [tcp('c', SYN), tcp('c', SYN)],
			expected: ['SYN_SENT', 'SYN_SENT']
		},
		{
			name: 'SYN and FIN together are INVALID even on an established flow (tcp_error)',
			packets: [...handshake, tcp('c', SYN | FIN)],
			expected: ['SYN_SENT', 'SYN_RECV', 'ESTABLISHED', '-']
		},
		{
			name: 'a packet without flags is INVALID',
			packets: [...handshake, tcp('c', 0)],
			expected: ['SYN_SENT', 'SYN_RECV', 'ESTABLISHED', '-']
		},
		{
			name: 'loose pickup by an ACK|PSH starts ESTABLISHED',
			packets: [tcp('c', ACK | PSH), tcp('s', ACK | PSH)],
			expected: ['ESTABLISHED', 'ESTABLISHED']
		},
		{
			name: 'simultaneous open completes when the reply side ACKs the SYN-ACK',
			packets: [tcp('c', SYN), tcp('s', SYN), tcp('c', SYN | ACK), tcp('s', ACK)],
			expected: ['SYN_SENT', 'SYN_SENT2', 'SYN_RECV', 'ESTABLISHED']
		},
		{
			// The SYN would reopen only after a FIN close or a RST from its own side: otherwise ignored.
			name: 'after the server’s RST, a client SYN is ignored and the entry stays CLOSE',
			packets: [...handshake, tcp('s', RST | ACK), tcp('c', SYN)],
			expected: ['SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'CLOSE', 'CLOSE']
		},
		{
			name: 'after the client’s own RST, its next SYN reopens (SYN_SENT on a fresh entry)',
			packets: [...handshake, tcp('c', RST | ACK), tcp('c', SYN)],
			expected: ['SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'CLOSE', 'SYN_SENT']
		},
		{
			name: 'SYN with PSH is still a SYN (PSH is masked like ECE/CWR)',
			packets: [tcp('c', SYN | PSH)],
			expected: ['SYN_SENT']
		}
	];
	it.each(cases)('$name', ({ packets, expected }) => {
		expect(tcpStates(packets)).toEqual(expected);
	});

	it('ASSURED needs a seen reply: a loose pickup is assured on the packet after the first reply', () => {
		const table = new ConntrackTable();
		const lines = [tcp('c', ACK), tcp('s', ACK), tcp('c', ACK)].map((p) => {
			const ref = table.lookup(p, LOOSE);
			const line = ctLine(ref);
			table.confirm(ref, 0);
			return line;
		});
		expect(lines).toEqual([
			'NEW ORIGINAL -',
			'ESTABLISHED REPLY SEEN_REPLY,CONFIRMED',
			'ESTABLISHED ORIGINAL SEEN_REPLY,ASSURED,CONFIRMED'
		]);
	});

	it('a retransmitted SYN-ACK is ignored: ESTABLISHED, REPLY, but neither state nor counters move', () => {
		const table = new ConntrackTable();
		tcpStates([tcp('c', SYN), tcp('s', SYN | ACK)], table);
		const ref = table.lookup(tcp('s', SYN | ACK, { time: 5 }), LOOSE);
		expect(ctLine(ref)).toBe('ESTABLISHED REPLY SEEN_REPLY,CONFIRMED');
		expect([ref.entry!.tcpState, ref.entry!.packets, ref.entry!.lastSeen]).toEqual([
			'SYN_RECV',
			[1, 1],
			0
		]);
	});

	it('a SYN on a TIME_WAIT entry reopens: the old entry goes, the SYN is NEW on a fresh one', () => {
		const table = new ConntrackTable();
		tcpStates([...handshake, tcp('c', FIN | ACK), tcp('s', FIN | ACK), tcp('c', ACK)], table);
		const ref = table.lookup(tcp('c', SYN, { time: 1 }), LOOSE);
		expect(ctLine(ref)).toBe('NEW ORIGINAL -');
		expect(ref.entry!.id).toBe(2);
		table.confirm(ref, 1);
		expect(table.entries().map((e) => [e.id, e.tcpState])).toEqual([[2, 'SYN_SENT']]);
	});
});
