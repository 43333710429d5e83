import { describe, expect, it } from 'vitest';
import type { CtTemplate } from '../conntrack-types';
import { ConntrackTable } from './table';
import { ACK, LOOSE, SYN, ctLine, icmpError, runFlow, tcp, udp } from './test-flow';

describe('§3.1 confirm inserts a new entry once; replies and later packets never confirm', () => {
	it('returns inserted, then exists for a later packet and for a reply', () => {
		const table = new ConntrackTable();
		const first = table.lookup(udp('c'), LOOSE);
		const second = table.lookup(udp('c'), LOOSE);
		expect(table.confirm(first, 0)).toBe('inserted');
		const again = table.lookup(udp('c'), LOOSE);
		const reply = table.lookup(udp('s'), LOOSE);
		expect([table.confirm(again, 0), table.confirm(reply, 0)]).toEqual(['exists', 'exists']);
		// Two first packets of one tuple in flight: the later confirm clashes and is not inserted.
		expect(table.confirm(second, 0)).toBe('clash');
		expect(table.entries().map((e) => e.id)).toEqual([first.entry!.id]);
	});
});

describe('§3.3 an ICMP error must go to the endpoint of the flow it quotes', () => {
	it('an error about a known flow sent to another host is INVALID', () => {
		const table = new ConntrackTable();
		runFlow([{ p: udp('c') }], {}, table);
		const elsewhere = icmpError('s', udp('c'), 3, 3);
		elsewhere.dst = 0x0a000163;
		expect(ctLine(table.lookup(elsewhere, LOOSE))).toBe('INVALID ORIGINAL -');
	});
});

describe('§4.6 conntrack -D: a deleted entry’s next packet is NEW again', () => {
	it('deletes by entry', () => {
		const table = new ConntrackTable();
		runFlow([{ p: udp('c') }, { p: udp('s') }], {}, table);
		const [entry] = table.entries();
		const live = table.find(entry.orig);
		table.delete(live!.entry);
		expect(table.entries()).toEqual([]);
		expect(ctLine(table.lookup(udp('c'), LOOSE))).toBe('NEW ORIGINAL -');
	});
});

const zone = (z: number | 'mark'): CtTemplate => ({ helper: null, zone: z, zoneDir: 'both' });

describe('-j CT templates: zones never meet; a new entry gets the helper', () => {
	it('a reply looked up in zone 1 does not find the zone-0 flow', () => {
		const table = new ConntrackTable();
		runFlow([{ p: udp('c') }], {}, table);
		expect(ctLine(table.lookup(udp('s'), { ...LOOSE, template: zone(1) }))).toBe('NEW ORIGINAL -');
		expect(ctLine(table.lookup(udp('s'), LOOSE))).toBe('ESTABLISHED REPLY SEEN_REPLY,CONFIRMED');
	});

	it('--zone mark takes the zone from the low 16 bits of the packet mark', () => {
		const table = new ConntrackTable();
		const ref = table.lookup(udp('c', { mark: 0x10005 }), { ...LOOSE, template: zone('mark') });
		table.confirm(ref, 0);
		expect(table.entries().map((e) => e.zone)).toEqual([5]);
		expect(ctLine(table.lookup(udp('s'), { ...LOOSE, template: zone(5) }))).toBe(
			'ESTABLISHED REPLY SEEN_REPLY,CONFIRMED'
		);
	});

	it('--helper ftp is given to a new entry only; an existing one keeps its own', () => {
		const table = new ConntrackTable();
		const ftp: CtTemplate = { helper: 'ftp', zone: 0, zoneDir: 'both' };
		const ref = table.lookup(tcp('c', SYN, { dport: 21 }), { ...LOOSE, template: ftp });
		table.confirm(ref, 0);
		const later = table.lookup(tcp('s', SYN | ACK, { sport: 21 }), {
			...LOOSE,
			template: { ...ftp, helper: 'irc' }
		});
		expect([ref.entry!.helper, later.entry!.helper]).toEqual(['ftp', 'ftp']);
	});
});

describe('§3 expiry: the time left that conntrack -L prints', () => {
	it('counts down from the timeout of the last refresh', () => {
		const table = new ConntrackTable();
		const ref = table.lookup(tcp('c', SYN), LOOSE);
		expect(table.timeLeft(ref.entry!, 0)).toBe(120);
		table.confirm(ref, 0);
		expect([table.timeLeft(ref.entry!, 20), table.timeLeft(ref.entry!, 500)]).toEqual([100, 0]);
	});
});
