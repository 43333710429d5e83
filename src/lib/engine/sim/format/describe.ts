/**
 * Trace values in words, e.g. `tcp 10.0.1.2:40000 → 10.0.2.2:80 [SYN]` or `mark 0x0 → 0x10`:
 * shared by the text format and anything else that shows a trace to people.
 */
import { protocolName } from '../../parse/protocols';
import { formatIPv4, hex } from '../../parse/values';
import type { CtSnapshot, CtTuple } from '../conntrack-types';
import { hasPorts, TCP_FLAG, type Packet } from '../packet';
import type { Effect, Fate } from '../trace';

/** `SYN,ACK` for a flag mask; `none` for 0. */
export function describeFlags(flags: number): string {
	const names = Object.entries(TCP_FLAG)
		.filter(([, bit]) => flags & bit)
		.map(([name]) => name);
	return names.length ? names.join(',') : 'none';
}

function endpoint(addr: number, port: number, withPort: boolean): string {
	return withPort ? `${formatIPv4(addr)}:${port}` : formatIPv4(addr);
}

/** The headers that decide matching, e.g. `icmp 10.0.1.2 → 10.0.2.2 type 8 code 0 id 7`. */
export function describeHeaders(p: Packet): string {
	const ports = hasPorts(p.proto);
	let text = `${protocolName(p.proto)} ${endpoint(p.src, p.sport, ports)} → ${endpoint(p.dst, p.dport, ports)}`;
	if (p.proto === 6) text += ` [${describeFlags(p.flags)}]`;
	if (p.proto === 1) {
		text += ` type ${p.icmpType} code ${p.icmpCode}`;
		if (p.icmpId) text += ` id ${p.icmpId}`;
	}
	return text;
}

/** Headers plus where it is and the fields a rule can test, e.g. `… in eth0, ttl 64, len 40`. */
export function describePacket(p: Packet): string {
	const parts = [describeHeaders(p)];
	if (p.inIface) parts.push(`in ${p.inIface}`);
	else parts.push('sent by the host');
	if (p.outIface) parts.push(`out ${p.outIface}`);
	parts.push(`ttl ${p.ttl}`, `len ${p.length}`);
	if (p.tos) parts.push(`tos ${hex(p.tos)}`);
	if (p.mark) parts.push(`mark ${hex(p.mark)}`);
	if (p.embedded) parts.push(`quoting ${describeHeaders(p.embedded)}`);
	return parts.join(', ');
}

/** A tuple's two ends, e.g. `10.0.2.2:53 → 10.0.2.1:5000`; ICMP: `10.0.1.2 → 10.0.2.2 id 7`. */
export function describeEnds(t: CtTuple): string {
	if (t.proto === 1) return `${formatIPv4(t.src)} → ${formatIPv4(t.dst)} id ${t.sport}`;
	const ports = hasPorts(t.proto);
	return `${endpoint(t.src, t.sport, ports)} → ${endpoint(t.dst, t.dport, ports)}`;
}

function tuple(t: CtTuple): string {
	return `${protocolName(t.proto)} ${describeEnds(t)}`;
}

/**
 * A conntrack entry as a line, e.g. `#1 tcp 10.0.1.2:40000 → 10.0.2.2:80 SYN_SENT [CONFIRMED]`;
 * a translated one adds its reply tuple: `…, reply tcp 10.0.2.2:80 → 10.0.2.1:40000 … [SNAT]`.
 */
export function describeEntry(e: CtSnapshot): string {
	const bits = [
		e.status.seenReply && 'SEEN_REPLY',
		e.status.assured && 'ASSURED',
		e.status.confirmed && 'CONFIRMED',
		e.status.srcNat && 'SNAT',
		e.status.dstNat && 'DNAT'
	].filter(Boolean);
	let text = `#${e.id} ${tuple(e.orig)}`;
	// A translated connection: the reply tuple is what says where replies come from.
	if (e.status.srcNat || e.status.dstNat) text += `, reply ${tuple(e.reply)}`;
	if (e.tcpState) text += ` ${e.tcpState}`;
	if (bits.length) text += ` [${bits.join(',')}]`;
	if (e.mark) text += ` mark ${hex(e.mark)}`;
	if (e.zone) text += ` zone ${e.zone}`;
	if (e.helper) text += ` helper ${e.helper}`;
	return text;
}

function natEndpoint(e: { addr: number; port: number | null }): string {
	return e.port === null ? formatIPv4(e.addr) : `${formatIPv4(e.addr)}:${e.port}`;
}

/** What a target or the stack changed, e.g. `mark 0x0 → 0x10`. */
export function describeEffect(e: Effect): string {
	switch (e.type) {
		case 'mark':
		case 'ctmark':
			return `${e.type} ${hex(e.before)} → ${hex(e.after)}`;
		case 'ttl':
			return `ttl ${e.before} → ${e.after}`;
		case 'tos':
			return `tos ${hex(e.before)} → ${hex(e.after)}`;
		case 'ecn':
			return `ecn: tos ${hex(e.before.tos)} → ${hex(e.after.tos)}, flags ${describeFlags(e.before.flags)} → ${describeFlags(e.after.flags)}`;
		case 'other':
			return e.changed ? e.what : `${e.what} (no change)`;
		case 'mss':
			return e.what;
		case 'log':
			return `logs "${e.line}"${e.to ? ` (${e.to})` : ''}`;
		case 'nat': {
			const side = e.manip === 'SRC' ? 'source' : 'destination';
			const main = `${e.manip === 'SRC' ? 'SNAT' : 'DNAT'} ${side} ${natEndpoint(e.before)} → ${natEndpoint(e.after)}`;
			return e.inner
				? `${main}; the quoted datagram's ${e.manip === 'SRC' ? 'destination' : 'source'} ${natEndpoint(e.inner.before)} → ${natEndpoint(e.inner.after)}`
				: main;
		}
		default:
			return JSON.stringify(e);
	}
}

/** How the packet's journey ended, e.g. `dropped by filter FORWARD rule 4: …`. */
export function describeFate(f: Fate): string {
	switch (f.type) {
		case 'delivered':
			return `delivered to ${f.to}`;
		case 'sent':
			return `sent out ${f.outIface}${f.via !== null ? ` via ${formatIPv4(f.via)}` : ''}`;
		case 'dropped': {
			const by = `${f.by.table} ${f.by.chain} ${f.by.rule === null ? 'policy' : `rule ${f.by.rule}`}`;
			return `dropped by ${by}${f.reason ? `: ${f.reason}` : ''}`;
		}
		case 'stolen':
			return `stolen: ${f.reason}`;
		case 'discarded':
			return `discarded: ${f.reason}`;
		default:
			return JSON.stringify(f);
	}
}
