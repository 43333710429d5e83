/**
 * The classic netfilter flow as geometry: stations (the five hooks, the routing decision, the
 * host's stack, the wire in and out) with their tables as cells in the order the engine runs them,
 * conntrack's lookup and confirm marked, and the edges between stations as SVG path strings. Pure
 * numbers and strings (d3-shape computes the curves); components only draw what this returns.
 *
 *            INPUT ──────────────▶ local ──┐
 *              ▲                           ▼
 *  wire ▶ PREROUTING ▶ routing ▶ FORWARD ▶ POSTROUTING ▶ wire
 *              ▲                    OUTPUT ──┘
 *              └──────── lo ◀───────────┘
 */
import { line, curveBumpX, curveBumpY } from 'd3-shape';
import type { Hook, Ruleset, TableName } from '../../engine/model';
import { baseChain, hookSlots } from '../../engine/sim/hooks';
import type { StationId } from '../model/frames';

/** A table's chain at a hook, or conntrack's lookup/confirm there. */
export interface CellSpec {
	/** `nat`, `filter`, … or `conntrack` (lookup or confirm). */
	table: TableName | 'conntrack';
	label: string;
	x: number;
	y: number;
	width: number;
	height: number;
	/** The chain does not exist (not declared under iptables-nft, or conntrack is off). */
	dimmed: boolean;
}

export interface StationSpec {
	id: StationId;
	label: string;
	/** Top-left corner and size, in diagram units. */
	x: number;
	y: number;
	width: number;
	height: number;
	cells: CellSpec[];
}

export interface EdgeSpec {
	from: StationId;
	to: StationId;
	/** SVG path data. */
	d: string;
	/** The loopback edge is drawn apart. */
	loopback: boolean;
}

export interface DiagramSpec {
	width: number;
	height: number;
	stations: StationSpec[];
	edges: EdgeSpec[];
}

export const DIAGRAM_WIDTH = 1100;
export const DIAGRAM_HEIGHT = 600;
const BOX_WIDTH = 150;
const HEADER = 26;
const CELL = 22;
const SMALL = 70;

/** Centres of the stations (hooks get their boxes hung from this point downwards). */
const PLACE: Record<StationId, { x: number; y: number }> = {
	'wire-in': { x: 45, y: 300 },
	PREROUTING: { x: 200, y: 300 },
	routing: { x: 390, y: 300 },
	INPUT: { x: 390, y: 80 },
	local: { x: 720, y: 80 },
	FORWARD: { x: 560, y: 300 },
	OUTPUT: { x: 720, y: 420 },
	POSTROUTING: { x: 900, y: 300 },
	'wire-out': { x: 1060, y: 300 }
};

const HOOKS: Hook[] = ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'];

/** The cells of a hook in the engine's order for this backend, dimmed where nothing runs. */
function cellsOf(hook: Hook, ruleset: Ruleset, backend: 'nft' | 'legacy', ctOn: boolean) {
	return hookSlots(hook, backend).map((slot) => {
		if (slot.type === 'ct-lookup')
			return { table: 'conntrack' as const, label: 'conntrack lookup', dimmed: !ctOn };
		if (slot.type === 'ct-confirm')
			return { table: 'conntrack' as const, label: 'conntrack confirm', dimmed: !ctOn };
		const exists = !!baseChain(ruleset, slot.table, hook, backend);
		// nat runs for first packets only, and only with conntrack on (§1.4).
		const dimmed = !exists || (slot.table === 'nat' && !ctOn);
		return { table: slot.table, label: slot.table, dimmed };
	});
}

function station(
	id: StationId,
	label: string,
	cells: Omit<CellSpec, 'x' | 'y' | 'width' | 'height'>[]
): StationSpec {
	const c = PLACE[id];
	if (cells.length === 0) {
		return {
			id,
			label,
			x: c.x - SMALL / 2,
			y: c.y - SMALL / 4,
			width: SMALL,
			height: SMALL / 2,
			cells: []
		};
	}
	const height = HEADER + cells.length * CELL + 6;
	const x = c.x - BOX_WIDTH / 2;
	const y = c.y - HEADER / 2;
	return {
		id,
		label,
		x,
		y,
		width: BOX_WIDTH,
		height,
		cells: cells.map((cell, i) => ({
			...cell,
			x: x + 6,
			y: y + HEADER + i * CELL,
			width: BOX_WIDTH - 12,
			height: CELL - 3
		}))
	};
}

