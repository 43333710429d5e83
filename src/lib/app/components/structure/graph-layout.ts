/**
 * Where the jump graph's boxes and arrows go: a layered drawing, left to right. Built-in chains
 * that call user chains stand in the first column, each user chain in the column of its fewest
 * jumps from them, unreachable chains in a last column of their own. Pure numbers and path
 * strings (d3-shape draws the curves); the component only renders what this returns.
 */
import { linkHorizontal } from 'd3-shape';
import type { JumpGraph } from '$lib/engine/analysis';

export interface GraphNode {
	name: string;
	kind: 'builtin' | 'user' | 'unreachable';
	x: number;
	y: number;
	width: number;
	/** The name as drawn: long names are cut to fit the column. */
	label: string;
}

export interface GraphEdge {
	from: string;
	to: string;
	rules: number[];
	goto: boolean;
	/** SVG path from the caller's box to the callee's. */
	path: string;
}

export interface GraphLayout {
	nodes: GraphNode[];
	edges: GraphEdge[];
	width: number;
	height: number;
	/** Chains left out because a column holds at most `maxPerColumn`. */
	hidden: number;
}

export const NODE_HEIGHT = 22;
const ROW_GAP = 8;
const COLUMN_GAP = 56;
const CHAR_WIDTH = 7.3;
const PADDING = 10;
const MAX_LABEL = 28;

const cut = (name: string) => (name.length > MAX_LABEL ? `${name.slice(0, MAX_LABEL - 1)}…` : name);

/** Columns of chain names: callers of user chains, then depth 1, 2 …, then the unreachable. */
function columns(graph: JumpGraph): { names: string[]; kind: GraphNode['kind'] }[] {
	const callers = new Set(graph.edges.map((e) => e.from));
	const out: { names: string[]; kind: GraphNode['kind'] }[] = [
		{ names: graph.roots.filter((r) => callers.has(r)), kind: 'builtin' }
	];
	for (const name of graph.userChains) {
		const d = graph.depth.get(name);
		if (d === undefined) continue;
		while (out.length <= d) out.push({ names: [], kind: 'user' });
		out[d].names.push(name);
	}
	if (graph.unreachable.length) out.push({ names: [...graph.unreachable], kind: 'unreachable' });
	return out.filter((c) => c.names.length > 0);
}

const forward = linkHorizontal<
	{ source: [number, number]; target: [number, number] },
	[number, number]
>();

/** A call back to the same or an earlier column: out of the right side and back in on the right. */
function loopBack(from: GraphNode, to: GraphNode): string {
	const x1 = from.x + from.width;
	const y1 = from.y + NODE_HEIGHT / 2;
	const x2 = to.x + to.width;
	const y2 = to.y + NODE_HEIGHT / 2;
	const bulge = Math.max(x1, x2) + 28 + Math.abs(y2 - y1) / 6;
	if (from === to)
		return `M${x1},${y1 - 5}C${bulge},${y1 - 22} ${bulge},${y1 + 22} ${x1},${y1 + 5}`;
	return `M${x1},${y1}C${bulge},${y1} ${bulge},${y2} ${x2},${y2}`;
}

export function layoutGraph(graph: JumpGraph, maxPerColumn = Infinity): GraphLayout {
	const nodes = new Map<string, GraphNode>();
	let x = PADDING;
	let height = 0;
	let hidden = 0;
	for (const column of columns(graph)) {
		const shown = column.names.slice(0, maxPerColumn);
		hidden += column.names.length - shown.length;
		const width = Math.max(...shown.map((n) => cut(n).length)) * CHAR_WIDTH + 16;
		shown.forEach((name, row) => {
			const y = PADDING + row * (NODE_HEIGHT + ROW_GAP);
			nodes.set(name, { name, kind: column.kind, x, y, width, label: cut(name) });
		});
		height = Math.max(height, PADDING * 2 + shown.length * (NODE_HEIGHT + ROW_GAP) - ROW_GAP);
		x += width + COLUMN_GAP;
	}
	const edges: GraphEdge[] = [];
	for (const e of graph.edges) {
		const from = nodes.get(e.from);
		const to = nodes.get(e.to);
		if (!from || !to) continue;
		const path =
			to.x > from.x
				? forward({
						source: [from.x + from.width, from.y + NODE_HEIGHT / 2],
						target: [to.x, to.y + NODE_HEIGHT / 2]
					})!
				: loopBack(from, to);
		edges.push({ ...e, path });
	}
	const hasLoop = edges.some((e) => nodes.get(e.to)!.x <= nodes.get(e.from)!.x);
	return {
		nodes: [...nodes.values()],
		edges,
		width: x - COLUMN_GAP + PADDING + (hasLoop ? 60 : 0),
		height,
		hidden
	};
}
