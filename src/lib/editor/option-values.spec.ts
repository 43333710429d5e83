import { describe, expect, it } from 'vitest';
import { allExtensions } from '../engine/extensions/registry';
import type { Rule } from '../engine/model';
import { isError } from '../engine/parse/values';
import { OPTION_VALUES } from './option-values';

const span = { line: 1, column: 1, endColumn: 2 };
const rule: Rule = {
	span,
	counters: null,
	protocol: { inverted: false, value: 'tcp', span },
	source: null,
	destination: null,
	inInterface: null,
	outInterface: null,
	fragment: null,
	matches: [],
	target: null
};

const cases = Object.entries(OPTION_VALUES).flatMap(([ext, options]) =>
	Object.entries(options).flatMap(([option, words]) => words.map((word) => ({ ext, option, word })))
);

describe('OPTION_VALUES', () => {
	it.each(cases)('$ext --$option $word is accepted by the extension', ({ ext, option, word }) => {
		const spec = allExtensions()
			.find((e) => e.name === ext)
			?.options.find((o) => o.name === option);
		expect(spec, `${ext} has no option ${option}`).toBeDefined();
		// Options of two words (--tcp-flags MASK COMP) take the word as both.
		const words = Array.from({ length: spec!.args ?? 1 }, () => word);
		const parsed = spec!.parse ? spec!.parse(words, { rule, table: 'filter' }) : word;
		expect(isError(parsed as never) ? parsed : 'ok').toBe('ok');
	});
});
