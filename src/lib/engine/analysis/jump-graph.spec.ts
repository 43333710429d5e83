import { describe, expect, it } from 'vitest';
import { parseRuleset } from '../parse/index';
import { SIMULATED_TARGETS } from '../sim/targets/index';
import { TERMINAL_TARGETS } from './effects';
import { analyseRuleset } from './index';

const RULES = `*filter
:INPUT DROP [0:0]
:FORWARD ACCEPT [0:0]
:CHECK - [0:0]
:LOGDROP - [0:0]
:OLD - [0:0]
:OLDER - [0:0]
:LOOP - [0:0]
-A INPUT -i lo -j ACCEPT
-A INPUT -p tcp -j CHECK
-A INPUT -p udp -j CHECK
-A INPUT -g LOGDROP
-A CHECK -s 10.0.0.0/8 -j LOGDROP
-A CHECK -j RETURN
-A LOGDROP -j LOG
-A LOGDROP -j DROP
-A OLD -j OLDER
-A OLDER -j OLD
-A LOOP -j LOOP
COMMIT
*nat
-A POSTROUTING -o eth0 -j MASQUERADE
COMMIT
`;

describe('the jump graph', () => {
	const { ruleset } = parseRuleset(RULES);
	const [filter, nat] = analyseRuleset(ruleset).tables;

	it('has the built-in chains the table really has as roots', () => {
		// OUTPUT is never declared: iptables-nft has no such chain, and it jumps nowhere anyway.
		expect(filter.graph.roots).toEqual(['INPUT', 'FORWARD']);
		expect(nat.graph.roots).toEqual(['POSTROUTING']);
	});

	it('has one edge per caller and callee, with the rule numbers and whether all are gotos', () => {
		expect(filter.graph.edges).toEqual([
			{ from: 'INPUT', to: 'CHECK', rules: [2, 3], goto: false },
			{ from: 'INPUT', to: 'LOGDROP', rules: [4], goto: true },
			{ from: 'CHECK', to: 'LOGDROP', rules: [1], goto: false },
			{ from: 'OLD', to: 'OLDER', rules: [1], goto: false },
			{ from: 'OLDER', to: 'OLD', rules: [1], goto: false },
			{ from: 'LOOP', to: 'LOOP', rules: [1], goto: false }
		]);
		expect(nat.graph.edges).toEqual([]);
	});

	it('gives each reached user chain its fewest jumps from a root', () => {
		expect(Object.fromEntries(filter.graph.depth)).toEqual({ CHECK: 1, LOGDROP: 1 });
	});

	it('flags user chains no built-in chain leads to, even when other chains call them', () => {
		expect(filter.unreachable).toEqual([
			{ chain: 'OLD', message: expect.stringContaining('only OLDER jumps to it') },
			{ chain: 'OLDER', message: expect.stringContaining('only OLD jumps to it') },
			{ chain: 'LOOP', message: expect.stringContaining('only LOOP jumps to it') }
		]);
	});

	it('says when no rule jumps to a chain at all', () => {
		const { ruleset } = parseRuleset('*filter\n:ORPHAN - [0:0]\n-A ORPHAN -j DROP\nCOMMIT\n');
		expect(analyseRuleset(ruleset).tables[0].unreachable).toEqual([
			{
				chain: 'ORPHAN',
				message: 'no packet enters ORPHAN: no rule of table filter jumps or goes to it'
			}
		]);
	});
});

describe('terminal targets', () => {
	it.each([...TERMINAL_TARGETS])('%s is a target the simulator runs', (name) => {
		expect(SIMULATED_TARGETS).toContain(name);
	});
});
