/**
 * Edits of the packet list that keep it a valid scenario: every function returns a new array.
 * Inserting between packets minds `time`: an inserted packet without one would take the previous
 * packet's time + 1 and push the packets after it later, past a `time` written further on.
 */
import type { PacketJson } from '../scenario';

/** Each packet's time as the scenario parser reads it: written, or the previous one's + 1. */
export function effectiveTimes(packets: readonly PacketJson[]): number[] {
	const times: number[] = [];
	for (const [i, p] of packets.entries())
		times.push(typeof p.time === 'number' ? p.time : i === 0 ? 0 : times[i - 1] + 1);
	return times;
}

/**
 * `added` inserted after packet `index` (-1: at the start). When a later packet has a written
 * `time`, the added packets happen at packet `index`'s time, so no time after them moves.
 */
export function insertAfter(
	packets: readonly PacketJson[],
	index: number,
	added: readonly PacketJson[]
): PacketJson[] {
	const at = Math.max(-1, Math.min(index, packets.length - 1));
	const timedLater = packets.slice(at + 1).some((p) => p.time !== undefined);
	const when = at < 0 ? 0 : effectiveTimes(packets)[at];
	const placed = timedLater ? added.map((p) => ({ ...p, time: when })) : [...added];
	return [...packets.slice(0, at + 1), ...placed, ...packets.slice(at + 1)];
}

/** A copy of packet `index` right after it. */
export function duplicateAt(packets: readonly PacketJson[], index: number): PacketJson[] {
	const p = packets[index];
	return p ? insertAfter(packets, index, [structuredClone(p)]) : [...packets];
}

export function removeAt(packets: readonly PacketJson[], index: number): PacketJson[] {
	return packets.filter((_, i) => i !== index);
}

/** Packet `index` moved one place up (-1) or down (+1); the list unchanged at either end. */
export function moveBy(packets: readonly PacketJson[], index: number, by: -1 | 1): PacketJson[] {
	const to = index + by;
	const out = [...packets];
	if (index < 0 || index >= out.length || to < 0 || to >= out.length) return out;
	[out[index], out[to]] = [out[to], out[index]];
	return out;
}

/** Packet `index` with `patch` applied; a field set to undefined is removed. */
export function patchAt(
	packets: readonly PacketJson[],
	index: number,
	patch: Partial<PacketJson>
): PacketJson[] {
	return packets.map((p, i) => (i === index ? withFields(p, patch) : p));
}

/** `object` with `patch` on top, leaving out the fields `patch` sets to undefined. */
export function withFields<T extends object>(object: T, patch: Partial<T>): T {
	const out: Record<string, unknown> = { ...object, ...patch };
	for (const [k, v] of Object.entries(patch)) if (v === undefined) delete out[k];
	return out as T;
}
