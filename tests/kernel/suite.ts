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
/** Scenarios over real rule sets: the rules are read from ../shared/corpus/real when the suite runs. */
export const CORPUS_DIR = join(ROOT, 'tests/kernel/corpus');
export const SHARED_CORPUS = join(ROOT, '../shared/corpus/real');

export interface SuiteScenario {
	/** Relative to the repository, e.g. `tests/kernel/scenarios/nat-dnat-forward.json`. */
	name: string;
	file: string;
	recording: string;
	/** Built from a real rule set in ../shared (counted apart, skipped when ../shared is absent). */
	corpus: boolean;
	/** The scenario text, or null when its rule set is not on this machine. */
	text(): string | null;
}

function jsonFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => join(dir, f));
}

function entry(file: string, corpus: boolean, text: () => string | null): SuiteScenario {
	return {
		name: relative(ROOT, file),
		file,
		recording: file.replace(/\.json$/, '.kernel.txt'),
		corpus,
		text
	};
}

/** A corpus scenario's text: its host and packets around the rule set's text from ../shared. */
export function corpusScenarioText(specFile: string): string | null {
	const spec = JSON.parse(readFileSync(specFile, 'utf8')) as {
		title: string;
		description: string;
		source: string;
		host: unknown;
		packets: unknown[];
	};
	const rulesFile = join(SHARED_CORPUS, spec.source);
	if (!existsSync(rulesFile)) return null;
	const { title, description, host, packets } = spec;
	const rules = readFileSync(rulesFile, 'utf8');
	return JSON.stringify({ nfwalk: 1, title, description, host, rules, packets }, null, '\t');
}

export function suiteScenarios(dirs = SCENARIO_DIRS, corpusDir = CORPUS_DIR): SuiteScenario[] {
	const out: SuiteScenario[] = [];
	for (const dir of dirs)
		for (const file of jsonFiles(dir))
			out.push(entry(file, false, () => readFileSync(file, 'utf8')));
	for (const file of jsonFiles(corpusDir))
		out.push(entry(file, true, () => corpusScenarioText(file)));
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
