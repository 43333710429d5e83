/** The scenarios in rules-examples/, traced the way `nfwalk trace` traces them. */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRuleset } from '../../src/lib/engine/index';
import { formatKernel, formatText } from '../../src/lib/engine/sim/format/index';
import { simulate } from '../../src/lib/engine/sim/simulate';
import { parseScenario } from '../../src/lib/scenario/index';
import { recordedLines } from '../kernel/suite';

export const EXAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../rules-examples');

export interface TracedExample {
	name: string;
	title: string | null;
	description: string | null;
	errors: string[];
	kernel: string;
	text: string;
	/** The kernel's own trace of this scenario (`NAME.kernel.txt`), `## ` lines removed, or null. */
	recorded: string | null;
}

export function exampleNames(): string[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.map((f) => f.slice(0, -5))
		.sort();
}

export function traceExample(name: string): TracedExample {
	const text = readFileSync(join(EXAMPLES_DIR, `${name}.json`), 'utf8');
	const parsed = parseScenario(text);
	const rules = parseRuleset(parsed.scenario?.rules ?? '');
	const errors = [...parsed.diagnostics, ...rules.diagnostics]
		.filter((d) => d.severity === 'error')
		.map((d) => `${d.line}:${d.column} ${d.message}`);
	const recordedPath = join(EXAMPLES_DIR, `${name}.kernel.txt`);
	const recorded = existsSync(recordedPath)
		? recordedLines(readFileSync(recordedPath, 'utf8'))
		: null;
	if (errors.length || !parsed.host) {
		return { name, title: null, description: null, errors, kernel: '', text: '', recorded };
	}
	const trace = simulate(parsed.host, rules.ruleset, parsed.packets);
	return {
		name,
		title: parsed.scenario!.title,
		description: parsed.scenario!.description,
		errors,
		kernel: formatKernel(trace, rules.ruleset),
		text: formatText(trace, { ruleset: rules.ruleset, source: parsed.scenario!.rules }),
		recorded
	};
}
