/**
 * A trace as the player walks it: one frame per thing to show. Each packet opens with an arrival
 * frame (on the wire, or at the program that sends it), then one frame per trace step, and closes
 * with its fate. The player only moves a cursor over these; nothing here evaluates a rule.
 */
import type { Hook, TableName } from '../../engine/model';
import type { Fate, PacketTrace, Step, Trace } from '../../engine/sim/trace';

/** Where on the diagram a frame is: a hook, the routing decision, the host's stack, or the wire. */
export type StationId = Hook | 'routing' | 'local' | 'wire-in' | 'wire-out';

/** One position of the player, e.g. rule 3 of filter FORWARD for packet 2. */
export interface Frame {
	/** Index into `trace.packets`. */
	packet: number;
	/** Index into that packet's steps; -1 for its arrival, `steps.length` for its fate. */
	step: number;
	/** 1-based position within the packet's frames (what `data-step` shows). */
	index: number;
	station: StationId;
	/** The table whose chain the step is in, `conntrack` for lookup/bind/confirm, else null. */
	table: TableName | 'conntrack' | null;
	chain: string | null;
	/** 1-based rule number the step is about (a skip run's last rule), else null. */
	rule: number | null;
}

/** How a packet's journey ended, as `data-fate` names it. */
export type FateKind =
	'delivered' | 'answered' | 'forwarded' | 'sent' | 'dropped' | 'rejected' | 'queued';

export function fateKind(p: PacketTrace, trace: Trace): FateKind {
	const f: Fate = p.fate;
	switch (f.type) {
		case 'delivered': {
			// Delivered and the host sent something back because of it (not a REJECT: that drops).
			const answered = trace.packets.some(
				(q) =>
					q.id.startsWith(`${p.id}.`) &&
					q.id.split('.').length === p.id.split('.').length + 1 &&
					!/REJECT/.test(q.cause ?? '')
			);
			return answered ? 'answered' : 'delivered';
		}
		case 'sent':
			return p.packet.inIface ? 'forwarded' : 'sent';
		case 'dropped':
			return /^rejected/.test(f.reason) ? 'rejected' : 'dropped';
		case 'stolen':
			return 'queued';
		case 'discarded':
			return 'dropped';
	}
}

/** The station a step happens at, given the hook the packet is in. */
function placeOf(s: Step, hook: Hook | null): Pick<Frame, 'station' | 'table' | 'chain' | 'rule'> {
	switch (s.type) {
		case 'hook':
			return { station: s.hook, table: null, chain: null, rule: null };
		case 'chain':
		case 'policy':
		case 'return':
			return { station: s.hook, table: s.table, chain: s.chain, rule: null };
		case 'rule':
			return { station: s.hook, table: s.table, chain: s.chain, rule: s.rule };
		case 'skip':
			return { station: s.hook, table: s.table, chain: s.chain, rule: s.to };
		case 'conntrack':
			return { station: hook ?? 'PREROUTING', table: 'conntrack', chain: null, rule: null };
		case 'route':
			// A program's packet is routed before OUTPUT (at the process), a reroute inside OUTPUT.
			if (s.decision === 'output')
				return { station: hook ?? 'local', table: null, chain: null, rule: null };
			return { station: 'routing', table: null, chain: null, rule: null };
		case 'effect':
		case 'note':
			return { station: hook ?? 'routing', table: null, chain: null, rule: null };
	}
}

/** Where a packet ends: the wire when sent, the stack when delivered, else where it stopped. */
function fateStation(p: PacketTrace, last: StationId): StationId {
	if (p.fate.type === 'sent') return 'wire-out';
	if (p.fate.type === 'delivered') return 'local';
	if (p.fate.type === 'dropped') return p.fate.by.hook;
	return last;
}

/** Every frame of the trace, packets in order. */
export function framesOf(trace: Trace): Frame[] {
	const out: Frame[] = [];
	trace.packets.forEach((p, packet) => {
		let index = 1;
		let hook: Hook | null = null;
		let station: StationId = p.packet.inIface ? 'wire-in' : 'local';
		out.push({ packet, step: -1, index: index++, station, table: null, chain: null, rule: null });
		// Between the routing decision and the next hook (forwarding's TTL decrement, a note about
		// the route), steps happen at the routing station, not back at the last hook.
		let routed = false;
		p.steps.forEach((s, step) => {
			if (s.type === 'hook') {
				hook = s.hook;
				routed = false;
			} else if (s.type === 'route') routed = s.decision !== 'output';
			const place =
				routed && (s.type === 'effect' || s.type === 'note')
					? { station: 'routing' as const, table: null, chain: null, rule: null }
					: placeOf(s, hook);
			station = place.station;
			out.push({ packet, step, index: index++, ...place });
		});
		out.push({
			packet,
			step: p.steps.length,
			index,
			station: fateStation(p, station),
			table: p.fate.type === 'dropped' ? p.fate.by.table : null,
			chain: p.fate.type === 'dropped' ? p.fate.by.chain : null,
			rule: p.fate.type === 'dropped' ? p.fate.by.rule : null
		});
	});
	return out;
}

/** Index of the first frame of each packet, for jumps and the timeline. */
export function packetStarts(frames: readonly Frame[]): number[] {
	const starts: number[] = [];
	frames.forEach((f, i) => {
		if (f.step === -1) starts.push(i);
	});
	return starts;
}

/** Frames where the packet reaches another station: what Shift+→ ("next hook") stops at. */
export function stationStarts(frames: readonly Frame[]): number[] {
	const out: number[] = [];
	frames.forEach((f, i) => {
		const prev = frames[i - 1];
		if (!prev || prev.packet !== f.packet || prev.station !== f.station) out.push(i);
	});
	return out;
}
