import { describe, expect, it } from 'vitest';
import { fieldText, fieldValue, type FieldKind } from './field-text';

describe('fieldValue', () => {
	it.each([
		['text', ' eth0 ', false, 'eth0'],
		['text', '', false, undefined],
		['text', '', true, ''],
		['number', '40000', false, 40000],
		['number', '2.5', false, 2.5],
		['number', '', false, undefined],
		// Kept as written: the parser says "must be a number" beside the field.
		['number', '80a', false, '80a'],
		['number-or-text', '7', false, 7],
		['number-or-text', 'main', false, 'main'],
		['number-or-text', '0x10', false, '0x10'],
		[
			'list',
			'10.0.1.1/24, 10.0.1.2/24  10.0.1.3/24,',
			false,
			['10.0.1.1/24', '10.0.1.2/24', '10.0.1.3/24']
		],
		['list', '', false, []]
	] as [FieldKind, string, boolean, unknown][])(
		'%s %j (required %s) → %j',
		(kind, text, required, value) => {
			expect(fieldValue(text, { kind, required })).toEqual(value);
		}
	);
});

describe('fieldText', () => {
	it.each([
		[undefined, 'text', ''],
		[7, 'number-or-text', '7'],
		[['a', 'b'], 'list', 'a, b'],
		[0, 'number', '0']
	] as [unknown, FieldKind, string][])('%j as %s → %j', (value, kind, text) => {
		expect(fieldText(value, kind)).toBe(text);
	});
});
