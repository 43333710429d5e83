/**
 * parseRuleset never throws, whatever the text, and every diagnostic points inside it: random
 * characters, soups of iptables words, and the corpus rule sets cut into windows and mutated
 * (dropped, repeated, swapped and cut lines and words, random bytes, huge lines, deep quoting).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRuleset } from '../../src/lib/engine/index';
import { hasShared, SKIP_MESSAGE } from '../support/shared';
import { misplacedDiagnostics } from './gen/diagnostic-bounds';
import { applyMutations, parserCase, parserCaseText } from './gen/parser-inputs';
import { corpusLines } from './gen/targets';
import { PROPERTY_SEED } from './gen/settings';

if (!hasShared) console.warn(`${SKIP_MESSAGE}; the parser properties run on random text only`);

const files = corpusLines();

describe('parseRuleset on any text', () => {
	it('never throws, and puts every diagnostic on a line and column of the text', () => {
		fc.assert(
			fc.property(parserCase(files, { window: 80, edits: 6, hugeTimes: 12_000 }), (c) => {
				const text = parserCaseText(files, c);
				const { diagnostics } = parseRuleset(text);
				expect(misplacedDiagnostics(text, diagnostics)).toEqual([]);
			}),
			{ seed: PROPERTY_SEED, numRuns: 1500 }
		);
	});

	it.skipIf(!hasShared)('mutants of the corpus still reach the rule checks', () => {
		// A generator whose every output died on the first line would make the property vacuous.
		const samples = fc.sample(parserCase(files), { seed: PROPERTY_SEED, numRuns: 300 });
		const ruled = samples.filter((c) => {
			if (!('mutant' in c)) return false;
			const { ruleset } = parseRuleset(parserCaseText(files, c));
			return ruleset.tables.some((t) => t.chains.some((ch) => ch.rules.length > 0));
		});
		expect(ruled.length).toBeGreaterThan(60);
	});
});

describe('the mutations', () => {
	const LINES = ['*filter', '-A INPUT -s 10.0.0.1 -j ACCEPT', 'COMMIT'];
	it.each([
		[{ kind: 'drop-line', line: 1 }, ['*filter', 'COMMIT']],
		[
			{ kind: 'dup-line', line: 2 },
			['*filter', '-A INPUT -s 10.0.0.1 -j ACCEPT', 'COMMIT', 'COMMIT']
		],
		[
			{ kind: 'swap-lines', line: 0, other: 2 },
			['COMMIT', '-A INPUT -s 10.0.0.1 -j ACCEPT', '*filter']
		],
		[{ kind: 'cut-line', line: 1, at: 9 }, ['*filter', '-A INPUT ', 'COMMIT']],
		[
			{ kind: 'drop-word', line: 1, word: 2 },
			['*filter', '-A INPUT  10.0.0.1 -j ACCEPT', 'COMMIT']
		],
		[
			{ kind: 'swap-words', line: 1, word: 3, other: 5 },
			['*filter', '-A INPUT -s ACCEPT -j 10.0.0.1', 'COMMIT']
		],
		[
			{ kind: 'cut-word', line: 1, word: 3, at: 4 },
			['*filter', '-A INPUT -s 10.0 -j ACCEPT', 'COMMIT']
		],
		[
			{ kind: 'huge-line', line: 1, word: 5, times: 3 },
			['*filter', '-A INPUT -s 10.0.0.1 -j ACCEPT ACCEPT ACCEPT', 'COMMIT']
		],
		[
			{ kind: 'deep-quote', line: 1, word: 5, depth: 2 },
			['*filter', '-A INPUT -s 10.0.0.1 -j "\\"ACCEPT\\""', 'COMMIT']
		],
		[
			{ kind: 'insert-bytes', line: 2, at: 3, text: '\u0000' },
			['*filter', '-A INPUT -s 10.0.0.1 -j ACCEPT', 'COM\u0000MIT']
		]
	] as const)('%j', (edit, expected) => {
		expect(applyMutations(LINES, [edit])).toEqual(expected);
	});
});
