/**
 * `--format text`: the readable walk, from hand-built traces over the fixture rules. The why-not
 * of each skipped rule is the first failing test as the user wrote it.
 */
import { describe, expect, it } from 'vitest';
import { parseRuleset } from '../../parse/index';
import type { ChainPlace, Step } from '../trace';
import { formatText } from './format-text';
import { failedTest, findRule } from './why-not';
import { ip, packet, packetTrace, RULES, trace } from './trace-fixture';
import { ctStatus } from '../conntrack-types';

const { ruleset } = parseRuleset(RULES);
const FWD: ChainPlace = { hook: 'FORWARD', table: 'filter', chain: 'FORWARD' };
const A: ChainPlace = { ...FWD, chain: 'A' };
const B: ChainPlace = { ...FWD, chain: 'B' };

const WALK: Step[] = [
	{ type: 'hook', hook: 'PREROUTING' },
	{
		type: 'conntrack',
		phase: 'lookup',
		state: 'NEW',
		dir: 'ORIGINAL',
		entry: {
			id: 1,
			orig: { proto: 6, src: ip('10.0.1.2'), dst: ip('10.0.2.2'), sport: 40000, dport: 80 },
			reply: { proto: 6, src: ip('10.0.2.2'), dst: ip('10.0.1.2'), sport: 80, dport: 40000 },
			status: ctStatus(),
			tcpState: 'SYN_SENT',
			mark: 0,
			zone: 0,
			helper: null,
			packets: [1, 0],
			bytes: [40, 0],
			lastSeen: 0
		}
	},
	{
		type: 'route',
		decision: 'forward',
		outIface: 'eth1',
		via: null,
		reason: '10.0.2.0/24 dev eth1'
	},
	{ type: 'effect', effect: { type: 'ttl', before: 64, after: 63 }, why: 'forwarding' },
	{ type: 'hook', hook: 'FORWARD' },
	{ type: 'chain', ...FWD },
	{ type: 'skip', ...FWD, from: 1, to: 3, beyond: [2, 6, 3, 3] },
	{ type: 'rule', ...FWD, rule: 4, line: 9, verdict: 'JUMP', target: 'A' },
	{ type: 'skip', ...A, from: 1, to: 1, beyond: [1, 6] },
	{ type: 'rule', ...A, rule: 2, line: 11, verdict: 'GOTO', target: 'B' },
	{
		type: 'rule',
		...B,
		rule: 1,
		line: 12,
		verdict: 'CONTINUE',
		target: 'MARK',
		effect: { type: 'mark', before: 0, after: 0x10 }
	},
	{
		type: 'rule',
		...B,
		rule: 2,
		line: 13,
		verdict: 'REJECT',
		target: 'REJECT',
		note: 'sends icmp-port-unreachable'
	}
];

const EXPECTED = `packet 1: tcp 10.0.1.2:40000 → 10.0.2.2:80 [SYN], in eth0, ttl 64, len 40
  PREROUTING
    conntrack lookup: NEW (original direction), #1 tcp 10.0.1.2:40000 → 10.0.2.2:80 SYN_SENT
    routing: forward out eth1 (10.0.2.0/24 dev eth1)
    ttl 64 → 63 (forwarding)
  FORWARD
    filter FORWARD
      ✗ rules 1–3 did not match
        1: -s 10.9.0.0/16 did not match (line 6)
        2: -m conntrack --ctstate ESTABLISHED did not match (line 7)
        3: ! -i eth0 did not match (line 8)
      ✓ rule 4 matched → jump A   line 9: -A FORWARD -j A
        ✗ rule 1 of A did not match
          1: -m mark --mark 0x1 did not match (line 10)
        ✓ rule 2 of A matched → goto B   line 11: -A A -g B
        ✓ rule 1 of B matched → continue   line 12: -A B -j MARK --set-mark 0x10
            mark 0x0 → 0x10
        ✓ rule 2 of B matched → REJECT (error sent, packet dropped)   line 13: -A B -j REJECT
            note: sends icmp-port-unreachable
  => dropped by filter B rule 2: REJECT with icmp-port-unreachable
`;

const ESC = String.fromCharCode(27);
const stripAnsi = (s: string) =>
	s
		.split(ESC)
		.map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, '')))
		.join('');

