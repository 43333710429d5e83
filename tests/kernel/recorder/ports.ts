/**
 * Ports the kernel chooses at random (`--random`, `--random-fully`, a source port moved to avoid a
 * clash, §4.8) differ from nfwalk's seeded draw. A scenario addresses replies to the port nfwalk
 * chose; on the kernel those replies must go to the port the kernel chose instead. After each
 * packet the recorder reads the kernel's conntrack table and, where an entry's reply tuple has
 * another port than nfwalk's entry for the same original tuple, maps nfwalk's port to the kernel's
 * for every later packet. The kernel lines never show ports, so the comparison stays exact.
 */
import type { CtSnapshot } from '../../../src/lib/engine/sim/conntrack-types';
import { formatIPv4 } from '../../../src/lib/engine/parse/values';
import type { SendPacket } from './sender';

export interface KernelEntry {
	proto: number;
	orig: { src: string; dst: string; sport: number; dport: number };
	reply: { src: string; dst: string; sport: number; dport: number };
}

/** `conntrack -L` lines with ports (tcp, udp), as tuples. */
export function parseConntrack(text: string): KernelEntry[] {
	const out: KernelEntry[] = [];
	for (const line of text.split('\n')) {
		const proto = /^\s*\S+\s+(\d+)\s/.exec(line)?.[1];
		const vals = (k: string) =>
			[...line.matchAll(new RegExp(`\\b${k}=(\\S+)`, 'g'))].map((m) => m[1]);
		const [src, dst, sport, dport] = ['src', 'dst', 'sport', 'dport'].map(vals);
		if (!proto || src.length < 2 || sport.length < 2) continue;
		out.push({
			proto: Number(proto),
			orig: { src: src[0], dst: dst[0], sport: Number(sport[0]), dport: Number(dport[0]) },
			reply: { src: src[1], dst: dst[1], sport: Number(sport[1]), dport: Number(dport[1]) }
		});
	}
	return out;
}

/** `address:port` as nfwalk chose it → the port the kernel chose. */
export type PortMap = Map<string, number>;

/** Learns from the kernel's entry for nfwalk's `entry` (same original tuple) which ports differ. */
export function learnPorts(entry: CtSnapshot, kernel: readonly KernelEntry[], map: PortMap): void {
	const o = entry.orig;
	const r = entry.reply;
	const found = kernel.find(
		(k) =>
			k.proto === o.proto &&
			k.orig.src === mapped(map, formatIPv4(o.src), o.sport).addr &&
			k.orig.dst === formatIPv4(o.dst) &&
			k.orig.sport === mapped(map, formatIPv4(o.src), o.sport).port &&
			k.orig.dport === o.dport
	);
	if (!found) return;
	if (found.reply.dst === formatIPv4(r.dst) && found.reply.dport !== r.dport)
		map.set(`${formatIPv4(r.dst)}:${r.dport}`, found.reply.dport);
	if (found.reply.src === formatIPv4(r.src) && found.reply.sport !== r.sport)
		map.set(`${formatIPv4(r.src)}:${r.sport}`, found.reply.sport);
}

function mapped(map: PortMap, addr: string, port: number): { addr: string; port: number } {
	return { addr, port: map.get(`${addr}:${port}`) ?? port };
}

/** The packet with nfwalk's random ports replaced by the kernel's; notes what changed. */
export function applyPorts(
	p: SendPacket,
	map: PortMap
): { packet: SendPacket; changed: string | null } {
	const sport = map.get(`${p.src}:${p.sport}`);
	const dport = map.get(`${p.dst}:${p.dport}`);
	if (sport === undefined && dport === undefined) return { packet: p, changed: null };
	const packet = { ...p, sport: sport ?? p.sport, dport: dport ?? p.dport };
	const what = [
		sport !== undefined ? `source port ${p.sport} → ${sport}` : '',
		dport !== undefined ? `destination port ${p.dport} → ${dport}` : ''
	].filter(Boolean);
	return { packet, changed: what.join(', ') };
}
