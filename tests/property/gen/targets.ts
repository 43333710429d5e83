/**
 * The three things the fuzzer and the property specs run, each returning what it found wrong
 * (an exception escapes to the caller, which counts it apart): the rule-set parser on any text,
 * the scenario reader on any text (and, when the text is a valid scenario, the walk), and the
 * simulator on a generated scenario. tests/fuzz-regressions/ replays saved inputs through these.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRuleset } from '../../../src/lib/engine/index';
import { simulate } from '../../../src/lib/engine/sim/simulate';
import type { Trace } from '../../../src/lib/engine/sim/trace';
import { parseScenario, type ScenarioJson } from '../../../src/lib/scenario/index';
import { hasShared, SHARED_DIR } from '../../support/shared';
import { misplacedDiagnostics } from './diagnostic-bounds';
import { traceViolations } from './trace-invariants';

export type TargetName = 'parser' | 'scenario' | 'simulate';

export const ROOT = join(import.meta.dirname, '../../..');

/** What one input did: its problems, and whether it was skipped as not applicable. */
export interface Outcome {
	problems: string[];
	/** The generated scenario's rules had errors, so there was nothing to simulate. */
	skipped?: boolean;
	/** The walk, when there was one. */
	trace?: Trace;
}

export function checkParser(text: string): Outcome {
	const { diagnostics } = parseRuleset(text);
	return { problems: misplacedDiagnostics(text, diagnostics) };
}

/** parseScenario on any text; a scenario without errors is also walked and its trace checked. */
export function checkScenarioText(text: string): Outcome {
	const parsed = parseScenario(text);
	const problems = misplacedDiagnostics(text, parsed.diagnostics);
	if (!parsed.scenario || !parsed.host || parsed.diagnostics.some((d) => d.severity === 'error'))
		return { problems };
	const rules = parseRuleset(parsed.scenario.rules);
	problems.push(
		...misplacedDiagnostics(parsed.scenario.rules, rules.diagnostics).map((p) => `rules: ${p}`)
	);
	if (rules.diagnostics.some((d) => d.severity === 'error')) return { problems };
	const trace = simulate(parsed.host, rules.ruleset, parsed.packets);
	problems.push(...traceViolations(trace, parsed.packets, parsed.host.backend));
	return { problems };
}

/** A generated scenario must read without errors; its rules may have some (then it is skipped). */
export function checkSimulation(s: ScenarioJson): Outcome {
	const text = JSON.stringify(s);
	const parsed = parseScenario(text);
	const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
	if (errors.length || !parsed.scenario || !parsed.host)
		return {
			problems: errors.map((d) => `scenario ${d.line}:${d.column} ${d.code}: ${d.message}`)
		};
	const rules = parseRuleset(parsed.scenario.rules);
	if (rules.diagnostics.some((d) => d.severity === 'error')) return { problems: [], skipped: true };
	const trace = simulate(parsed.host, rules.ruleset, parsed.packets);
	return { problems: traceViolations(trace, parsed.packets, parsed.host.backend), trace };
}

/** The corpus rule sets as lines; empty when ../shared is not on this machine. */
export function corpusLines(): string[][] {
	if (!hasShared) return [];
	const dir = join(SHARED_DIR, 'corpus', 'real');
	return readdirSync(dir)
		.filter((f) => f.endsWith('.rules'))
		.sort()
		.map((f) => readFileSync(join(dir, f), 'utf8').split('\n'));
}

/** Every scenario file in the repository (examples and kernel recordings), as lines. */
export function scenarioLines(): string[][] {
	const dirs = [join(ROOT, 'rules-examples'), join(ROOT, 'tests/kernel/scenarios')];
	return dirs.flatMap((dir) =>
		readdirSync(dir)
			.filter((f) => f.endsWith('.json'))
			.sort()
			.map((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
	);
}
