/**
 * One entry of `packets` → the engine's `ScenarioPacket`. Which fields are required depends on the
 * protocol (ports for tcp/udp, flags for tcp, type/code for icmp, id for echo and timestamp) and on
 * `from` (a packet from an interface names its source; a local one may leave it to routing).
 */
import { blankPacket, hasPorts, TCP_FLAG, type Packet } from '../engine/sim/packet';
import type { ScenarioPacket } from '../engine/sim/simulate';
import { protocolName, protocolNumber } from '../engine/parse/protocols';
import type { Checker, Fields } from './checker';
import type { JsonNode } from './json-reader';

const PACKET_FIELDS = [
	'from',
	'proto',
	'src',
	'dst',
	'sport',
	'dport',
	'flags',
	'mss',
	'type',
	'code',
	'id',
	'ttl',
	'tos',
	'length',
	'payload',
	'uid',
	'gid',
	'mac',
	'mark',
	'time',
	'embedded'
];
const EMBEDDED_FIELDS = [
	'proto',
	'src',
	'dst',
	'sport',
	'dport',
	'flags',
	'type',
	'code',
	'id',
	'ttl',
	'tos'
];

/** ICMP types that quote the datagram they are about (destination unreachable, time exceeded …). */
const ICMP_ERRORS = [3, 4, 5, 11, 12];
/** ICMP types whose header carries an identifier conntrack keys on (echo, timestamp, info, mask). */
const ICMP_WITH_ID = [0, 8, 13, 14, 15, 16, 17, 18];

/** IP header plus the protocol header nfwalk counts when `length` is not given. */
const HEADER_BYTES: Record<number, number> = { 1: 8, 6: 20, 17: 8, 136: 8 };
/** An ICMP error quotes the offending IP header and the first 8 bytes after it. */
const QUOTE_BYTES = 28;

const MAC = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;

export interface PacketContext {
	/** Interface names a packet may arrive on; null when the host did not parse (no check then). */
	interfaces: string[] | null;
	/** Time of the previous packet, or null for the first. */
	previousTime: number | null;
}

