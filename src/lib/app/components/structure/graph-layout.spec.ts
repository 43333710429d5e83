import { describe, expect, it } from 'vitest';
import { parseRuleset } from '$lib/engine';
import { analyseRuleset } from '$lib/engine/analysis';
import { layoutGraph, NODE_HEIGHT } from './graph-layout';

function graphOf(text: string) {
	return analyseRuleset(parseRuleset(text).ruleset).tables[0].graph;
}

const RULES = `*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:A - [0:0]
:B - [0:0]
:C - [0:0]
:OLD - [0:0]
-A INPUT -j A
-A A -j B
-A A -j C
-A B -j A
-A OLD -j OLD
COMMIT
`;

describe('the jump graph layout', () => {
	const layout = layoutGraph(graphOf(RULES));
	const node = (name: string) => layout.nodes.find((n) => n.name === name)!;

	it('puts callers first, then each chain in the column of its fewest jumps', () => {
		expect(layout.nodes.map((n) => [n.name, n.kind])).toEqual([
			['INPUT', 'builtin'],
			['OLD', 'unreachable'],
			['A', 'user'],
			['B', 'user'],
			['C', 'user']
		]);
		// FORWARD calls no user chain: no box. OLD calls only itself: it starts a tree of its own.
		expect(node('INPUT').x).toBeLessThan(node('A').x);
		expect(node('A').x).toBeLessThan(node('B').x);
		expect(node('B').x).toBe(node('C').x);
		expect(node('C').y).toBeGreaterThanOrEqual(node('B').y + NODE_HEIGHT);
		expect(node('OLD').x).toBe(node('INPUT').x);
	});

	it('draws what an unreachable chain calls as a tree, and an unreachable loop last', () => {
		const dead = layoutGraph(
			graphOf(`*filter
:DEAD - [0:0]
:CALLED - [0:0]
:P - [0:0]
:Q - [0:0]
-A INPUT -j CALLED
-A DEAD -j CALLED
-A DEAD -j GONE
:GONE - [0:0]
-A P -j Q
-A Q -j P
COMMIT
`)
		);
		const at = (name: string) => dead.nodes.find((n) => n.name === name)!;
		expect(at('DEAD').x).toBe(at('INPUT').x);
		expect(at('GONE').x).toBe(at('CALLED').x);
		expect(at('GONE').kind).toBe('unreachable');
		expect(at('P').x).toBe(at('Q').x);
		expect(at('P').x).toBeGreaterThan(at('GONE').x);
	});

	it('draws a forward call from the right edge of the caller to the left edge of the callee', () => {
		const e = layout.edges.find((x) => x.from === 'INPUT' && x.to === 'A')!;
		const start = `M${node('INPUT').x + node('INPUT').width},${node('INPUT').y + NODE_HEIGHT / 2}`;
		expect(e.path.startsWith(start)).toBe(true);
		expect(e.path.endsWith(`${node('A').x},${node('A').y + NODE_HEIGHT / 2}`)).toBe(true);
	});

	it('draws calls back and self calls on the right, inside the drawing', () => {
		for (const [from, to] of [
			['B', 'A'],
			['OLD', 'OLD']
		]) {
			const e = layout.edges.find((x) => x.from === from && x.to === to)!;
			expect(e.path).toMatch(new RegExp(`^M${node(from).x + node(from).width},`));
			const xs = [...e.path.matchAll(/[MC ](-?[\d.]+),/g)].map((m) => Number(m[1]));
			expect(Math.max(...xs)).toBeLessThanOrEqual(layout.width);
		}
	});

	it('keeps at most maxPerColumn boxes a column and counts the rest', () => {
		const many = layoutGraph(
			graphOf(
				`*filter\n${[...Array(10).keys()].map((i) => `:U${i} - [0:0]\n-A INPUT -j U${i}`).join('\n')}\nCOMMIT\n`
			),
			4
		);
		expect(many.nodes.filter((n) => n.kind === 'user')).toHaveLength(4);
		expect(many.hidden).toBe(6);
		expect(many.edges).toHaveLength(4);
	});

	it('cuts long names to fit the column', () => {
		const long = 'KUBE-SEP-ABCDEFGHIJKLMNOPQRSTUVWXYZ';
		const n = layoutGraph(graphOf(`*filter\n:${long} - [0:0]\n-A INPUT -j ${long}\nCOMMIT\n`))
			.nodes[1];
		expect(n.name).toBe(long);
		expect(n.label.length).toBeLessThan(long.length);
		expect(n.label.endsWith('…')).toBe(true);
	});
});
