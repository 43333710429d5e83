import { describe, expect, it } from 'vitest';
import { splitRestoreLine, splitShellLine } from './words';

const texts = (r: ReturnType<typeof splitRestoreLine>) => r.words.map((w) => w.text);

describe('splitRestoreLine (iptables-restore rules)', () => {
	it.each([
		['-A INPUT -j ACCEPT', ['-A', 'INPUT', '-j', 'ACCEPT']],
		['--comment "a b"', ['--comment', 'a b']],
		['--comment "say \\"hi\\""', ['--comment', 'say "hi"']],
		["--comment 'a b'", ['--comment', "'a", "b'"]],
		['--comment a\\b', ['--comment', 'a\\b']],
		['--log-prefix "x "  -j\tLOG', ['--log-prefix', 'x ', '-j', 'LOG']],
		['--comment ""', ['--comment', '']]
	])('%s', (line, words) => {
		expect(texts(splitRestoreLine(line, 1))).toEqual(words);
	});

	it('keeps columns of each word', () => {
		const { words } = splitRestoreLine('-A  INPUT "x y"', 7, 3);
		expect(words.map((w) => [w.span.line, w.span.column, w.span.endColumn])).toEqual([
			[7, 3, 5],
			[7, 7, 12],
			[7, 13, 18]
		]);
		expect(words[2].quoted).toBe(true);
	});

	it('reports an unterminated quote at the word', () => {
		expect(splitRestoreLine('--comment "open', 2).problem?.span).toMatchObject({
			line: 2,
			column: 11
		});
	});
});

describe('splitShellLine (command scripts)', () => {
	it.each([
		["iptables --comment 'a b'", ['iptables', '--comment', 'a b']],
		['iptables --comment "a \\"b\\""', ['iptables', '--comment', 'a "b"']],
		['iptables -A INPUT # trailing comment', ['iptables', '-A', 'INPUT']],
		['a; b', ['a', ';', 'b']],
		['x\\ y', ['x y']]
	])('%s', (line, words) => {
		expect(texts(splitShellLine(line, 1))).toEqual(words);
	});
});
