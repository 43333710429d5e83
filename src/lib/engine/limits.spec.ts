/** Each limit of limits.ts triggers with a diagnostic or fate that says what to do. */
import { describe, expect, it } from 'vitest';
import { parseRuleset } from './index';
import {
	MAX_LINE_LENGTH,
	MAX_RULES,
	MAX_RULESET_CHARS,
	MAX_RULESET_LINES,
	SIM_BUDGET,
	type SimLimits
} from './limits';
import { SimBudget } from './sim/budget';
import { Simulation } from './sim/simulate';
import { parseScenario } from '../scenario/index';

const filter = (lines: string[]) => `*filter\n${lines.join('\n')}\nCOMMIT\n`;

describe('rule-set limits', () => {
	it.each([
		[
			'more characters than the limit',
			'#'.repeat(MAX_RULESET_CHARS + 1),
			{ code: 'ruleset-too-large', line: 1, column: 1 },
			/33,554,433 characters; nfwalk reads at most 33,554,432/
		],
		[
			'more lines than the limit',
			'\n'.repeat(MAX_RULESET_LINES) + 'COMMIT',
			{ code: 'ruleset-too-large', line: MAX_RULESET_LINES + 1, column: 1 },
			/more than 1,000,000 lines/
		],
		[
			'a line longer than the limit',
			filter(['-A INPUT -m comment --comment ' + 'x'.repeat(MAX_LINE_LENGTH)]),
			{ code: 'line-too-long', line: 2, column: MAX_LINE_LENGTH + 1 },
			/line 2 has 65,566 characters; nfwalk reads lines of at most 65,536/
		]
	])('%s', (_what, text, at, message) => {
		const { diagnostics } = parseRuleset(text);
		expect(diagnostics[0]).toMatchObject({ severity: 'error', ...at });
		expect(diagnostics[0].message).toMatch(message);
		expect(diagnostics[0].message).toMatch(/docs\/limits\.md/);
	});

	it('exactly the limits are still read', () => {
		expect(
			parseRuleset('\n'.repeat(MAX_RULESET_LINES - 1) + 'COMMIT').diagnostics[0]?.code
		).not.toBe('ruleset-too-large');
		const line = '-A INPUT -m comment --comment ' + 'x'.repeat(MAX_LINE_LENGTH - 30);
		expect(line.length).toBe(MAX_LINE_LENGTH);
		expect(parseRuleset(filter([line])).diagnostics).toEqual([]);
	});

	it(`stops at rule ${MAX_RULES + 1}, in both input forms`, () => {
		const restore = filter(Array(MAX_RULES + 5).fill('-A INPUT'));
		const d = parseRuleset(restore).diagnostics;
		expect(d.map((x) => `${x.line}:${x.code}`)).toEqual([`${MAX_RULES + 2}:too-many-rules`]);
		expect(d[0].message).toMatch(/this is rule 250,001; nfwalk reads at most 250,000 rules/);
		const script = Array(MAX_RULES + 5)
			.fill('iptables -A INPUT')
			.join('\n');
		expect(parseRuleset(script).diagnostics.map((x) => `${x.line}:${x.code}`)).toEqual([
			`${MAX_RULES + 1}:too-many-rules`
		]);
	}, 30_000);
});

/** A host at 10.0.0.1 and a ping to it, as the scenario reader builds them. */
const { host, packets: pings } = parseScenario(
	JSON.stringify({
		nfwalk: 1,
		host: { interfaces: [{ name: 'eth0', addresses: ['10.0.0.1/24'] }], backend: 'legacy' },
		rules: '',
		packets: [
			{ from: 'eth0', proto: 'icmp', src: '10.0.0.2', dst: '10.0.0.1', type: 8, code: 0, id: 1 }
		]
	})
);

/** INPUT → C1 → … → C`depth`, each chain jumping twice to the next: 2^depth walks. */
function fanout(depth: number): string {
	const lines: string[] = [];
	for (let i = 1; i <= depth; i++) lines.push(`:C${i} - [0:0]`);
	lines.push('-A INPUT -j C1');
	for (let i = 1; i < depth; i++) lines.push(`-A C${i} -j C${i + 1}`, `-A C${i} -j C${i + 1}`);
	return filter(lines);
}

function run(rules: string, packets: number, limits: Partial<SimLimits>) {
	const { ruleset } = parseRuleset(rules);
	const sim = new Simulation(host!, ruleset, new SimBudget({ ...SIM_BUDGET, ...limits }));
	return sim.run(Array.from({ length: packets }, () => pings[0]));
}

describe('the simulation budget', () => {
	it.each([
		[
			'steps of one packet',
			{ stepsPerPacket: 500 },
			/took 500 steps, the most one packet may take/
		],
		[
			'rule tests of one packet',
			{ ruleTestsPerPacket: 300 },
			/was tested against more than 300 rules, the most one packet may be/
		],
		[
			'steps of the scenario',
			{ stepsPerScenario: 700 },
			/brought the scenario to 700 steps, the most a scenario may take/
		],
		[
			'rule tests of the scenario',
			{ ruleTestsPerScenario: 500 },
			/brought the scenario past 500 rule tests/
		]
	])('%s: the walk ends with a fate that says so', (_what, limits, reason) => {
		const trace = run(fanout(20), 1, limits);
		const fate = trace.packets[0].fate;
		expect(fate.type).toBe('discarded');
		expect(fate.type === 'discarded' && fate.reason).toMatch(reason);
		expect(fate.type === 'discarded' && fate.reason).toMatch(/docs\/limits\.md/);
		const last = trace.packets[0].steps.at(-1)!;
		expect(last.type === 'note' && last.text).toMatch(reason);
	});

	it('a scenario whose budget is spent walks no more packets, and says why', () => {
		const trace = run(fanout(20), 3, { stepsPerPacket: 400, stepsPerScenario: 500 });
		const reasons = trace.packets.map((p) => (p.fate.type === 'discarded' ? p.fate.reason : ''));
		expect(reasons[0]).toMatch(/took 400 steps/);
		expect(reasons[1]).toMatch(/brought the scenario to 500 steps/);
		expect(reasons[2]).toMatch(/did not walk this packet: the scenario's earlier packets took/);
		expect(trace.packets[2].steps).toEqual([]);
	});

	it('the real budget ends a walk of 2^30 chains quickly', () => {
		const started = performance.now();
		const trace = run(fanout(30), 1, {});
		expect(performance.now() - started).toBeLessThan(5000);
		const fate = trace.packets[0].fate;
		expect(fate.type === 'discarded' && fate.reason).toMatch(/took 20,000 steps/);
	});

	it('a packet through a loop the validator reports ends too', () => {
		// The app never walks rules with errors; the engine still must not hang if asked to.
		const rules = filter([':A - [0:0]', '-A INPUT -j A', '-A A -g A']);
		expect(parseRuleset(rules).diagnostics.map((d) => d.code)).toEqual(['chain-loop']);
		const fate = run(rules, 1, {}).packets[0].fate;
		expect(fate.type === 'discarded' && fate.reason).toMatch(/nfwalk stopped this packet/);
	});
});
