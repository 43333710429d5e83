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

/**
 * The column of every chain drawn. Reachable user chains keep their fewest jumps from a built-in
 * chain. Unreachable chains that nothing else calls start column 0 beside the built-in chains,
 * and what they call follows as for the built-in ones, so a dead subtree is drawn as a tree too;
 * an unreachable loop with no way in goes to a last column.
 */
function columnOf(graph: JumpGraph): Map<string, number> {
	const callers = new Set(graph.edges.map((e) => e.from));
	const column = new Map<string, number>(
		graph.roots.filter((r) => callers.has(r)).map((r) => [r, 0])
	);
	for (const [name, d] of graph.depth) column.set(name, d);
	const calledByOthers = new Set(graph.edges.filter((e) => e.from !== e.to).map((e) => e.to));
	const callees = new Map<string, string[]>();
	for (const e of graph.edges) callees.set(e.from, [...(callees.get(e.from) ?? []), e.to]);
	let frontier = graph.unreachable.filter((name) => !calledByOthers.has(name));
	for (let d = 0; frontier.length > 0; d++) {
		const next: string[] = [];
		for (const name of frontier) {
			if (column.has(name)) continue;
			column.set(name, d);
			next.push(...(callees.get(name) ?? []).filter((to) => !column.has(to)));
		}
		frontier = next;
	}
	const last = Math.max(0, ...column.values()) + 1;
	for (const name of graph.unreachable) if (!column.has(name)) column.set(name, last);
	return column;
}

/** Chain names by column, built-in chains first, then in the order the walk above reached them. */
function columns(graph: JumpGraph): string[][] {
	const out: string[][] = [];
	for (const [name, c] of columnOf(graph)) (out[c] ??= []).push(name);
	return out.filter((names) => names?.length > 0);
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
	const builtin = new Set(graph.roots);
	const unreachable = new Set(graph.unreachable);
	const kind = (name: string): GraphNode['kind'] =>
		builtin.has(name) ? 'builtin' : unreachable.has(name) ? 'unreachable' : 'user';
	for (const names of columns(graph)) {
		const shown = names.slice(0, maxPerColumn);
		hidden += names.length - shown.length;
		const width = Math.max(...shown.map((n) => cut(n).length)) * CHAR_WIDTH + 16;
		shown.forEach((name, row) => {
			const y = PADDING + row * (NODE_HEIGHT + ROW_GAP);
			nodes.set(name, { name, kind: kind(name), x, y, width, label: cut(name) });
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
