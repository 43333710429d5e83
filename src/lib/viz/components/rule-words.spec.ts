import { describe, expect, it } from 'vitest';
import { chainRows, resultOf } from './chain-rows';
import { packetsOf, ruleWords } from './rule-words';
import { exampleWalk, frameAt } from './spec-walks';
import { stopMark } from './stop-label';

describe('ruleWords', () => {
	const walk = exampleWalk('home-router');
	const lines = walk.rulesText.split('\n');
	const p = walk.trace.packets[0];
	const { frame } = frameAt(walk, 0, 13);
	const view = chainRows(walk.ruleset, ['filter'], p, 'FORWARD', frame.step, frame);
	const words = (position: number) => {
		const call = view.rows[0].call;
		const rule = call.chain.rules[position - 1];
		return ruleWords(rule, position, resultOf(call, position), p, packetsOf(p), lines);
	};

	it.each([
		[1, 'unmatched', '✗', 'state is NEW — fails -m conntrack --ctstate RELATED,ESTABLISHED'],
		[2, 'unmatched', '✗', 'in is r-eth1 — fails -i r-eth0'],
		[3, 'matched', '✓', '→ ACCEPT']
	])('filter FORWARD rule %i: %s', (position, status, symbol, detail) => {
		expect(words(position)).toEqual({ status, symbol, detail });
	});

	it('shows what a non-terminating target changed', () => {
		const marks = exampleWalk('policy-routing-by-mark');
		const q = marks.trace.packets[0];
		const step = q.steps.find((s) => s.type === 'rule' && s.effect?.type === 'mark');
		expect(step).toBeDefined();
		if (step?.type !== 'rule') return;
		const call = chainRows(marks.ruleset, [step.table], q, step.hook, q.steps.length, step)
			.rows.map((r) => r.call)
			.find((c) => c.chain.name === step.chain)!;
		const rule = call.chain.rules[step.rule - 1];
		const w = ruleWords(rule, step.rule, resultOf(call, step.rule), q, packetsOf(q), []);
		expect(w.detail).toMatch(/^MARK: mark 0x0 → 0x/);
	});
});

describe('stopMark', () => {
	it('names where and by which rule a packet was dropped', () => {
		const walk = exampleWalk('ping-reply-dropped-by-output');
		const reply = walk.trace.packets.find((p) => p.fate.type === 'dropped')!;
		expect(stopMark(reply, 'OUTPUT')).toEqual({
			station: 'OUTPUT',
			text: '✕ DROP · filter OUTPUT policy'
		});
		expect(stopMark(walk.trace.packets[0], 'local')).toBeNull();
	});
});
