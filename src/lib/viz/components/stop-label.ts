/**
 * The mark a packet's end leaves on the diagram when it did not get through: where, and by which
 * rule, e.g. `✕ DROP · filter FORWARD rule 3` under the FORWARD station.
 */
import type { PacketTrace } from '../../engine/sim/trace';
import type { StationId } from '../model/frames';

export interface StopMark {
	station: StationId;
	text: string;
}

/** The mark for a packet that was dropped, rejected, discarded or queued; null otherwise. */
export function stopMark(p: PacketTrace, at: StationId): StopMark | null {
	const f = p.fate;
	switch (f.type) {
		case 'dropped': {
			const verb = /^rejected/.test(f.reason) ? 'REJECT' : 'DROP';
			const by = f.by.rule === null ? 'policy' : `rule ${f.by.rule}`;
			return { station: f.by.hook, text: `✕ ${verb} · ${f.by.table} ${f.by.chain} ${by}` };
		}
		case 'discarded':
			return { station: at, text: `✕ ${f.reason}` };
		case 'stolen':
			return { station: at, text: `⇥ ${f.reason}` };
		default:
			return null;
	}
}