/** A packet, or null with diagnostics; `time` is always filled in so the next packet can default from it. */
export function parsePacket(
	node: JsonNode,
	path: string,
	c: Checker,
	ctx: PacketContext
): { packet: ScenarioPacket | null; time: number } {
	const before = c.diagnostics.length;
	const fallbackTime = ctx.previousTime === null ? 0 : ctx.previousTime + 1;
	const f = c.object(node, path, PACKET_FIELDS, ['from', 'proto', 'dst']);
	if (!f) return { packet: null, time: fallbackTime };

	const from = f.from ? c.string(f.from, `${path}.from`, '"eth0" or "local"') : null;
	const local = from === 'local';
	if (from !== null && !local && f.from && ctx.interfaces && !ctx.interfaces.includes(from)) {
		const hint = from === 'lo' ? '; a packet the host sends itself is "from": "local"' : '';
		c.report(
			f.from.pos,
			'unknown-interface',
			`${path}.from: the host has no interface ${from}${hint}; write one of ${['local', ...ctx.interfaces].join(', ')}`
		);
	}
	if (!local) c.require(f, node.pos, path, ['src'], ' for a packet arriving on an interface');
	for (const name of local ? ['mac'] : ['uid', 'gid']) {
		const field = f[name];
		if (field) {
			c.report(
				c.keyOf(field),
				'field-not-applicable',
				local
					? `${path}.${name}: a locally generated packet has no source MAC; remove it`
					: `${path}.${name}: only locally generated packets ("from": "local") have an owner; remove it`
			);
		}
	}

	let time = fallbackTime;
	if (f.time) {
		const t = c.kind(f.time, `${path}.time`, ['number'], '"time": 2.5');
		if (t && t.value < 0)
			c.report(t.pos, 'bad-value', `${path}.time must be 0 or more seconds, not ${t.text}`);
		else if (t && ctx.previousTime !== null && t.value < ctx.previousTime) {
			c.report(
				t.pos,
				'time-goes-backwards',
				`${path}.time ${t.text} is before the previous packet's ${ctx.previousTime}; packets are listed in the order they happen`
			);
		} else if (t) time = t.value;
	}

	const headers = parseHeaders(f, node, path, c, false);
	const payload = f.payload ? c.string(f.payload, `${path}.payload`, '"GET / HTTP/1.1"') : '';
	const bytes = payload === null ? '' : utf8AsLatin1(payload);
	let mss: number | null = null;
	if (f.mss) {
		if (headers && headers.proto !== 6)
			c.report(
				c.keyOf(f.mss),
				'field-not-applicable',
				`${path}.mss: only tcp carries an MSS option; remove it`
			);
		else mss = c.integer(f.mss, `${path}.mss`, 0, 65535, '"mss": 1460');
	}
	const computed =
		20 +
		(HEADER_BYTES[headers?.proto ?? 0] ?? 0) +
		(mss !== null ? 4 : 0) +
		bytes.length +
		(headers && isIcmpError(headers) ? QUOTE_BYTES : 0);
	let length = computed;
	if (f.length) {
		const l = c.integer(f.length, `${path}.length`, 20, 65535, '"length": 1500');
		if (l !== null && l < computed)
			c.report(
				f.length.pos,
				'bad-value',
				`${path}.length ${l} is shorter than the headers and payload (${computed} bytes); leave it out or write ${computed} or more`
			);
		else if (l !== null) length = l;
	}
	const num = (name: string, max: number, fallback: number, example: string) => {
		const field = f[name];
		return field ? (c.integer(field, `${path}.${name}`, 0, max, example) ?? fallback) : fallback;
	};
	let mac: string | null = null;
	if (f.mac) {
		const m = c.string(f.mac, `${path}.mac`, '"02:00:00:00:01:02"');
		if (m !== null && !MAC.test(m))
			c.report(
				f.mac.pos,
				'bad-value',
				`${path}.mac: "${m}" is not a MAC address; write six hex pairs, e.g. "02:00:00:00:01:02"`
			);
		else if (m !== null) mac = m.toLowerCase();
	}
	const mark = f.mark ? (c.unsigned32(f.mark, `${path}.mark`) ?? 0) : 0;
	let embedded: Packet | null = null;
	if (f.embedded) {
		if (!headers || !isIcmpError(headers)) {
			c.report(
				c.keyOf(f.embedded),
				'field-not-applicable',
				`${path}.embedded: only ICMP errors (types ${ICMP_ERRORS.join(', ')}) quote a datagram; remove it or make the packet one`
			);
		} else {
			const ef = c.object(f.embedded, `${path}.embedded`, EMBEDDED_FIELDS, ['proto', 'src', 'dst']);
			const eh = ef && parseHeaders(ef, f.embedded, `${path}.embedded`, c, true);
			if (eh) embedded = blankPacket({ ...eh, length: 20 + (HEADER_BYTES[eh.proto] ?? 0), time });
		}
	}
	const ttl = num('ttl', 255, 64, '"ttl": 64');
	const tos = num('tos', 255, 0, '"tos": 16');
	const uid = f.uid ? c.integer(f.uid, `${path}.uid`, 0, 0xffffffff, '"uid": 1000') : null;
	const gid = f.gid ? c.integer(f.gid, `${path}.gid`, 0, 0xffffffff, '"gid": 1000') : null;

	if (c.diagnostics.length > before || !headers || from === null) return { packet: null, time };
	const packet: Packet = {
		...headers,
		mss,
		ttl,
		tos,
		length,
		payload: bytes,
		embedded,
		mac,
		mark,
		inIface: local ? null : from,
		outIface: null,
		uid,
		gid,
		time
	};
	return { packet: { from, packet }, time };
}

type Headers = Pick<
	Packet,
	| 'proto'
	| 'src'
	| 'dst'
	| 'sport'
	| 'dport'
	| 'flags'
	| 'icmpType'
	| 'icmpCode'
	| 'icmpId'
	| 'ttl'
	| 'tos'
>;

function isIcmpError(h: Headers): boolean {
	return h.proto === 1 && ICMP_ERRORS.includes(h.icmpType);
}

