/**
 * Inputs that once made the parser slow or misplace a diagnostic (found by the fuzzer and the
 * probes of issue 9), kept so they stay fixed: each parses in under 1.5 s (they took from seconds
 * to minutes before), and each diagnostic stays on the line and column it names.
 */
import { describe, expect, it } from 'vitest';
import { detectFormat, parseRuleset } from '../index';

describe('parse time stays linear', () => {
	it.each([
		// ^ with the m flag matches after every \n and \r, and \s* ran to the end from each one.
		['40,000 blank lines', '\n'.repeat(40_000) + 'x'],
		['40,000 lines of one blank', ' \n'.repeat(40_000) + 'x'],
		['a line of 20,000 CR-blank pairs', 'C\n' + '\r '.repeat(20_000)],
		// The COMMIT-without-newline check counted the lines of the whole text for every COMMIT.
		['20,000 COMMITs without a final newline', '*filter\r\nCOMMIT\r\n'.repeat(20_000) + 'COMMIT'],
		['40,000 continued lines', 'iptables -A INPUT \\\n'.repeat(40_000)]
	])('%s', (_what, text) => {
		const started = performance.now();
		detectFormat(text);
		parseRuleset(text);
		expect(performance.now() - started).toBeLessThan(1500);
	});
});

describe('diagnostics stay where they say', () => {
	it('a command after && on a continuation line is reported on that line', () => {
		// The span took the first line's number with the column of a word on the second.
		const d = parseRuleset('\\\n&& iptables ').diagnostics;
		expect(d.map((x) => `${x.line}:${x.column}-${x.endColumn} ${x.code}`)).toEqual([
			'2:4-13 no-command'
		]);
	});
});
