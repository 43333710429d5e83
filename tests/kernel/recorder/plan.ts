/**
 * What the recorder sends for a scenario, worked out from the scenario and nfwalk's own trace of it
 * (pure, no root): which socket sends each packet, its TCP sequence numbers, when, and which next
 * hops need a permanent neighbour entry. Using the trace for these is safe: a wrong next hop or
 * connection in the trace shows up as a difference in the recording anyway.
 *
 * Scenario packets carry no sequence numbers; the kernel's window tracking wants consistent ones.
 * Each connection (the trace's conntrack entry, else the packet's tuple) gets a sequence space per
 * direction; the sender answers with what the other side really sent when it saw it on the wire
 * (a SYN-ACK from the host's own stack).
 */
import type { Packet } from '../../../src/lib/engine/sim/packet';
import { packetAt } from '../../../src/lib/engine/sim/packet-at';
import type { Host } from '../../../src/lib/engine/sim/host';
import { HostModel } from '../../../src/lib/engine/sim/host-model';
import type { ScenarioPacket } from '../../../src/lib/engine/sim/simulate';
import type { Trace } from '../../../src/lib/engine/sim/trace';
import { formatIPv4 } from '../../../src/lib/engine/parse/values';
import type { ScenarioJson } from '../../../src/lib/scenario/index';
import type { SendPacket } from './sender';

export interface PlannedSend {
	/** `host` (a raw socket in the host namespace) or the name of the interface whose neighbour sends. */
	via: string;
	packet: SendPacket;
	mark: number;
	/** Frame source MAC (the scenario's `mac`), or null for the neighbour's own. */
	mac: string | null;
	/** Frame destination MAC for a broadcast or multicast destination, or null for the host's. */
	l2dst: string | null;
	/** Milliseconds after the first packet at which to send it, or null: as soon as the last settled. */
	atMs: number | null;
}

export interface Plan {
	sends: PlannedSend[];
	/** Interface → next-hop addresses that get a permanent neighbour entry. */
	neighbours: Map<string, Set<string>>;
	/** Why a scenario cannot be recorded faithfully, or null. */
	unrecordable: string | null;
	/** True when the scenario's times are kept (time-driven rules, or times written in it). */
	realTime: boolean;
}

/** Rules whose outcome depends on the time between packets. */
const TIME_MATCHES = /-m (limit|hashlimit|recent|time)\b|--ctexpire|-m conntrack .*--ctexpire/;

const ip = formatIPv4;

function toSend(p: Packet): SendPacket {
	return {
		proto: p.proto,
		src: ip(p.src),
		dst: ip(p.dst),
		sport: p.sport,
		dport: p.dport,
		flags: p.flags,
		mss: p.mss,
		icmpType: p.icmpType,
		icmpCode: p.icmpCode,
		icmpId: p.icmpId,
		ttl: p.ttl,
		tos: p.tos,
		length: p.length,
		payload: p.payload,
		embedded: p.embedded
			? {
					proto: p.embedded.proto,
					src: ip(p.embedded.src),
					dst: ip(p.embedded.dst),
					sport: p.embedded.sport,
					dport: p.embedded.dport,
					flags: p.embedded.flags,
					icmpType: p.embedded.icmpType,
					icmpCode: p.embedded.icmpCode,
					icmpId: p.embedded.icmpId,
					ttl: p.embedded.ttl,
					tos: p.embedded.tos
				}
			: null
	};
}

/** Sequence space a TCP segment uses: its payload, plus one each for SYN and FIN. */
function seqLength(p: Packet): number {
	return (
		new TextEncoder().encode(p.payload).length + (p.flags & 0x02 ? 1 : 0) + (p.flags & 0x01 ? 1 : 0)
	);
}

/**
 * The Ethernet destination a real sender uses for `dst`: ff:ff:ff:ff:ff:ff for the limited
 * broadcast and the directed broadcast of a host subnet, 01:00:5e plus the low 23 bits for
 * multicast; null for unicast (the host interface's own MAC). The kernel's packet type follows it.
 */
function linkDestination(dst: number, host: HostModel): string | null {
	if (dst >>> 28 === 0xe) {
		const b = [(dst >>> 16) & 0x7f, (dst >>> 8) & 0xff, dst & 0xff];
		return ['01', '00', '5e', ...b.map((x) => x.toString(16).padStart(2, '0'))].join(':');
	}
	return host.isBroadcast(dst) ? 'ff:ff:ff:ff:ff:ff' : null;
}

export function planRecording(
	json: ScenarioJson,
	host: Host,
	packets: readonly ScenarioPacket[],
	trace: Trace
): Plan {
	const rules = Array.isArray(json.rules) ? json.rules.join('\n') : json.rules;
	const explicitTimes = json.packets.some((p) => p.time !== undefined);
	const realTime = explicitTimes || TIME_MATCHES.test(rules);
	let unrecordable: string | null = null;
	if (json.host.backend === 'legacy')
		unrecordable = 'backend legacy: the recorder loads rules with iptables-nft';
	json.packets.forEach((p, i) => {
		if (p.uid !== undefined || p.gid !== undefined)
			unrecordable ??= `packet ${i + 1}: uid/gid (owner) cannot be sent from a raw socket as another user`;
		if (p.from !== 'local' && p.mark !== undefined)
			unrecordable ??= `packet ${i + 1}: a packet arriving from ${p.from} cannot carry a mark`;
	});

	const model = new HostModel(host);
	const seq = new Map<string, number>();
	let flows = 0;
	const sends: PlannedSend[] = [];
	const t0 = packets[0]?.packet.time ?? 0;
	packets.forEach((sp, i) => {
		const id = String(i + 1);
		const pt = trace.packets.find((t) => t.id === id);
		const p = { ...sp.packet, src: pt?.packet.src || sp.packet.src };
		const send = toSend(p);
		if (p.proto === 6) {
			const lookup = pt?.steps.find((s) => s.type === 'conntrack' && s.phase === 'lookup');
			const entry = lookup?.type === 'conntrack' ? lookup.entry : null;
			const key =
				entry && lookup?.type === 'conntrack'
					? `ct${entry.id}`
					: `t${send.src}:${p.sport}>${send.dst}:${p.dport}`;
			const dir = lookup?.type === 'conntrack' && entry ? lookup.dir : 'ORIGINAL';
			const mine = `${key}/${dir}`;
			const theirs = `${key}/${dir === 'ORIGINAL' ? 'REPLY' : 'ORIGINAL'}`;
			if (!seq.has(mine))
				seq.set(mine, (1000 + 100_000 * flows++ + (dir === 'REPLY' ? 50_000 : 0)) >>> 0);
			send.seq = seq.get(mine)!;
			send.ack = seq.get(theirs) ?? 0;
			seq.set(mine, (send.seq + seqLength(p)) >>> 0);
		}
		sends.push({
			via: sp.from === 'local' ? 'host' : sp.from,
			packet: send,
			mark: sp.from === 'local' ? p.mark : 0,
			mac: p.mac,
			l2dst: linkDestination(p.dst, model),
			atMs: realTime ? Math.round((sp.packet.time - t0) * 1000) : null
		});
	});

	const neighbours = new Map<string, Set<string>>();
	for (const pt of trace.packets) {
		if (pt.fate.type !== 'sent') continue;
		const hop = pt.fate.via ?? packetAt(pt, pt.steps.length).dst;
		const iface = pt.fate.outIface;
		if (!neighbours.has(iface)) neighbours.set(iface, new Set());
		neighbours.get(iface)!.add(ip(hop));
	}
	return { sends, neighbours, unrecordable, realTime };
}
