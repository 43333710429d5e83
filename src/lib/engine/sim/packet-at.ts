/**
 * The packet as it is at a step of its trace: the packet the trace starts with plus the effects of
 * the steps so far (MARK, TTL, TOS, ECN, TCPMSS, NAT's rewrites, routing's out interface, the way back in
 * over lo). The one place a trace is replayed onto a packet: the text format's why-not, the
 * visualizer's packet panel and the kernel recorder all read it.
 */
import type { Packet } from './packet';
import type { Effect, PacketTrace, Step } from './trace';

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
		case 'mss':
			p.mss = e.after;
			p.length = e.length.after;
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

/** Applies one step to `p` in place (what the step changed on the packet, if anything). */
export function applyStep(p: Packet, s: Step): void {
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
