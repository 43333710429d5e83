/**
 * What the diagram highlights for the current frame, read off the frames: the stations the packet
 * has passed so far and the edges between them (the path taken), and which table cell of the
 * current station is active (conntrack's lookup or confirm cell for a conntrack step).
 */
import type { DiagramSpec, StationSpec } from '../layout/diagram';
import type { Frame, StationId } from '../model/frames';
import type { Hook } from '../../engine/model';
import type { Step } from '../../engine/sim/trace';

export interface Walked {
	/** Stations passed, in order, the current one last. */
	stations: StationId[];
	/** Indices into `diagram.edges` of the edges taken. */
	edges: Set<number>;
}

/** The path of the packet of `frames[current]` from its first frame up to `current`. */
export function walkedPath(
	diagram: DiagramSpec,
	frames: readonly Frame[],
	start: number,
	current: number
): Walked {
	const stations: StationId[] = [];
	for (let i = start; i <= current && i < frames.length; i++) {
		const s = frames[i].station;
		if (stations[stations.length - 1] !== s) stations.push(s);
	}
	const edges = new Set<number>();
	for (let i = 1; i < stations.length; i++) {
		// The edge from the latest station that has one to here: a step shown back at the hook
		// before (forwarding's TTL decrement after routing) must not break the path.
		for (let j = i - 1; j >= 0; j--) {
			const k = diagram.edges.findIndex((e) => e.from === stations[j] && e.to === stations[i]);
			if (k >= 0) {
				edges.add(k);
				break;
			}
		}
	}
	return { stations, edges };
}

/** Which conntrack cell a conntrack step is in: lookup, confirm, or (a NAT binding) either. */
export function conntrackCellOf(step: Step | undefined): 'lookup' | 'confirm' | undefined {
	if (!step || step.type !== 'conntrack') return undefined;
	return step.phase === 'lookup' ? 'lookup' : 'confirm';
}

/** Index of the active cell of `station` for a frame at it, or -1. */
export function activeCell(
	station: StationSpec,
	table: Frame['table'],
	step: Step | undefined
): number {
	if (!table) return -1;
	if (table !== 'conntrack') return station.cells.findIndex((c) => c.table === table);
	const want = conntrackCellOf(step);
	const exact = station.cells.findIndex((c) => c.label === `conntrack ${want}`);
	// A binding at a hook with only the lookup cell (PREROUTING, OUTPUT) shows there.
	return exact >= 0 ? exact : station.cells.findIndex((c) => c.table === 'conntrack');
}

const HOOKS = new Set<StationId>(['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING']);

/** The last hook the packet of `frames[current]` reached, up to `current`, or null. */
export function lastHook(frames: readonly Frame[], start: number, current: number): Hook | null {
	for (let i = Math.min(current, frames.length - 1); i >= start; i--)
		if (HOOKS.has(frames[i].station)) return frames[i].station as Hook;
	return null;
}

export function isHook(id: StationId | null): id is Hook {
	return id !== null && HOOKS.has(id);
}
