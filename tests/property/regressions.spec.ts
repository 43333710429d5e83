/**
 * Every input the fuzzer saved to tests/fuzz-regressions/ (`npm run fuzz`), replayed through
 * its target: no exception, no invariant violation, and within the fuzzer's 2 s budget. Each file
 * names the bug it found in `detail`; the fix keeps it passing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	checkParser,
	checkScenarioText,
	checkSimulation,
	ROOT,
	type Outcome,
	type TargetName
} from './gen/targets';

interface Saved {
	target: TargetName;
	kind: 'exception' | 'hang' | 'violation';
	detail: string;
	input: string;
}

const DIR = join(ROOT, 'tests/fuzz-regressions');
const saved = readdirSync(DIR)
	.filter((f) => f.endsWith('.json'))
	.sort()
	.map((f) => [f, JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Saved] as const);

const CHECK: Record<TargetName, (input: string) => Outcome> = {
	parser: checkParser,
	scenario: checkScenarioText,
	simulate: (input) => checkSimulation(JSON.parse(input))
};

describe('inputs the fuzzer found', () => {
	it('has some', () => {
		expect(saved.length).toBeGreaterThan(0);
	});

	it.each(saved)('%s', (_file, s) => {
		const started = performance.now();
		expect(CHECK[s.target](s.input).problems).toEqual([]);
		expect(performance.now() - started).toBeLessThan(2000);
	});
});