/** The header fields shared by packets and the datagram an ICMP error quotes. */
function parseHeaders(
	f: Fields,
	node: JsonNode,
	path: string,
	c: Checker,
	quoted: boolean
): Headers | null {
	const before = c.diagnostics.length;
	let proto: number | null = null;
	if (f.proto) {
		const p = c.kind(f.proto, `${path}.proto`, ['string', 'number'], '"tcp"');
		if (p?.type === 'number') proto = c.integer(p, `${path}.proto`, 0, 255, '6');
		else if (p) {
			proto = protocolNumber(p.value);
			if (proto === null)
				c.report(
					p.pos,
					'bad-value',
					`${path}.proto: "${p.value}" is not a protocol; write "tcp", "udp", "icmp", another name from /etc/protocols, or a number`
				);
		}
	}
	const src = f.src ? c.ipv4(f.src, `${path}.src`) : 0;
	const dst = f.dst ? c.ipv4(f.dst, `${path}.dst`) : null;
	const h: Headers = {
		proto: proto ?? 0,
		src: src ?? 0,
		dst: dst ?? 0,
		sport: 0,
		dport: 0,
		flags: 0,
		icmpType: 0,
		icmpCode: 0,
		icmpId: 0,
		ttl: 64,
		tos: 0
	};
	if (quoted) {
		if (f.ttl) h.ttl = c.integer(f.ttl, `${path}.ttl`, 0, 255, '64') ?? 64;
		if (f.tos) h.tos = c.integer(f.tos, `${path}.tos`, 0, 255, '0') ?? 0;
	}
	if (proto === null) return null;
	const name = protocolName(proto);
	const notFor = (field: string, what: string) => {
		const n = f[field];
		if (n) c.report(c.keyOf(n), 'field-not-applicable', `${path}.${field}: ${what}; remove it`);
	};

	if (hasPorts(proto)) {
		c.require(f, node.pos, path, ['sport', 'dport'], ` for ${name} packets`);
		if (f.sport) h.sport = c.integer(f.sport, `${path}.sport`, 0, 65535, '40000') ?? 0;
		if (f.dport) h.dport = c.integer(f.dport, `${path}.dport`, 0, 65535, '80') ?? 0;
	} else {
		for (const p of ['sport', 'dport']) notFor(p, `${name} has no ports`);
	}
	if (proto === 6) {
		// A quoted segment's flags rarely matter (conntrack keys on ports), so they may be left out there.
		if (!quoted) c.require(f, node.pos, path, ['flags'], ' for tcp packets');
		if (f.flags) h.flags = parseFlags(f.flags, `${path}.flags`, c);
	} else notFor('flags', `only tcp has flags, and this is ${name}`);
	if (proto === 1) {
		c.require(f, node.pos, path, ['type', 'code'], ' for icmp packets');
		if (f.type) h.icmpType = c.integer(f.type, `${path}.type`, 0, 255, '8') ?? 0;
		if (f.code) h.icmpCode = c.integer(f.code, `${path}.code`, 0, 255, '0') ?? 0;
		if (ICMP_WITH_ID.includes(h.icmpType)) {
			c.require(f, node.pos, path, ['id'], ` for icmp type ${h.icmpType}`);
			if (f.id) h.icmpId = c.integer(f.id, `${path}.id`, 0, 65535, '7') ?? 0;
		} else
			notFor(
				'id',
				`icmp type ${h.icmpType} has no identifier (only echo, timestamp, info and mask messages do)`
			);
	} else {
		for (const p of ['type', 'code', 'id'])
			notFor(p, `only icmp has ${p === 'id' ? 'an id' : 'a ' + p}, and this is ${name}`);
	}
	return c.diagnostics.length > before || dst === null || src === null ? null : h;
}

function parseFlags(node: JsonNode, path: string, c: Checker): number {
	let flags = 0;
	for (const [i, item] of (c.array(node, path, '["SYN"]') ?? []).entries()) {
		const name = c.string(item, `${path}[${i}]`, '"SYN"');
		if (name === null) continue;
		const bit = (TCP_FLAG as Record<string, number>)[name.toUpperCase()];
		if (bit === undefined)
			c.report(
				item.pos,
				'bad-value',
				`${path}[${i}]: "${name}" is not a TCP flag; the flags are ${Object.keys(TCP_FLAG).join(', ')}`
			);
		else flags |= bit;
	}
	return flags;
}

/** The payload as the bytes on the wire (UTF-8), one latin1 character per byte, as Packet.payload holds it. */
function utf8AsLatin1(text: string): string {
	let out = '';
	for (const b of new TextEncoder().encode(text)) out += String.fromCharCode(b);
	return out;
}
