import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '$lib/engine/diagnostics';
import { groupByLine } from './diagnostics-by-line';

const at = (line: number, column: number, code = 'x'): Diagnostic => ({
	code,
	severity: 'error',
	line,
	column,
	endColumn: column + 1,
	message: code
});

describe('groupByLine', () => {
	const cases: { name: string; input: Diagnostic[]; expected: [number, string[]][] }[] = [
		{ name: 'no diagnostics', input: [], expected: [] },
		{
			name: 'one line, columns in order',
			input: [at(3, 20, 'b'), at(3, 4, 'a')],
			expected: [[3, ['a', 'b']]]
		},
		{
			name: 'lines in order',
			input: [at(9, 1, 'late'), at(2, 1, 'early')],
			expected: [
				[2, ['early']],
				[9, ['late']]
			]
		}
	];

	it.each(cases)('$name', ({ input, expected }) => {
		const grouped = [...groupByLine(input)].map(([line, ds]) => [line, ds.map((d) => d.code)]);
		expect(grouped).toEqual(expected);
	});
});
