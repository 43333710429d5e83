import { describe, expect, it } from 'vitest';
import { exampleWalk, frameAt } from './spec-walks';
import { activeCell, conntrackCellOf, isHook, lastHook, walkedPath } from './walked';

describe('walkedPath', () => {
	const walk = exampleWalk('home-router');
	const edges = (packet: number, index: number) => {
		const { i } = frameAt(walk, packet, index);
		const path = walkedPath(walk.diagram, walk.frames, walk.packetStarts[packet], i);
		return {
			stations: path.stations,
			edges: [...path.edges].map((k) => `${walk.diagram.edges[k].from}→${walk.diagram.edges[k].to}`)
		};
	};

	it.each([
		[1, ['wire-in'], []],
		[3, ['wire-in', 'PREROUTING'], ['wire-in→PREROUTING']],
		// Forwarding's TTL step happens at routing, before FORWARD.
		[
			13,
			['wire-in', 'PREROUTING', 'routing', 'FORWARD'],
			['wire-in→PREROUTING', 'PREROUTING→routing', 'routing→FORWARD']
		],
		[
			19,
			['wire-in', 'PREROUTING', 'routing', 'FORWARD', 'POSTROUTING', 'wire-out'],
			[
				'wire-in→PREROUTING',
				'PREROUTING→routing',
				'routing→FORWARD',
				'FORWARD→POSTROUTING',
				'POSTROUTING→wire-out'
			]
		]
	])('packet 1 at frame %i', (index, stations, want) => {
		const got = edges(0, index);
		expect(got.stations).toEqual(stations);
		expect(got.edges).toEqual(want);
	});

	it('finds the last hook reached, for the chain panel to follow', () => {
		const { i } = frameAt(walk, 0, 8);
		expect(lastHook(walk.frames, walk.packetStarts[0], i)).toBe('PREROUTING');
		expect(lastHook(walk.frames, walk.packetStarts[0], walk.packetStarts[0])).toBeNull();
		expect(isHook('routing')).toBe(false);
		expect(isHook('INPUT')).toBe(true);
	});
});

describe('activeCell', () => {
	const walk = exampleWalk('home-router');
	const station = (id: string) => walk.diagram.stations.find((s) => s.id === id)!;
	const cellAt = (packet: number, index: number) => {
		const { frame } = frameAt(walk, packet, index);
		const step = walk.trace.packets[packet].steps[frame.step];
		const s = station(frame.station);
		const k = activeCell(s, frame.table, step);
		return k < 0 ? null : s.cells[k].label;
	};

	it.each([
		[2, null],
		[3, 'conntrack lookup'],
		[4, 'nat'],
		// The NAT binding in PREROUTING shows in its only conntrack cell.
		[6, 'conntrack lookup'],
		[18, 'conntrack confirm']
	])('packet 1 frame %i → %s', (index, want) => {
		expect(cellAt(0, index)).toBe(want);
	});

	it('tells lookup from confirm for the token', () => {
		const p = walk.trace.packets[0];
		expect(conntrackCellOf(p.steps[1])).toBe('lookup');
		expect(conntrackCellOf(p.steps[0])).toBeUndefined();
	});
});
