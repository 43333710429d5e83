/**
 * print/parse round trip on random valid rule sets drawn from the extension registry (every
 * match and target nfwalk knows): what printRuleset writes parses without errors and prints the
 * same again. (tests/unit/round-trip.spec.ts also compares the models, over the corpus; on these
 * random rules some options left at a default iptables does not list, e.g. `recent --hitcount 0`,
 * still give a model that differs from their printed form's.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRuleset, printRuleset } from '../../src/lib/engine/index';
import { allExtensions } from '../../src/lib/engine/extensions/registry';
import { PROPERTY_SEED } from './gen/settings';
import { planRuleset, rulesetPlan } from './gen/valid-rules';

const errors = (text: string) =>
	parseRuleset(text).diagnostics.filter((d) => d.severity === 'error');

describe('print/parse round trip on random valid rule sets', () => {
	it('prints what parses to the same model, and prints the same again', () => {
		fc.assert(
			fc.property(rulesetPlan(25), (plan) => {
				const { text } = planRuleset(plan);
				const first = parseRuleset(text);
				expect(errors(text)).toEqual([]);
				const printed = printRuleset(first.ruleset);
				const second = parseRuleset(printed, 'restore');
				expect(second.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
				expect(printRuleset(second.ruleset)).toBe(printed);
			}),
			{ seed: PROPERTY_SEED, numRuns: 300 }
		);
	});

	it('draws rules of most extensions', () => {
		// Rule sets of a few extensions only would leave the rest of the registry untested.
		const seen = new Set<string>();
		for (const plan of fc.sample(rulesetPlan(25), { seed: PROPERTY_SEED, numRuns: 300 })) {
			const { text } = planRuleset(plan);
			for (const m of text.matchAll(/(?:-m|-j) ([A-Za-z0-9_]+)/g)) seen.add(m[1]);
		}
		const names = allExtensions().map((e) => e.name);
		const missing = names.filter((n) => !seen.has(n));
		expect(missing.length, `never drawn: ${missing.join(', ')}`).toBeLessThan(names.length / 5);
	});
});
