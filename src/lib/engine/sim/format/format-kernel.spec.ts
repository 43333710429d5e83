/**
 * `--format kernel`: exactly the normalised xtables-monitor lines of the issue, from hand-built
 * traces. Verdict spellings follow §0's table (REJECT → DROP, NAT → ACCEPT, RETURN, QUEUE) and
 * the §2.3 walk `FORWARD -j A; A -g B` with its invisible implicit return.
 */
import { describe, expect, it } from 'vitest';
import { parseRuleset } from '../../parse/index';
import type { ChainPlace, Step } from '../trace';
import { formatKernel } from './format-kernel';
import { packetTrace, RULES, trace } from './trace-fixture';

const FWD: ChainPlace = { hook: 'FORWARD', table: 'filter', chain: 'FORWARD' };
const A = { ...FWD, chain: 'A' };
const B = { ...FWD, chain: 'B' };

function rule(
	place: ChainPlace,
	n: number,
	verdict: Extract<Step, { type: 'rule' }>['verdict'],
	target: string
): Step {
	return { type: 'rule', ...place, rule: n, line: 0, verdict, target };
}

interface Case {
	name: string;
	steps: Step[];
	lines: string[];
}

const CASES: Case[] = [
	{
		name: '§2.3: jump, goto, implicit return (no line), back in FORWARD, policy',
		steps: [
			{ type: 'hook', hook: 'FORWARD' },
			{ type: 'chain', ...FWD },
			{ type: 'skip', ...FWD, from: 1, to: 3, beyond: [2, 6, 3, 3] },
			rule(FWD, 4, 'JUMP', 'A'),
			{ type: 'skip', ...A, from: 1, to: 1, beyond: [1, 6] },
			rule(A, 2, 'GOTO', 'B'),
			rule(B, 1, 'CONTINUE', 'MARK'),
			{ type: 'return', ...B, implicit: true, to: 'FORWARD' },
			{ type: 'policy', ...FWD, verdict: 'DROP' }
		],
		lines: [
			'filter:FORWARD:rule:4:JUMP:A',
			'filter:A:rule:2:GOTO:B',
			'filter:B:rule:1:CONTINUE',
			'filter:FORWARD:policy:DROP'
		]
	},
	{
		name: '§2.5: REJECT prints as DROP',
		steps: [rule(B, 2, 'REJECT', 'REJECT')],
		lines: ['filter:B:rule:2:DROP']
	},
	{
		name: '§2.3: an explicit RETURN is a rule line; the return step after it is not',
		steps: [
			rule(A, 1, 'RETURN', 'RETURN'),
			{ type: 'return', ...A, implicit: false, to: 'FORWARD' }
		],
		lines: ['filter:A:rule:1:RETURN']
	},
	{
		name: '§2.3: RETURN in a built-in chain, then its policy',
		steps: [rule(FWD, 2, 'RETURN', 'RETURN'), { type: 'policy', ...FWD, verdict: 'ACCEPT' }],
		lines: ['filter:FORWARD:rule:2:RETURN', 'filter:FORWARD:policy:ACCEPT']
	},
	{
		name: '§2.6: NFQUEUE prints as QUEUE whatever the queue number',
		steps: [rule(FWD, 1, 'QUEUE', 'NFQUEUE')],
		lines: ['filter:FORWARD:rule:1:QUEUE']
	},
	{
		name: '§0: NAT targets print as ACCEPT even while the engine calls them CONTINUE',
		steps: [rule({ hook: 'PREROUTING', table: 'nat', chain: 'PREROUTING' }, 1, 'CONTINUE', 'DNAT')],
		lines: ['nat:PREROUTING:rule:1:ACCEPT']
	},
	{
		name: 'conntrack, routing, effects and notes have no kernel line',
		steps: [
			{ type: 'conntrack', phase: 'lookup', state: 'NEW', dir: 'ORIGINAL', entry: null },
			{
				type: 'route',
				decision: 'forward',
				outIface: 'eth1',
				via: null,
				reason: '10.0.2.0/24 dev eth1'
			},
			{ type: 'effect', effect: { type: 'ttl', before: 64, after: 63 }, why: 'forwarding' },
			{ type: 'note', text: 'x' },
			rule(FWD, 3, 'ACCEPT', 'ACCEPT')
		],
		lines: ['filter:FORWARD:rule:3:ACCEPT']
	}
];

describe('formatKernel', () => {
	it.each(CASES)('$name', ({ steps, lines }) => {
		expect(formatKernel(trace(packetTrace('1', steps)))).toBe(
			['# packet 1', ...lines].join('\n') + '\n'
		);
	});

	it('generated packets get their own N.K header, even with no event; an empty block stays', () => {
		const t = trace(
			packetTrace('1', [rule(B, 2, 'REJECT', 'REJECT')]),
			packetTrace('1.1', [{ type: 'hook', hook: 'OUTPUT' }], { cause: 'REJECT' }),
			packetTrace('2', [])
		);
		expect(formatKernel(t)).toBe('# packet 1\nfilter:B:rule:2:DROP\n# packet 1.1\n# packet 2\n');
	});

	it('§1.3: with the ruleset, chains the input did not declare (and absent tables) print nothing', () => {
		const { ruleset } = parseRuleset(RULES);
		const t = trace(
			packetTrace('1', [
				{ type: 'policy', hook: 'OUTPUT', table: 'filter', chain: 'OUTPUT', verdict: 'ACCEPT' },
				{ type: 'policy', hook: 'OUTPUT', table: 'mangle', chain: 'OUTPUT', verdict: 'ACCEPT' },
				{ type: 'policy', hook: 'INPUT', table: 'filter', chain: 'INPUT', verdict: 'ACCEPT' }
			])
		);
		expect(formatKernel(t, ruleset)).toBe('# packet 1\nfilter:INPUT:policy:ACCEPT\n');
		// Without it every chain prints: the caller chose not to filter.
		expect(formatKernel(t).split('\n')).toHaveLength(5);
	});

	it('an empty trace is empty output', () => {
		expect(formatKernel(trace())).toBe('');
	});
});
