/**
 * The trace invariants (gen/trace-invariants.ts) hold on a real walk and catch each way a trace
 * can break: a checker that found nothing wrong with anything would make the simulate property
 * and the fuzzer vacuous. Each case breaks one thing in a copy of a good trace.
 */
import { describe, expect, it } from 'vitest';
import type { PacketTrace, Step, Trace } from '../../src/lib/engine/sim/trace';
import { traceScenario, udp } from '../support/scenario-run';
import { traceViolations } from './gen/trace-invariants';

/** A forwarded UDP flow and its reply, a NEW packet to the host, and one dropped by a rule. */
function goodTrace(): { trace: Trace; packets: number } {
	const rules = [
		'*filter',
		':INPUT ACCEPT [0:0]',
		':FORWARD ACCEPT [0:0]',
		':OUTPUT ACCEPT [0:0]',
		'-A FORWARD -p udp -m udp --dport 9 -j DROP',
		'-A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT',
		'COMMIT',
		'*nat',
		':POSTROUTING ACCEPT [0:0]',
		'-A POSTROUTING -o r-eth1 -j MASQUERADE',
		'COMMIT'
	];
	const packets = [
		udp('10.0.1.2', 5000, '10.0.2.2', 53),
		udp('10.0.2.2', 53, '10.0.2.1', 5000, 'r-eth1'),
		udp('10.0.1.2', 5001, '10.0.2.2', 9),
		udp('10.0.1.2', 5002, '10.0.1.1', 53)
	];
	return { trace: traceScenario(rules, packets).trace, packets: packets.length };
}

const clone = (t: Trace): Trace => structuredClone(t);
const packet = (t: Trace, id: string): PacketTrace => t.packets.find((p) => p.id === id)!;
const firstStep = <T extends Step['type']>(p: PacketTrace, type: T, from = 0) =>
	p.steps.slice(from).find((s) => s.type === type) as Extract<Step, { type: T }>;

const FROM_ETH = Array.from({ length: 4 }, () => ({ from: 'r-eth0' }));
const check = (t: Trace, count: number) =>
	traceViolations(t, FROM_ETH.slice(0, count) as never, 'nft');

describe('trace invariants', () => {
	it('hold on a real walk', () => {
		const { trace, packets } = goodTrace();
		expect(check(trace, packets)).toEqual([]);
	});

	const CASES: [what: string, breakIt: (t: Trace) => void, found: RegExp][] = [
		['a packet traced twice', (t) => t.packets.push(t.packets[0]), /traced twice/],
		['a missing packet', (t) => t.packets.splice(1, 1), /packet ids/],
		[
			'hooks out of order',
			(t) => {
				const steps = packet(t, '1').steps;
				const a = steps.findIndex((s) => s.type === 'hook' && s.hook === 'FORWARD');
				const b = steps.findIndex((s) => s.type === 'hook' && s.hook === 'POSTROUTING');
				[steps[a], steps[b]] = [steps[b], steps[a]];
			},
			/not a path/
		],
		[
			'tables out of priority order',
			(t) => {
				const steps = packet(t, '1').steps;
				const i = steps.findIndex((s) => s.type === 'chain' && s.table === 'filter');
				steps.splice(i, 0, { type: 'chain', hook: 'FORWARD', table: 'security', chain: 'FORWARD' });
			},
			/comes after slot security/
		],
		[
			'a rule step outside its hook',
			(t) => {
				const rule = firstStep(packet(t, '3'), 'rule');
				rule.hook = 'INPUT';
			},
			/while walking filter at FORWARD/
		],
		[
			'a fate the steps do not lead to',
			(t) => {
				packet(t, '3').fate = { type: 'sent', outIface: 'r-eth1', via: null };
			},
			/sent, but its last hook is FORWARD/
		],
		[
			'dropped by another rule than the last',
			(t) => {
				const f = packet(t, '3').fate;
				if (f.type === 'dropped') f.by.rule = 2;
			},
			/dropped by filter FORWARD 2/
		],
		[
			'a state that changes within a packet',
			(t) => {
				const steps = packet(t, '1').steps;
				const confirm = steps.findLast((s) => s.type === 'conntrack')!;
				if (confirm.type === 'conntrack') confirm.state = 'ESTABLISHED';
			},
			/ESTABLISHED ORIGINAL after NEW ORIGINAL/
		],
		[
			'NEW again after a reply',
			(t) => {
				const lookup = firstStep(packet(t, '2'), 'conntrack');
				lookup.state = 'NEW';
				lookup.dir = 'ORIGINAL';
			},
			/NEW on entry 1, which has seen a reply/
		],
		[
			'a conntrack bit cleared',
			(t) => {
				const lookup = firstStep(packet(t, '2'), 'conntrack');
				lookup.entry = { ...lookup.entry!, status: { ...lookup.entry!.status, confirmed: false } };
			},
			/lost confirmed/
		],
		[
			'INVALID with an entry',
			(t) => {
				firstStep(packet(t, '4'), 'conntrack').state = 'INVALID';
			},
			/INVALID with entry/
		],
		[
			'a counter off by one',
			(t) => {
				const c = t.counters.find((x) => x.chain === 'FORWARD' && x.rule === 1)!;
				c.packets++;
			},
			/counter filter FORWARD 1 is 2:/
		],
		[
			'bytes that do not add up',
			(t) => {
				const c = t.counters.find((x) => x.chain === 'FORWARD' && x.rule === 0)!;
				c.bytes += 1;
			},
			/counter filter FORWARD 0/
		]
	];

	it.each(CASES)('catch %s', (_what, breakIt, found) => {
		const { trace, packets } = goodTrace();
		const broken = clone(trace);
		breakIt(broken);
		expect(check(broken, packets).join('\n')).toMatch(found);
	});
});
