import { describe, expect, it } from 'vitest';
import { blankPacket } from '../../engine/sim/packet';
import type { CtSnapshot } from '../../engine/sim/conntrack-types';
import { conntrackBits, conntrackLine, fieldRows, formatField } from './format';
import { ctStatus } from '../../engine/sim/conntrack-types';

const ip = (s: string) => s.split('.').reduce((n, b) => n * 256 + Number(b), 0) >>> 0;

describe('formatField', () => {
	it.each([
		['src', ip('10.0.1.2'), '10.0.1.2'],
		['mark', 16, '0x10'],
		['tos', 0, '0x0'],
		['flags', 0x12, 'SYN,ACK'],
		['proto', 17, 'udp'],
		['outIface', null, '—'],
		['ttl', 63, '63']
	] as const)('%s %o → %s', (key, value, want) => {
		expect(formatField(key, value)).toBe(want);
	});
});

describe('fieldRows', () => {
	it('shows the fields of the protocol, and what a step changed as before → after', () => {
		const p = blankPacket({
			proto: 6,
			src: ip('10.0.2.2'),
			dst: ip('10.0.1.2'),
			sport: 40000,
			dport: 80
		});
		const rows = fieldRows(p, [{ field: 'dst', before: ip('10.0.2.1'), after: ip('10.0.1.2') }]);
		expect(rows.map((r) => r.key)).toContain('dport');
		expect(rows.map((r) => r.key)).not.toContain('icmpType');
		expect(rows.find((r) => r.key === 'dst')).toMatchObject({
			value: '10.0.1.2',
			before: '10.0.2.1'
		});
		expect(rows.find((r) => r.key === 'src')?.before).toBeNull();
	});

	it('shows ICMP type, code and id instead of ports', () => {
		const keys = fieldRows(blankPacket({ proto: 1 }), []).map((r) => r.key);
		expect(keys).toEqual(expect.arrayContaining(['icmpType', 'icmpCode', 'icmpId']));
		expect(keys).not.toContain('sport');
	});
});

describe('conntrackLine', () => {
	const entry = (over: Partial<CtSnapshot> = {}): CtSnapshot => ({
		id: 1,
		orig: { proto: 6, src: ip('10.0.2.2'), dst: ip('10.0.2.1'), sport: 40000, dport: 8080 },
		reply: { proto: 6, src: ip('10.0.1.2'), dst: ip('10.0.2.2'), sport: 80, dport: 40000 },
		status: ctStatus({ confirmed: true, dstNat: true, dstNatDone: true }),
		tcpState: 'SYN_SENT',
		mark: 0,
		zone: 0,
		helper: null,
		packets: [1, 0],
		bytes: [40, 0],
		lastSeen: 0,
		...over
	});

	it('prints as conntrack -L does, less the timeout', () => {
		expect(conntrackLine(entry())).toBe(
			'tcp 6 SYN_SENT src=10.0.2.2 dst=10.0.2.1 sport=40000 dport=8080 [UNREPLIED] src=10.0.1.2 dst=10.0.2.2 sport=80 dport=40000 mark=0'
		);
		expect(conntrackBits(entry())).toEqual(['CONFIRMED', 'DNAT']);
	});

	it('prints ICMP type, code and id from the tuple', () => {
		const icmp = entry({
			orig: { proto: 1, src: ip('10.0.1.2'), dst: ip('10.0.2.2'), sport: 7, dport: 8 << 8 },
			reply: { proto: 1, src: ip('10.0.2.2'), dst: ip('10.0.1.2'), sport: 7, dport: 0 },
			tcpState: null
		});
		expect(conntrackLine(icmp)).toBe(
			'icmp 1 src=10.0.1.2 dst=10.0.2.2 type=8 code=0 id=7 [UNREPLIED] src=10.0.2.2 dst=10.0.1.2 type=0 code=0 id=7 mark=0'
		);
	});
});
