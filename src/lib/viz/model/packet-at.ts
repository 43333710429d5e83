/**
 * The packet as it is at a frame: the packet the trace starts with plus the effects of the steps
 * so far (MARK, TTL, TOS, ECN, NAT's rewrites, routing's out interface). Also which fields the
 * frame's own step changed, for the packet panel's before → after.
 */
import type { Packet } from '../../engine/sim/packet';
import type { Effect, PacketTrace, Step } from '../../engine/sim/trace';

/** A header field that changed, e.g. `{ field: 'dst', before: 167772673, after: 167772418 }`. */
export interface FieldChange {
	field: keyof Packet;
	before: Packet[keyof Packet];
	after: Packet[keyof Packet];
}

function applyEffect(p: Packet, e: Effect, packetStep: boolean): void {
	switch (e.type) {
		case 'mark':
			p.mark = e.after;
			return;
		case 'ttl':
			p.ttl = e.after;
			return;
		case 'tos':
			p.tos = e.after;
			return;
		case 'ecn':
			p.tos = e.after.tos;
			p.flags = e.after.flags;
			return;
		case 'nat':
			// On a rule the effect is the binding; the packet changes at the `effect` step.
			if (!packetStep) return;
			if (e.manip === 'SRC') {
				p.src = e.after.addr;
				if (e.after.port !== null) {
					if (p.proto === 1) p.icmpId = e.after.port;
					else p.sport = e.after.port;
				}
			} else {
				p.dst = e.after.addr;
				if (e.after.port !== null) {
					if (p.proto === 1) p.icmpId = e.after.port;
					else p.dport = e.after.port;
				}
			}
			return;
		default:
			return;
	}
}

function applyStep(p: Packet, s: Step): void {
	if (s.type === 'rule' && s.effect) applyEffect(p, s.effect, false);
	else if (s.type === 'effect') applyEffect(p, s.effect, true);
	else if (s.type === 'route' && s.outIface) p.outIface = s.outIface;
	else if (
		s.type === 'hook' &&
		(s.hook === 'PREROUTING' || s.hook === 'INPUT') &&
		p.outIface === 'lo'
	) {
		// Back in over lo: the input side sees IN=lo and no OUT yet.
		p.inIface = 'lo';
		p.outIface = null;
	}
}

/** The packet after steps 0..step (step -1: as it arrived). */
export function packetAt(trace: PacketTrace, step: number): Packet {
	const p: Packet = { ...trace.packet };
	const last = Math.min(step, trace.steps.length - 1);
	for (let i = 0; i <= last; i++) applyStep(p, trace.steps[i]);
	return p;
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
