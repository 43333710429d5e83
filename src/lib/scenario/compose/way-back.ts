/**
 * Where the answer to a packet comes from and where it arrives. The answer is addressed to where
 * the packet LEFT the host, not to where it was written: after DNAT or MASQUERADE the server
 * answers from the translated destination to the translated source, and it arrives on the
 * interface the packet left by (or is sent by the host itself when the packet was delivered
 * locally). A walk's trace knows all of that; without one the host's routes stand in.
 */
import { formatIPv4 } from '../../engine/parse/values';
import type { TcpCtState } from '../../engine/sim/conntrack-types';
import { hasPorts, type Packet } from '../../engine/sim/packet';
import { packetAt } from '../../engine/sim/packet-at';
import type { Fate, PacketTrace, Trace } from '../../engine/sim/trace';
import type { HostJson, PacketJson } from '../scenario';
import { addressOf, flagBits, ICMP, protoOf } from './headers';
import { exitFor, hostModelOf } from './host-routes';

/** The last walk and which scenario packet (0-based, as in `packets`) is meant. */
export interface Walked {
	trace: Trace;
	index: number;
}

/** A packet's ends, as they are on the wire: ports for tcp/udp…, the id for ICMP queries. */
export interface WireEnds {
	src: string;
	dst: string;
	sport?: number;
	dport?: number;
	id?: number;
}

/** How an answer to a packet travels: arriving `from`, and the original as it left the host. */
export interface WayBack {
	/** The interface the answer arrives on, or `local` when the host itself answers. */
	from: string;
	/** The original packet as it left the host (or was delivered): the answer swaps these. */
	left: WireEnds;
	/** `trace` when the last walk said where the packet went, `routes` when the routes guessed. */
	basis: 'trace' | 'routes';
	/** The connection's TCP state after the packet, when the walk tracked it. */
	tcpState: TcpCtState | null;
	/** Something the user should know about this answer, or null. */
	note: string | null;
}

export type WayBackResult = ({ ok: true } & WayBack) | { ok: false; reason: string };

/**
 * Scenario packet `index` of a trace, if the trace still shows the packet as written (the walk
 * is the last one that succeeded, so an edit since may have changed or moved the packet).
 */
export function tracedPacket(trace: Trace, index: number, packet: PacketJson): PacketTrace | null {
	const traced = trace.packets.find((t) => t.id === String(index + 1));
	return traced && sameHeaders(packet, traced.packet) ? traced : null;
}

function sameHeaders(p: PacketJson, t: Packet): boolean {
	const same = (written: number | null | undefined, traced: number) =>
		written === undefined || written === traced;
	return (
		protoOf(p) === t.proto &&
		addressOf(p.dst) === t.dst &&
		same(p.src === undefined ? undefined : addressOf(p.src), t.src) &&
		same(p.sport, t.sport) &&
		same(p.dport, t.dport) &&
		same(p.flags === undefined ? undefined : flagBits(p.flags), t.flags) &&
		same(p.type, t.icmpType) &&
		same(p.id, t.icmpId) &&
		(p.from === 'local' ? t.inIface === null : t.inIface === p.from)
	);
}

function wireEnds(p: Packet): WireEnds {
	const ends: WireEnds = { src: formatIPv4(p.src), dst: formatIPv4(p.dst) };
	if (p.proto === ICMP) return { ...ends, id: p.icmpId };
	if (hasPorts(p.proto)) return { ...ends, sport: p.sport, dport: p.dport };
	return ends;
}

const FATE_WORDS: Record<Fate['type'], string> = {
	delivered: 'delivered',
	sent: 'sent',
	dropped: 'dropped',
	stolen: 'queued with no listener',
	discarded: 'discarded'
};

/** The TCP state of the packet's connection once the packet has passed. */
function tcpStateAfter(traced: PacketTrace): TcpCtState | null {
	for (let i = traced.steps.length - 1; i >= 0; i--) {
		const entry = traced.steps[i].ct?.entry;
		if (entry) return entry.tcpState;
	}
	return null;
}

/** The way back for a packet, from the last walk when it still shows the packet, else the routes. */
export function wayBack(packet: PacketJson, host: HostJson, walked?: Walked | null): WayBackResult {
	const traced = walked ? tracedPacket(walked.trace, walked.index, packet) : null;
	if (traced && (traced.fate.type === 'delivered' || traced.fate.type === 'sent')) {
		const final = packetAt(traced, traced.steps.length - 1);
		return {
			ok: true,
			from: traced.fate.type === 'sent' ? traced.fate.outIface : 'local',
			left: wireEnds(final),
			basis: 'trace',
			tcpState: tcpStateAfter(traced),
			note: answeredBy(walked!.trace, traced)
		};
	}
	const byRoutes = wayBackByRoutes(packet, host);
	if (!byRoutes.ok || !traced) return byRoutes;
	const note = `packet ${traced.id} was ${FATE_WORDS[traced.fate.type]} in the last walk; this answers it as if it had got through`;
	return { ...byRoutes, note };
}

/** Packets the host's stack sent back because of `traced` (a SYN-ACK, an echo reply …). */
function answeredBy(trace: Trace, traced: PacketTrace): string | null {
	const own = trace.packets.filter(
		(t) => t.id.startsWith(`${traced.id}.`) && !/REJECT/.test(t.cause ?? '')
	);
	if (!own.length) return null;
	return `the host's own stack already answers packet ${traced.id} (packet ${own.map((t) => t.id).join(', ')}); this adds another answer`;
}

function wayBackByRoutes(packet: PacketJson, host: HostJson): WayBackResult {
	const model = hostModelOf(host);
	if (!model) return { ok: false, reason: 'the host has errors; fix them on the Host tab first' };
	const mark = typeof packet.mark === 'number' ? packet.mark : Number(packet.mark ?? 0) || 0;
	const exit = exitFor(model, packet.dst, mark);
	if (exit.type === 'none')
		return { ok: false, reason: `the host has no route to ${packet.dst}, so nothing comes back` };
	const src = packet.src ?? exit.src;
	if (src === null || src === undefined)
		return { ok: false, reason: `the packet has no source address; give it one` };
	const p = protoOf(packet);
	const left: WireEnds = { src, dst: packet.dst };
	if (p === ICMP && packet.id !== undefined) left.id = packet.id;
	if (packet.sport !== undefined) left.sport = packet.sport;
	if (packet.dport !== undefined) left.dport = packet.dport;
	return {
		ok: true,
		from: exit.type === 'local' ? 'local' : exit.iface,
		left,
		basis: 'routes',
		tcpState: null,
		note: null
	};
}
