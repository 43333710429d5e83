/**
 * Ready-made conversations: a TCP connection (handshake, one request and response, close), a DNS
 * query and reply, a ping and its reply, and an ICMP error about a UDP flow. The client's packets
 * are written as given; the server's are its answers, addressed by the way back of the client's
 * first packet (way-back.ts), so they are right through NAT when a walk is at hand.
 */
import { formatIPv4, parseIPv4, prefixToMask } from '../../engine/parse/values';
import type { HostJson, PacketJson } from '../scenario';
import { wayBack, type WayBack, type Walked } from './way-back';

export type PresetKind = 'handshake' | 'dns' | 'ping' | 'icmp-error';

export const PRESETS: readonly { kind: PresetKind; label: string }[] = [
	{ kind: 'handshake', label: 'TCP handshake, data, close' },
	{ kind: 'dns', label: 'DNS query and reply' },
	{ kind: 'ping', label: 'Ping and reply' },
	{ kind: 'icmp-error', label: 'ICMP error about a flow' }
];

/**
 * The conversation's ends: the client's packets arrive `at` an interface (or are sent by the host,
 * `local`; an empty `address` then leaves the source to routing) and go to the server's address.
 * For a ping the client's `port` is the echo id.
 */
export interface Ends {
	client: { at: string; address: string; port: number };
	server: { address: string; port: number };
}

export type PresetResult =
	{ ok: true; packets: PacketJson[]; note: string | null } | { ok: false; reason: string };

/** The client's first packet: the one whose way back the server's packets take. */
export function firstPacket(kind: PresetKind, ends: Ends): PacketJson {
	const { client, server } = ends;
	const base: PacketJson = { from: client.at, proto: 'udp', dst: server.address };
	if (client.address) base.src = client.address;
	switch (kind) {
		case 'handshake':
			return { ...base, proto: 'tcp', sport: client.port, dport: server.port, flags: ['SYN'] };
		case 'ping':
			return { ...base, proto: 'icmp', type: 8, code: 0, id: client.port };
		case 'dns':
		case 'icmp-error':
			return { ...base, sport: client.port, dport: server.port };
	}
}

/** The server's packet template: the client's first packet turned round, arriving on the way back. */
function answerBase(q: PacketJson, way: WayBack): PacketJson {
	const { left } = way;
	const a: PacketJson = { from: way.from, proto: q.proto, src: left.dst, dst: left.src };
	if (left.dport !== undefined) a.sport = left.dport;
	if (left.sport !== undefined) a.dport = left.sport;
	return a;
}

/** The packets of a preset; `walk` walks the scenario with the client's first packet appended. */
export function presetPackets(
	kind: PresetKind,
	ends: Ends,
	host: HostJson,
	walk?: (first: PacketJson) => Walked | null
): PresetResult {
	const q = firstPacket(kind, ends);
	const way = wayBack(q, host, walk?.(q));
	if (!way.ok) return way;
	const s = answerBase(q, way);
	const c = (flags: string[], payload?: string): PacketJson => ({
		...q,
		flags,
		...(payload ? { payload } : {})
	});
	const a = (flags: string[], payload?: string): PacketJson => ({
		...s,
		flags,
		...(payload ? { payload } : {})
	});
	let packets: PacketJson[];
	switch (kind) {
		case 'handshake':
			packets = [
				q,
				a(['SYN', 'ACK']),
				c(['ACK']),
				c(['PSH', 'ACK'], 'GET / HTTP/1.0'),
				a(['PSH', 'ACK'], 'HTTP/1.0 200 OK'),
				c(['FIN', 'ACK']),
				a(['FIN', 'ACK']),
				c(['ACK'])
			];
			break;
		case 'dns':
			packets = [q, s];
			break;
		case 'ping':
			packets = [q, { ...s, type: 0, code: 0, id: way.left.id ?? q.id }];
			break;
		case 'icmp-error':
			packets = [
				q,
				{
					from: s.from,
					proto: 'icmp',
					src: s.src,
					dst: s.dst,
					type: 3,
					code: 3,
					embedded: { proto: q.proto, ...way.left }
				}
			];
			break;
	}
	return { ok: true, packets, note: way.note };
}

const SERVER_PORTS: Record<PresetKind, number> = {
	handshake: 80,
	dns: 53,
	ping: 0,
	'icmp-error': 9999
};

/**
 * Ends that make sense on this host: a client on the first interface's subnet; the server a
 * neighbour on the second interface when the host forwards, else the host itself.
 */
export function defaultEnds(host: HostJson, kind: PresetKind): Ends {
	const [first, second] = host.interfaces;
	const own = host.interfaces.flatMap((i) => i.addresses.map((a) => a.split('/')[0]));
	const client = first ? neighbourOn(first.addresses[0], own) : null;
	const remote = second && host.forwarding ? neighbourOn(second.addresses[0], own) : null;
	const server = remote ?? first?.addresses[0]?.split('/')[0] ?? '127.0.0.1';
	return {
		client: {
			at: client && first ? first.name : 'local',
			address: client ?? '',
			port: kind === 'ping' ? 7 : 40000
		},
		server: { address: server, port: SERVER_PORTS[kind] }
	};
}

/** The first address of a subnet that is not the host's own, e.g. 10.0.1.2 beside 10.0.1.1/24. */
function neighbourOn(cidr: string | undefined, own: string[]): string | null {
	const [addr, len] = (cidr ?? '').split('/');
	const address = parseIPv4(addr);
	const prefix = Number(len);
	if (address === null || !Number.isInteger(prefix) || prefix > 30) return null;
	const network = (address & prefixToMask(prefix)) >>> 0;
	const size = 2 ** (32 - prefix);
	for (let k = 1; k < size - 1; k++) {
		const candidate = formatIPv4((network + k) >>> 0);
		if (!own.includes(candidate)) return candidate;
	}
	return null;
}
