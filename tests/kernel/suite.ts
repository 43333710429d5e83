/**
 * The conformance suite's scenarios and the simulator's side of each comparison: every
 * `tests/kernel/scenarios/*.json` and every `rules-examples/*.json`, each with its recording
 * `NAME.kernel.txt` beside it. Comparisons skip the recording's `## ` lines.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseRuleset } from '../../src/lib/engine/index';
import { formatKernel } from '../../src/lib/engine/sim/format/format-kernel';
import { simulate } from '../../src/lib/engine/sim/simulate';
import { parseScenario } from '../../src/lib/scenario/index';

export const ROOT = join(import.meta.dirname, '../..');
export const SCENARIO_DIRS = [join(ROOT, 'tests/kernel/scenarios'), join(ROOT, 'rules-examples')];

export interface SuiteScenario {
	/** Relative to the repository, e.g. `tests/kernel/scenarios/nat-dnat-forward.json`. */
	name: string;
	file: string;
	recording: string;
}

export function suiteScenarios(dirs = SCENARIO_DIRS): SuiteScenario[] {
	const out: SuiteScenario[] = [];
	for (const dir of dirs) {
		if (!existsSync(dir)) continue;
		for (const f of readdirSync(dir).sort()) {
			if (!f.endsWith('.json')) continue;
			const file = join(dir, f);
			out.push({
				name: relative(ROOT, file),
				file,
				recording: file.replace(/\.json$/, '.kernel.txt')
			});
		}
	}
	return out;
}

/** The kernel lines of a recording without its `## ` header. */
export function recordedLines(text: string): string {
	return text
		.split('\n')
		.filter((l) => !l.startsWith('## '))
		.join('\n');
}

/** What nfwalk says the kernel will print for the scenario text. */
export function simulatedLines(text: string): string {
	const parsed = parseScenario(text);
	if (!parsed.scenario || !parsed.host) throw new Error('scenario has errors');
	const rules = parseRuleset(parsed.scenario.rules);
	return formatKernel(simulate(parsed.host, rules.ruleset, parsed.packets), rules.ruleset);
}

/** A line diff of two kernel-line texts, each line labelled with its side. */
export function lineDiff(
	recorded: string,
	simulated: string,
	labels = ['kernel', 'nfwalk']
): string {
	const a = recorded.split('\n');
	const b = simulated.split('\n');
	const out: string[] = [];
	const n = Math.max(a.length, b.length);
	for (let i = 0; i < n; i++) {
		if (a[i] === b[i]) continue;
		if (a[i] !== undefined) out.push(`  line ${i + 1} ${labels[0]}:  ${a[i]}`);
		if (b[i] !== undefined) out.push(`  line ${i + 1} ${labels[1]}:  ${b[i]}`);
		if (out.length > 16) {
			out.push('  …');
			break;
		}
	}
	return out.join('\n');
}

export function readText(file: string): string {
	return readFileSync(file, 'utf8');
}
