/**
 * The packet at a frame (the engine's `packetAt`) and which fields the frame's own step changed,
 * for the packet panel's before → after.
 */
import type { Packet } from '../../engine/sim/packet';
import { packetAt } from '../../engine/sim/packet-at';
import type { PacketTrace } from '../../engine/sim/trace';

export { packetAt };

/** A header field that changed, e.g. `{ field: 'dst', before: 167772673, after: 167772418 }`. */
export interface FieldChange {
	field: keyof Packet;
	before: Packet[keyof Packet];
	after: Packet[keyof Packet];
}

const FIELDS: (keyof Packet)[] = [
	'src',
	'dst',
	'sport',
	'dport',
	'icmpId',
	'ttl',
	'tos',
	'mark',
	'flags',
	'mss',
	'length',
	'inIface',
	'outIface'
];

/** The fields step `step` changed, before → after. */
export function changesAt(trace: PacketTrace, step: number): FieldChange[] {
	if (step < 0 || step >= trace.steps.length) return [];
	const before = packetAt(trace, step - 1);
	const after = packetAt(trace, step);
	return FIELDS.filter((f) => before[f] !== after[f]).map((field) => ({
		field,
		before: before[field],
		after: after[field]
	}));
}
