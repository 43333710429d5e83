/**
 * parseScenario never throws on random or mutated JSON text, and points every diagnostic inside
 * the text; when a mutant is still a valid scenario it is walked and the trace checked. The
 * mutants start from every scenario file in the repository.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lib/scenario/index';
import { parserCaseText, scenarioCase } from './gen/parser-inputs';
import { PROPERTY_SEED } from './gen/settings';
import { checkScenarioText, scenarioLines } from './gen/targets';

const files = scenarioLines();

describe('parseScenario on any text', () => {
	it('never throws, and puts every diagnostic on a line and column of the text', () => {
		fc.assert(
			fc.property(scenarioCase(), (c) => {
				expect(checkScenarioText(parserCaseText(files, c)).problems).toEqual([]);
			}),
			{ seed: PROPERTY_SEED, numRuns: 400 }
		);
	}, 60_000);

	it('walks some of the mutants: a few edits often leave a valid scenario', () => {
		const samples = fc.sample(scenarioCase(), { seed: PROPERTY_SEED, numRuns: 200 });
		const valid = samples.filter((c) => {
			const r = parseScenario(parserCaseText(files, c));
			return r.scenario && r.host && !r.diagnostics.some((d) => d.severity === 'error');
		});
		expect(valid.length).toBeGreaterThan(20);
	});

	it.each([
		['10,000 nested arrays', '['.repeat(10_000)],
		['10,000 nested objects', '{"a":'.repeat(10_000)],
		['a nest just past the limit', '['.repeat(65) + ']'.repeat(65)]
	])('%s: a diagnostic, not a stack overflow', (_what, text) => {
		const r = parseScenario(text);
		expect(r.diagnostics.map((d) => d.code)).toEqual(['json-syntax']);
		expect(r.diagnostics[0].message).toMatch(/nest more than 64 deep/);
	});
});
