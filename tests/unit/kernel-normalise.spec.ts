/**
 * The recorder's normalisation of `xtables-monitor --trace` output (tests/kernel/recorder/
 * normalise.ts), on monitor lines as the kernel printed them: no root needed.
 */
import { describe, expect, it } from 'vitest';
import { normaliseTrace } from '../kernel/recorder/normalise';

const P = (id: string, fields: string) => `PACKET: 2 ${id} ${fields} `;
const T = (id: string, what: string) => ` TRACE: 2 ${id} ${what}  -4 -t x -A y`;

const base = {
	handles: new Map([
		['raw:PREROUTING', [2, 5]],
		['raw:OUTPUT', [4]],
		['filter:INPUT', [3, 4, 6]],
		['filter:OUTPUT', [7]],
		['filter:MYC', [8, 9]]
	]),
	traceHandles: new Set(['raw:PREROUTING:2', 'raw:OUTPUT:4']),
	declaredRaw: new Set<string>(),
	dropRetransmissions: true
};

describe('normaliseTrace', () => {
	it('maps handles to positions per table, drops the TRACE rule and undeclared raw chains, spells RETURN', () => {
		const window = [
			P('aa', 'IN=eth0 SRC=10.0.1.2 DST=10.0.1.1'),
			T('aa', 'raw:PREROUTING:rule:0x2:CONTINUE'),
			T('aa', 'raw:PREROUTING:policy:ACCEPT'),
			P('aa', 'IN=eth0 SRC=10.0.1.2 DST=10.0.1.1'),
			T('aa', 'filter:INPUT:rule:0x4:JUMP:MYC'),
			T('aa', 'filter:MYC:rule:0x9:0xfffffffb'),
			T('aa', 'filter:INPUT:rule:0x6:DROP')
		];
		// Handle 4 of filter is a rule, not raw OUTPUT's TRACE rule: handles are per table.
		expect(normaliseTrace({ ...base, windows: [window] }).text).toBe(
			'# packet 1\nfilter:INPUT:rule:2:JUMP:MYC\nfilter:MYC:rule:2:RETURN\nfilter:INPUT:rule:3:DROP\n'
		);
	});

	it('a declared raw chain keeps its events, its positions not counting the TRACE rule', () => {
		const window = [
			P('aa', 'IN=eth0'),
			T('aa', 'raw:PREROUTING:rule:0x2:CONTINUE'),
			T('aa', 'raw:PREROUTING:rule:0x5:DROP')
		];
		const r = normaliseTrace({
			...base,
			declaredRaw: new Set(['raw:PREROUTING']),
			windows: [window]
		});
		expect(r.text).toBe('# packet 1\nraw:PREROUTING:rule:1:DROP\n');
	});

	it('generated packets follow as N.1, N.2 even when their events come before the cause’s verdict', () => {
		const window = [
			P('aa', 'IN=eth0 SRC=10.0.1.2 DST=10.0.1.1 SPORT=1 DPORT=80 SYN'),
			T('aa', 'raw:PREROUTING:policy:ACCEPT'),
			P('bb', 'OUT=eth0 SRC=10.0.1.1 DST=10.0.1.2 SPORT=80 DPORT=1 ACK RST'),
			T('bb', 'raw:OUTPUT:policy:ACCEPT'),
			P('bb', 'OUT=eth0 SRC=10.0.1.1 DST=10.0.1.2 SPORT=80 DPORT=1 ACK RST'),
			T('bb', 'filter:OUTPUT:policy:ACCEPT'),
			P('aa', 'IN=eth0 SRC=10.0.1.2 DST=10.0.1.1 SPORT=1 DPORT=80 SYN'),
			T('aa', 'filter:INPUT:rule:0x3:DROP')
		];
		expect(normaliseTrace({ ...base, windows: [window] }).text).toBe(
			'# packet 1\nfilter:INPUT:rule:1:DROP\n# packet 1.1\nfilter:OUTPUT:policy:ACCEPT\n'
		);
	});

	it('a loopback re-entry with a new trace id stays with its packet; a reused id starts a new one', () => {
		const window = [
			P('aa', 'OUT=lo SRC=127.0.0.1 DST=127.0.0.1'),
			T('aa', 'filter:OUTPUT:policy:ACCEPT'),
			P('cc', 'IN=lo SRC=127.0.0.1 DST=127.0.0.1'),
			T('cc', 'filter:INPUT:policy:ACCEPT'),
			P('cc', 'OUT=lo SRC=127.0.0.1 DST=127.0.0.1 ICMP'),
			T('cc', 'filter:OUTPUT:policy:ACCEPT')
		];
		expect(normaliseTrace({ ...base, windows: [window] }).text).toBe(
			'# packet 1\nfilter:OUTPUT:policy:ACCEPT\nfilter:INPUT:policy:ACCEPT\n# packet 1.1\nfilter:OUTPUT:policy:ACCEPT\n'
		);
	});

	it('drops a SYN-ACK the kernel retransmits, and keeps two equal ICMP errors', () => {
		const synAck = 'OUT=eth0 SRC=10.0.1.1 DST=10.0.1.2 SPORT=22 DPORT=1 SYN ACK';
		const err = 'OUT=eth0 SRC=10.0.1.1 DST=10.0.1.2';
		const w1 = [
			P('aa', 'IN=eth0'),
			T('aa', 'filter:INPUT:policy:ACCEPT'),
			P('bb', synAck),
			T('bb', 'filter:OUTPUT:policy:ACCEPT')
		];
		const w2 = [
			P('dd', 'IN=eth0'),
			T('dd', 'filter:INPUT:policy:ACCEPT'),
			P('ee', synAck),
			T('ee', 'filter:OUTPUT:policy:ACCEPT')
		];
		const w3 = [
			P('ff', 'IN=eth0'),
			T('ff', 'filter:INPUT:policy:ACCEPT'),
			P('ab', err),
			T('ab', 'filter:OUTPUT:policy:ACCEPT')
		];
		const w4 = [
			P('ac', 'IN=eth0'),
			T('ac', 'filter:INPUT:policy:ACCEPT'),
			P('ad', err),
			T('ad', 'filter:OUTPUT:policy:ACCEPT')
		];
		const r = normaliseTrace({ ...base, windows: [w1, w2, w3, w4] });
		expect(r.text.match(/# packet \S+/g)).toEqual([
			'# packet 1',
			'# packet 1.1',
			'# packet 2',
			'# packet 3',
			'# packet 3.1',
			'# packet 4',
			'# packet 4.1'
		]);
		expect(r.notes).toHaveLength(1);
	});

	it('late lines of a packet that came after the next send move back to it', () => {
		const w1 = [
			P('aa', 'IN=eth0 SRC=10.0.1.2 DST=10.0.1.1'),
			T('aa', 'filter:INPUT:rule:0x3:CONTINUE')
		];
		const w2 = [
			T('aa', 'filter:INPUT:policy:ACCEPT'),
			P('bb', 'OUT=eth0 SRC=10.0.1.1 DST=10.0.1.2'),
			T('bb', 'filter:OUTPUT:policy:ACCEPT'),
			P('cc', 'IN=eth0 SRC=10.0.1.3 DST=10.0.1.1'),
			T('cc', 'filter:INPUT:policy:DROP')
		];
		const sent = [
			{ src: '10.0.1.2', dst: '10.0.1.1' },
			{ src: '10.0.1.3', dst: '10.0.1.1' }
		];
		expect(normaliseTrace({ ...base, windows: [w1, w2], sent }).text).toBe(
			'# packet 1\nfilter:INPUT:rule:1:CONTINUE\nfilter:INPUT:policy:ACCEPT\n# packet 1.1\nfilter:OUTPUT:policy:ACCEPT\n# packet 2\nfilter:INPUT:policy:DROP\n'
		);
	});

	it('an NF_QUEUE verdict is QUEUE', () => {
		const window = [P('aa', 'IN=eth0'), T('aa', 'filter:INPUT:rule:0x3:0x00010003')];
		expect(normaliseTrace({ ...base, windows: [window] }).text).toBe(
			'# packet 1\nfilter:INPUT:rule:1:QUEUE\n'
		);
	});
});
