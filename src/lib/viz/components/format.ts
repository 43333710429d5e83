/**
 * Trace values as the panels show them: packet header fields as rows (with what a step changed,
 * before → after) and conntrack entries the way `conntrack -L` prints them. Plain strings; the
 * components only lay them out.
 */
import { protocolName } from '../../engine/parse/protocols';
import { formatIPv4, hex } from '../../engine/parse/values';
import type { CtSnapshot, CtTuple } from '../../engine/sim/conntrack-types';
import { describeFlags, describeHeaders } from '../../engine/sim/format/describe';
import { hasPorts, type Packet } from '../../engine/sim/packet';
import type { FieldChange } from '../model/packet-at';

/** One line of the packet panel, e.g. `{ key: 'dst', label: 'dst', value: '10.0.1.2' }`. */
export interface FieldRow {
	key: keyof Packet;
	label: string;
	value: string;
	/** The value before the current step changed it, or null when it did not change. */
	before: string | null;
}

const iface = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

/** A field's value in words: addresses dotted, marks and TOS in hex, flags by name. */
export function formatField(key: keyof Packet, value: unknown): string {
	switch (key) {
		case 'src':
		case 'dst':
			return formatIPv4(value as number);
		case 'mark':
		case 'tos':
			return hex(value as number);
		case 'flags':
			return describeFlags(value as number);
		case 'proto':
			return protocolName(value as number);
		case 'inIface':
		case 'outIface':
		case 'mss':
		case 'uid':
		case 'gid':
			return iface(value);
		default:
			return String(value);
	}
}

/** The fields worth showing for this packet's protocol, in header order. */
function fieldsOf(p: Packet): [keyof Packet, string][] {
	const out: [keyof Packet, string][] = [
		['proto', 'proto'],
		['src', 'src'],
		['dst', 'dst']
	];
	if (hasPorts(p.proto)) out.push(['sport', 'sport'], ['dport', 'dport']);
	if (p.proto === 6) out.push(['flags', 'flags'], ['mss', 'mss']);
	if (p.proto === 1) out.push(['icmpType', 'icmp type'], ['icmpCode', 'icmp code']);
	if (p.proto === 1) out.push(['icmpId', 'icmp id']);
	out.push(['ttl', 'ttl'], ['tos', 'tos'], ['length', 'length'], ['mark', 'mark']);
	out.push(['inIface', 'in'], ['outIface', 'out']);
	if (p.uid !== null) out.push(['uid', 'uid']);
	if (p.gid !== null) out.push(['gid', 'gid']);
	return out;
}

/** The packet panel's rows: every field at this step, and what the step changed. */
export function fieldRows(p: Packet, changes: readonly FieldChange[]): FieldRow[] {
	const changed = new Map(changes.map((c) => [c.field, c]));
	const rows: FieldRow[] = fieldsOf(p).map(([key, label]) => {
		const c = changed.get(key);
		return {
			key,
			label,
			value: formatField(key, p[key]),
			before: c ? formatField(key, c.before) : null
		};
	});
	if (p.embedded)
		rows.push({
			key: 'embedded',
			label: 'quotes',
			value: describeHeaders(p.embedded),
			before: null
		});
	return rows;
}

function tuple(t: CtTuple): string {
	const addrs = `src=${formatIPv4(t.src)} dst=${formatIPv4(t.dst)}`;
	if (t.proto === 1) return `${addrs} type=${t.dport >> 8} code=${t.dport & 0xff} id=${t.sport}`;
	if (hasPorts(t.proto)) return `${addrs} sport=${t.sport} dport=${t.dport}`;
	return addrs;
}

/**
 * An entry as `conntrack -L` prints it (less the timeout nfwalk does not model), e.g.
 * `tcp 6 SYN_SENT src=10.0.2.2 dst=10.0.2.1 sport=40000 dport=8080 [UNREPLIED] src=… mark=0`.
 */
export function conntrackLine(e: CtSnapshot): string {
	const parts = [protocolName(e.orig.proto), String(e.orig.proto)];
	if (e.tcpState) parts.push(e.tcpState);
	parts.push(tuple(e.orig));
	if (!e.status.seenReply) parts.push('[UNREPLIED]');
	parts.push(tuple(e.reply));
	if (e.status.assured) parts.push('[ASSURED]');
	parts.push(`mark=${e.mark}`);
	if (e.zone) parts.push(`zone=${e.zone}`);
	if (e.helper) parts.push(`helper=${e.helper}`);
	return parts.join(' ');
}

/** The status bits `conntrack -L` does not print but the UI names: CONFIRMED, SNAT, DNAT. */
export function conntrackBits(e: CtSnapshot): string[] {
	const s = e.status;
	return [
		s.confirmed ? 'CONFIRMED' : 'unconfirmed',
		...(s.srcNat ? ['SNAT'] : []),
		...(s.dstNat ? ['DNAT'] : []),
		...(s.expected ? ['EXPECTED'] : [])
	];
}
