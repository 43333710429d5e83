/** The diagram's geometry: stations, their cells in the engine's order, edges, the token. */
import { describe, expect, it } from 'vitest';
import { parseRuleset } from '../../engine/index';
import { layoutDiagram, tokenPosition, DIAGRAM_HEIGHT, DIAGRAM_WIDTH } from './diagram';

const rules = parseRuleset(
	'*nat\n:PREROUTING ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n-A POSTROUTING -j MASQUERADE\nCOMMIT\n*filter\n:FORWARD DROP [0:0]\nCOMMIT\n'
).ruleset;

describe('layoutDiagram', () => {
	const d = layoutDiagram(rules, 'nft', true);
	const st = (id: string) => d.stations.find((s) => s.id === id)!;

	it('has the nine stations inside the drawing', () => {
		expect(d.stations.map((s) => s.id).sort()).toEqual(
			[
				'FORWARD',
				'INPUT',
				'OUTPUT',
				'POSTROUTING',
				'PREROUTING',
				'local',
				'routing',
				'wire-in',
				'wire-out'
			].sort()
		);
		for (const s of d.stations) {
			expect(s.x).toBeGreaterThanOrEqual(0);
			expect(s.y).toBeGreaterThanOrEqual(0);
			expect(s.x + s.width).toBeLessThanOrEqual(DIAGRAM_WIDTH);
			expect(s.y + s.height).toBeLessThanOrEqual(DIAGRAM_HEIGHT);
		}
	});

	it.each([
		['PREROUTING', ['raw', 'conntrack lookup', 'mangle', 'nat']],
		['INPUT', ['mangle', 'filter', 'nat', 'security', 'conntrack confirm']],
		['FORWARD', ['mangle', 'filter', 'security']],
		['POSTROUTING', ['mangle', 'nat', 'conntrack confirm']]
	])('%s shows its tables in the engine’s order (nft)', (hook, labels) => {
		expect(st(hook).cells.map((c) => c.label)).toEqual(labels);
	});

	it('legacy runs security before nat INPUT', () => {
		const legacy = layoutDiagram(rules, 'legacy', true);
		expect(legacy.stations.find((s) => s.id === 'INPUT')!.cells.map((c) => c.label)).toEqual([
			'mangle',
			'filter',
			'security',
			'nat',
			'conntrack confirm'
		]);
	});

	it('dims chains the rule set does not declare, and nat and conntrack without conntrack', () => {
		const dim = (hook: string) =>
			Object.fromEntries(st(hook).cells.map((c) => [c.label, c.dimmed]));
		expect(dim('PREROUTING')).toEqual({
			raw: true,
			'conntrack lookup': false,
			mangle: true,
			nat: false
		});
		expect(dim('FORWARD')).toEqual({ mangle: true, filter: false, security: true });
		const off = layoutDiagram(rules, 'nft', false).stations.find((s) => s.id === 'PREROUTING')!;
		expect(off.cells.filter((c) => !c.dimmed)).toEqual([]);
	});

	it('cells stack inside their station without overlapping', () => {
		for (const s of d.stations)
			s.cells.forEach((c, i) => {
				expect(c.x).toBeGreaterThanOrEqual(s.x);
				expect(c.y + c.height).toBeLessThanOrEqual(s.y + s.height);
				if (i > 0) expect(c.y).toBeGreaterThanOrEqual(s.cells[i - 1].y + s.cells[i - 1].height);
			});
	});

	it('edges connect the classic flow, with one loopback edge, as path data', () => {
		const pairs = d.edges.map((e) => `${e.from}>${e.to}`);
		for (const p of [
			'wire-in>PREROUTING',
			'PREROUTING>routing',
			'routing>INPUT',
			'routing>FORWARD',
			'FORWARD>POSTROUTING',
			'local>OUTPUT',
			'OUTPUT>POSTROUTING',
			'POSTROUTING>wire-out'
		])
			expect(pairs).toContain(p);
		expect(d.edges.filter((e) => e.loopback).map((e) => `${e.from}>${e.to}`)).toEqual([
			'POSTROUTING>PREROUTING'
		]);
		for (const e of d.edges) expect(e.d).toMatch(/^M[\d.,-]+/);
	});
});

describe('tokenPosition', () => {
	const d = layoutDiagram(rules, 'nft', true);
	it('sits in the cell of the table, else at the station', () => {
		const nat = d.stations
			.find((s) => s.id === 'POSTROUTING')!
			.cells.find((c) => c.table === 'nat')!;
		const t = tokenPosition(d, 'POSTROUTING', 'nat');
		expect(t.y).toBeCloseTo(nat.y + nat.height / 2);
		const confirm = tokenPosition(d, 'POSTROUTING', 'conntrack', 'confirm');
		expect(confirm.y).toBeGreaterThan(t.y);
		const r = d.stations.find((s) => s.id === 'routing')!;
		// On the top edge of a small station, off its label.
		expect(tokenPosition(d, 'routing', null)).toEqual({ x: r.x + r.width / 2, y: r.y });
	});
});
