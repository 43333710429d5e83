import { describe, expect, it } from 'vitest';
import type { Packet } from '../packet';
import { makePacket } from '../matches/test-packet';
import { ConntrackTable } from './table';
import { ACK, FIN, LOOSE, RST, SYN, icmp, tcp, udp } from './test-flow';

/** Passes each packet (lookup + confirm) at its own time. */
function feed(table: ConntrackTable, packets: Packet[]): void {
	for (const p of packets) table.confirm(table.lookup(p, LOOSE), p.time);
}

const at = (time: number) => ({ time });
const handshake = [tcp('c', SYN), tcp('s', SYN | ACK), tcp('c', ACK)];

/** `last`: when the flow's last packet passed; `timeout`: the default the table must apply. */
const cases: { name: string; packets: Packet[]; last: number; timeout: number }[] = [
	{ name: 'udp unreplied: 30 s', packets: [udp('c')], last: 0, timeout: 30 },
	{
		name: 'udp replied within 2 s: still 30 s',
		packets: [udp('c'), udp('s', at(1)), udp('c', at(2))],
		last: 2,
		timeout: 30
	},
	{
		name: 'udp stream (replied, active after 2 s): 120 s',
		packets: [udp('c'), udp('s', at(1)), udp('c', at(3))],
		last: 3,
		timeout: 120
	},
	{
		name: 'icmp echo: 30 s',
		packets: [icmp('c', 8, 1), icmp('s', 0, 1, at(1))],
		last: 1,
		timeout: 30
	},
	{ name: 'tcp SYN_SENT: 120 s', packets: [tcp('c', SYN)], last: 0, timeout: 120 },
	{
		name: 'tcp SYN_RECV: 60 s',
		packets: [tcp('c', SYN), tcp('s', SYN | ACK, at(1))],
		last: 1,
		timeout: 60
	},
	{ name: 'tcp ESTABLISHED: 432000 s (5 days)', packets: handshake, last: 0, timeout: 432000 },
	{
		name: 'tcp ESTABLISHED by loose pickup, no reply yet: capped at 300 s (unack)',
		packets: [tcp('c', ACK)],
		last: 0,
		timeout: 300
	},
	{
		name: 'tcp FIN_WAIT: 120 s',
		packets: [...handshake, tcp('c', FIN | ACK)],
		last: 0,
		timeout: 120
	},
	{
		name: 'tcp CLOSE_WAIT: 60 s',
		packets: [...handshake, tcp('c', FIN | ACK), tcp('s', ACK)],
		last: 0,
		timeout: 60
	},
	{
		name: 'tcp LAST_ACK: 30 s',
		packets: [...handshake, tcp('c', FIN | ACK), tcp('s', FIN | ACK)],
		last: 0,
		timeout: 30
	},
	{
		name: 'tcp TIME_WAIT: 120 s',
		packets: [...handshake, tcp('c', FIN | ACK), tcp('s', FIN | ACK), tcp('c', ACK)],
		last: 0,
		timeout: 120
	},
	{
		name: 'tcp CLOSE after a RST: 10 s',
		packets: [...handshake, tcp('c', RST)],
		last: 0,
		timeout: 10
	},
	{
		name: 'generic (gre): 600 s',
		packets: [makePacket({ proto: 47, flags: 0, sport: 0, dport: 0 })],
		last: 0,
		timeout: 600
	}
];

describe('§3 expiry by scenario time with the kernel default timeouts', () => {
	it.each(cases)('$name', ({ packets, last, timeout }) => {
		const table = new ConntrackTable();
		feed(table, packets);
		expect(table.entries(last + timeout - 1)).toHaveLength(1);
		expect(table.entries(last + timeout)).toEqual([]);
	});

	it('a packet refreshes the timer: an unreplied UDP flow lives 30 s after its latest packet', () => {
		const table = new ConntrackTable();
		feed(table, [udp('c'), udp('c', at(20))]);
		expect(table.entries(49)).toHaveLength(1);
		expect(table.entries(50)).toEqual([]);
	});

	it('after expiry the next packet is NEW again, on a new entry', () => {
		const table = new ConntrackTable();
		feed(table, [udp('c'), udp('s', at(1))]);
		const ref = table.lookup(udp('c', at(31)), LOOSE);
		expect([ref.state, ref.dir, ref.entry!.id]).toEqual(['NEW', 'ORIGINAL', 2]);
	});

	it('a udp stream becomes ASSURED; one exchange within 2 s does not', () => {
		const quick = new ConntrackTable();
		feed(quick, [udp('c'), udp('s', at(1)), udp('c', at(2))]);
		const stream = new ConntrackTable();
		feed(stream, [udp('c'), udp('s', at(1)), udp('c', at(3))]);
		expect([quick.entries()[0].status.assured, stream.entries()[0].status.assured]).toEqual([
			false,
			true
		]);
	});
});
