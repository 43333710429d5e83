/** readJson: RFC 8259 values with the position of each, and syntax errors at the character. */
import { describe, expect, it } from 'vitest';
import { readJson, type JsonNode } from './json-reader';

/** A node without positions, to compare values. */
function plain(n: JsonNode): unknown {
	switch (n.type) {
		case 'object':
			return Object.fromEntries(n.members.map((m) => [m.key, plain(m.value)]));
		case 'array':
			return n.items.map(plain);
		case 'null':
			return null;
		default:
			return n.value;
	}
}

describe('readJson: values agree with JSON.parse', () => {
	const TEXTS = [
		'{"a": [1, -2.5, 3e2, true, false, null], "b": {"c": ""}}',
		'"esc \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude00"',
		'  [ ]  ',
		'{}',
		'0',
		'-0.125E-2'
	];
	it.each(TEXTS)('%s', (text) => {
		const r = readJson(text);
		expect(r.ok).toBe(true);
		if (r.ok) expect(plain(r.node)).toEqual(JSON.parse(text));
	});

	it('a byte-order mark is skipped, and columns count after it', () => {
		const r = readJson('\ufeff{"a": 1}');
		expect(r.ok && r.node.type === 'object' && r.node.members[0].value.pos).toEqual({
			line: 1,
			column: 7,
			endColumn: 8
		});
	});
});

describe('readJson: positions', () => {
	it('each value and key has its line, column and end column (exclusive)', () => {
		const r = readJson('{\n  "port": 8080,\n\t"name": "eth0"\n}');
		if (!r.ok || r.node.type !== 'object') throw new Error('not an object');
		const [port, name] = r.node.members;
		expect(port.keyPos).toEqual({ line: 2, column: 3, endColumn: 9 });
		expect(port.value.pos).toEqual({ line: 2, column: 11, endColumn: 15 });
		// A tab is one column, as editors report columns in characters.
		expect(name.value.pos).toEqual({ line: 3, column: 10, endColumn: 16 });
		expect(r.node.pos).toEqual({ line: 1, column: 1, endColumn: 2 });
	});
});

describe('readJson: syntax errors', () => {
	const CASES: [text: string, line: number, column: number, message: RegExp][] = [
		['[1, 2', 1, 6, /expected "," or "]"/],
		['[1,]', 1, 4, /trailing comma before "]"/],
		['{"a" 1}', 1, 6, /expected ":" after the property name "a"/],
		['{a: 1}', 1, 2, /property name in double quotes/],
		['"\\x"', 1, 2, /invalid escape \\x/],
		['"\\u12"', 1, 2, /four hex digits/],
		['"a\tb"', 1, 3, /control characters must be escaped/],
		['01', 1, 2, /invalid number/],
		['-', 1, 1, /invalid number/],
		['tru', 1, 1, /unexpected character "t"/],
		['{}\n{}', 2, 1, /unexpected text after the end/],
		['/* x */ 1', 1, 1, /comments are not allowed/]
	];
	it.each(CASES)('%j → %i:%i', (text, line, column, message) => {
		const r = readJson(text);
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect([r.error.pos.line, r.error.pos.column]).toEqual([line, column]);
			expect(r.error.message).toMatch(message);
		}
	});
});
