/**
 * A scenario as the visualizer needs it: parsed, simulated once, its trace cut into frames, the
 * diagram laid out for its rule set. Plain data, computed once per scenario text (the player then
 * only moves over it).
 */
import { parseRuleset } from '../engine/index';
import type { Diagnostic, Ruleset } from '../engine/index';
import { conntrackActive } from '../engine/sim/conntrack/index';
import { simulate } from '../engine/sim/simulate';
import type { Trace } from '../engine/sim/trace';
import { packetFrame } from '../machine/player-logic';
import { parseScenario } from '../scenario/index';
import { layoutDiagram, type DiagramSpec } from '../viz/layout/diagram';
import { framesOf, packetStarts, stationStarts, type Frame } from '../viz/model/frames';

export interface Walk {
	title: string | null;
	description: string | null;
	rulesText: string;
	ruleset: Ruleset;
	trace: Trace;
	frames: Frame[];
	packetStarts: number[];
	stationStarts: number[];
	diagram: DiagramSpec;
}

export type WalkResult = { ok: true; walk: Walk } | { ok: false; diagnostics: Diagnostic[] };

/** Parses and simulates a scenario file's text; diagnostics instead when it has errors. */
export function walkScenario(text: string): WalkResult {
	const parsed = parseScenario(text);
	const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
	if (!parsed.scenario || !parsed.host || errors.length)
		return { ok: false, diagnostics: parsed.diagnostics };
	const rules = parseRuleset(parsed.scenario.rules);
	if (rules.diagnostics.some((d) => d.severity === 'error'))
		return { ok: false, diagnostics: rules.diagnostics };
	const trace = simulate(parsed.host, rules.ruleset, parsed.packets);
	const frames = framesOf(trace);
	return {
		ok: true,
		walk: {
			title: parsed.scenario.title,
			description: parsed.scenario.description,
			rulesText: parsed.scenario.rules,
			ruleset: rules.ruleset,
			trace,
			frames,
			packetStarts: packetStarts(frames),
			stationStarts: stationStarts(frames),
			diagram: layoutDiagram(rules.ruleset, parsed.host.backend, conntrackActive(rules.ruleset))
		}
	};
}

/**
 * The frame a position names, clamped into the walk: a packet past the last is the last, a step
 * past the packet's fate is its fate (an edit may have shortened the walk).
 */
export function startFrame(walk: Walk, at: { packet: number; step: number }): number {
	const first = packetFrame(Math.trunc(at.packet) || 0, walk.packetStarts);
	const next = walk.packetStarts.find((s) => s > first) ?? walk.frames.length;
	return Math.max(first, Math.min(first + (Math.trunc(at.step) || 1) - 1, next - 1));
}
