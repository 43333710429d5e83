/**
 * The conntrack table as `conntrack -L` would show it at a frame, read off the trace: every step
 * carries its packet's entry as it is then, so the table is the last view of each entry seen by
 * the packets before, plus the current packet's entry at this step. An unconfirmed entry (a first
 * packet not yet through its last chain) shows only while its packet is on the way (§3.6).
 */
import type { CtSnapshot } from '../../engine/sim/conntrack-types';
import type { CtView, Trace } from '../../engine/sim/trace';

export interface ConntrackRow {
	entry: CtSnapshot;
	/** The entry of the packet at this frame. */
	current: boolean;
}

/** The view a packet's steps end with (its last step carrying one), or null. */
function lastView(steps: readonly { ct?: CtView }[], upTo: number): CtView | null {
	for (let i = Math.min(upTo, steps.length - 1); i >= 0; i--) {
		const v = steps[i].ct;
		if (v) return v;
	}
	return null;
}

/** The table at packet `packet`, step `step` (-1: as the packet arrives), oldest entry first. */
export function conntrackAt(trace: Trace, packet: number, step: number): ConntrackRow[] {
	const byId = new Map<number, CtSnapshot>();
	for (let i = 0; i < packet; i++) {
		const entry = lastView(trace.packets[i].steps, Infinity)?.entry;
		if (entry?.status.confirmed) byId.set(entry.id, entry);
	}
	const here = lastView(trace.packets[packet]?.steps ?? [], step)?.entry ?? null;
	if (here) byId.set(here.id, here);
	return [...byId.values()]
		.sort((a, b) => a.id - b.id)
		.map((entry) => ({ entry, current: entry.id === here?.id }));
}
