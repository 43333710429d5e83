/**
 * What the packet composer reads from walks: each packet's fate in the last walk (when that walk
 * still shows the packet), and a walk of the scenario with one more packet, for presets.
 */
import type { Trace } from '$lib/engine/sim/trace';
import type { PacketJson, ScenarioJson } from '$lib/scenario/scenario';
import { tracedPacket, walkPackets, type Walked } from '$lib/scenario/compose';
import { fateKind, type FateKind } from '$lib/viz/model/frames';
import { parseRuleset } from '$lib/engine';
import type { RulesCheck } from '../../rules-check';

/** Each packet's fate in `trace`, or null where the trace is of an older version of it. */
export function fatesIn(packets: readonly PacketJson[], trace: Trace | null): (FateKind | null)[] {
	return packets.map((p, i) => {
		const traced = trace && tracedPacket(trace, i, p);
		return traced && trace ? fateKind(traced, trace) : null;
	});
}

/**
 * A function that walks `doc` with one more packet at the end, using the rules already checked
 * when they are the document's; null from it when the rules or the packets have errors.
 */
export function walkerFor(
	doc: ScenarioJson & { rules: string },
	checked: RulesCheck | null
): (extra: PacketJson) => Walked | null {
	return (extra) => {
		// Stale rules are parsed again; the structure analysis a full check adds is not needed here.
		const check = checked?.text === doc.rules ? checked : parseRuleset(doc.rules);
		if (check.diagnostics.some((d) => d.severity === 'error')) return null;
		const trace = walkPackets(doc.host, check.ruleset, [...doc.packets, extra]);
		return trace && { trace, index: doc.packets.length };
	};
}

/** What to tell the user after a reply or preset: its note, or why nothing was added. */
export function saying(
	result: { ok: true; note: string | null } | { ok: false; reason: string }
): { text: string; ok: boolean } | null {
	if (!result.ok) return { text: result.reason, ok: false };
	return result.note ? { text: result.note, ok: true } : null;
}