const horizontal = line<[number, number]>().curve(curveBumpX);
const vertical = line<[number, number]>().curve(curveBumpY);

/** Where an edge leaves or reaches a station: the middle of a side. */
function port(s: StationSpec, side: 'left' | 'right' | 'top' | 'bottom'): [number, number] {
	switch (side) {
		case 'left':
			return [s.x, s.y + Math.min(s.height, HEADER) / 2];
		case 'right':
			return [s.x + s.width, s.y + Math.min(s.height, HEADER) / 2];
		case 'top':
			return [s.x + s.width / 2, s.y];
		case 'bottom':
			return [s.x + s.width / 2, s.y + s.height];
	}
}

/** The diagram for a rule set: which chains exist decides which cells are dimmed. */
export function layoutDiagram(
	ruleset: Ruleset,
	backend: 'nft' | 'legacy',
	ctOn: boolean
): DiagramSpec {
	const stations: StationSpec[] = [
		station('wire-in', 'wire in', []),
		...HOOKS.map((h) => station(h, h, cellsOf(h, ruleset, backend, ctOn))),
		station('routing', 'routing', []),
		station('local', 'local process', []),
		station('wire-out', 'wire out', [])
	];
	const by = (id: StationId) => stations.find((s) => s.id === id)!;
	const h = (
		a: StationId,
		sa: 'left' | 'right' | 'top' | 'bottom',
		b: StationId,
		sb: 'left' | 'right' | 'top' | 'bottom',
		loopback = false,
		vert = false
	): EdgeSpec => {
		const p = port(by(a), sa);
		const q = port(by(b), sb);
		return { from: a, to: b, d: (vert ? vertical : horizontal)([p, q]) ?? '', loopback };
	};
	const post = by('POSTROUTING');
	const pre = by('PREROUTING');
	const loopY = DIAGRAM_HEIGHT - 10;
	const loop: [number, number][] = [
		[post.x + post.width / 2, post.y + post.height],
		[post.x + post.width / 2, loopY],
		[pre.x + pre.width / 2, loopY],
		[pre.x + pre.width / 2, pre.y + pre.height]
	];
	const edges: EdgeSpec[] = [
		h('wire-in', 'right', 'PREROUTING', 'left'),
		h('PREROUTING', 'right', 'routing', 'left'),
		h('routing', 'top', 'INPUT', 'bottom', false, true),
		h('INPUT', 'right', 'local', 'left'),
		h('routing', 'right', 'FORWARD', 'left'),
		h('FORWARD', 'right', 'POSTROUTING', 'left'),
		h('local', 'bottom', 'OUTPUT', 'top', false, true),
		h('OUTPUT', 'right', 'POSTROUTING', 'bottom', false, true),
		h('POSTROUTING', 'right', 'wire-out', 'left'),
		{ from: 'POSTROUTING', to: 'PREROUTING', d: line()(loop) ?? '', loopback: true }
	];
	return { width: DIAGRAM_WIDTH, height: DIAGRAM_HEIGHT, stations, edges };
}

/** Where the packet token sits for a station and (optionally) a table cell in it. */
export function tokenPosition(
	d: DiagramSpec,
	stationId: StationId,
	table: string | null,
	conntrackCell?: 'lookup' | 'confirm'
): { x: number; y: number } {
	const s = d.stations.find((x) => x.id === stationId);
	if (!s) return { x: 0, y: 0 };
	let cell = table ? s.cells.find((c) => c.table === table) : undefined;
	if (table === 'conntrack' && conntrackCell)
		cell = s.cells.find((c) => c.label === `conntrack ${conntrackCell}`) ?? cell;
	if (cell) return { x: cell.x + cell.width - 10, y: cell.y + cell.height / 2 };
	// A small station (wire, routing, local process) keeps its label readable: the token sits on
	// its top edge.
	if (s.cells.length === 0) return { x: s.x + s.width / 2, y: s.y };
	return { x: s.x + s.width / 2, y: s.y + Math.min(s.height, HEADER) / 2 };
}
