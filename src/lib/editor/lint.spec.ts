import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../engine/index';
import { diagnosticRange, lintDiagnostics } from './lint';

const SOURCE = '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j NOPE\n-A INPUT -p\nCOMMIT\n';
const doc = Text.of(SOURCE.split('\n'));
const at = (line: number, column: number, endColumn: number): Diagnostic => ({
	code: 'x',
	severity: 'error',
	line,
	column,
	endColumn,
	message: 'm'
});
const text = (r: { from: number; to: number }) => doc.sliceString(r.from, r.to);

describe('diagnosticRange', () => {
	const cases: { name: string; d: Diagnostic; covers: string }[] = [
		{ name: 'a word', d: at(3, 13, 17), covers: 'NOPE' },
		{ name: 'the first column', d: at(2, 1, 7), covers: ':INPUT' },
		{ name: 'past the line end: clamped to it', d: at(3, 13, 40), covers: 'NOPE' },
		{
			name: 'at the end of a line (missing argument): the last character',
			d: at(4, 12, 13),
			covers: 'p'
		},
		{ name: 'a line beyond the text: the last line', d: at(99, 1, 2), covers: '' }
	];
	it.each(cases)('$name', ({ d, covers }) => {
		expect(text(diagnosticRange(doc, d))).toBe(covers);
	});
});

describe('lintDiagnostics', () => {
	it('places each diagnostic at its line and columns, with LINE:COL in the message', () => {
		const lint = lintDiagnostics(doc, SOURCE, [at(3, 13, 17)], () => SOURCE);
		expect(lint).toHaveLength(1);
		expect(text(lint![0])).toBe('NOPE');
		expect(lint![0].message).toBe('3:13 m');
		expect(lint![0].severity).toBe('error');
	});

	it('drops answers about text the editor no longer holds', () => {
		expect(lintDiagnostics(doc, SOURCE, [at(3, 13, 17)], () => SOURCE + '#')).toBeNull();
	});
});