describe('formatText', () => {
	const t = trace(
		packetTrace('1', WALK, {
			fate: { type: 'dropped', by: { ...B, rule: 2 }, reason: 'REJECT with icmp-port-unreachable' }
		})
	);

	it('walks hooks, chains, rules with their lines, why-nots, effects, conntrack, routing and fate', () => {
		expect(formatText(t, { ruleset, source: RULES })).toBe(EXPECTED);
	});

	it('without the rules text, rule lines are numbers and failing tests are rebuilt from the model', () => {
		const out = formatText(t, { ruleset });
		expect(out).toContain('✓ rule 4 matched → jump A   line 9\n');
		expect(out).toContain('1: -s 10.9.0.0/16 did not match (line 6)');
		expect(out).toContain('2: -m conntrack --ctstate … did not match (line 7)');
	});

	it('without the ruleset, a skipped run is one line', () => {
		expect(formatText(t)).toContain('✗ rules 1–3 did not match\n      ✓ rule 4');
	});

	it('long runs list skipLimit rules, then how many more', () => {
		const out = formatText(t, { ruleset, source: RULES, skipLimit: 1 });
		expect(out).toContain('1: -s 10.9.0.0/16 did not match (line 6)\n        … and 2 more\n');
	});

	it('colour only when asked: ANSI codes around verdicts, same words', () => {
		const coloured = formatText(t, { ruleset, source: RULES, colour: true });
		expect(coloured).toContain('\x1b[31mREJECT (error sent, packet dropped)\x1b[0m');
		expect(stripAnsi(coloured)).toBe(EXPECTED);
		expect(formatText(t, { ruleset, source: RULES })).not.toContain('\x1b[');
	});

	it('generated packets name their cause; counters that moved are listed after the packets', () => {
		const out = formatText({
			packets: [
				packetTrace(
					'1.1',
					[{ type: 'policy', hook: 'OUTPUT', table: 'filter', chain: 'OUTPUT', verdict: 'ACCEPT' }],
					{
						cause: 'REJECT at filter B rule 2',
						packet: packet({
							proto: 1,
							icmpType: 3,
							icmpCode: 3,
							inIface: null,
							length: 68,
							embedded: packet()
						}),
						fate: { type: 'sent', outIface: 'eth0', via: ip('10.0.1.254') }
					}
				)
			],
			counters: [
				{ table: 'filter', chain: 'OUTPUT', rule: 0, packets: 1, bytes: 68 },
				{ table: 'filter', chain: 'FORWARD', rule: 1, packets: 0, bytes: 0 }
			]
		});
		expect(out).toBe(
			'packet 1.1 (REJECT at filter B rule 2): icmp 10.0.1.2 → 10.0.2.2 type 3 code 3, sent by the host, ttl 64, len 68, quoting tcp 10.0.1.2:40000 → 10.0.2.2:80 [SYN]\n' +
				'      policy of filter OUTPUT: ACCEPT\n' +
				'  => sent out eth0 via 10.0.1.254\n' +
				'\ncounters:\n  filter OUTPUT policy: 1 packet, 68 bytes\n'
		);
	});
});

describe('failedTest: the first failing test of a rule, as written', () => {
	const CASES: [chain: string, rule: number, failed: number, text: string | null][] = [
		['FORWARD', 1, 1, '-s 10.9.0.0/16'],
		['FORWARD', 2, 0, '-p tcp'],
		['FORWARD', 2, 6, '-m conntrack --ctstate ESTABLISHED'],
		['FORWARD', 3, 3, '! -i eth0'],
		// The implicit `-m tcp` of `-p tcp --dport 22` is its options alone.
		['FORWARD', 3, 6, '--dport 22'],
		['A', 1, 6, '-m mark --mark 0x1'],
		// An index the rule does not have: the trace belongs to another rule set.
		['A', 1, 7, null],
		['FORWARD', 1, 2, null]
	];
	it.each(CASES)('%s rule %i, test %i → %s', (chain, n, failed, text) => {
		const rule = findRule(ruleset, 'filter', chain, n);
		expect(rule).not.toBe(null);
		expect(failedTest(rule!, failed, RULES)).toBe(text);
	});

	it('findRule: null for a rule, chain or table that is not there', () => {
		expect(findRule(ruleset, 'filter', 'FORWARD', 5)).toBe(null);
		expect(findRule(ruleset, 'filter', 'NOPE', 1)).toBe(null);
		expect(findRule(ruleset, 'nat', 'FORWARD', 1)).toBe(null);
	});
});
