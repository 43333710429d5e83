import { StringStream } from '@codemirror/language';
import { describe, expect, it } from 'vitest';
import { startState, token } from './iptables-language';

/** Each non-blank token of the lines as `text:style`, the state carried from line to line. */
function styles(...lines: string[]): string[] {
	const state = startState();
	const out: string[] = [];
	for (const line of lines) {
		const stream = new StringStream(line, 4, 2);
		while (!stream.eol()) {
			const style = token(stream, state);
			const text = stream.current();
			if (text.trim() !== '') out.push(`${text}:${style ?? '-'}`);
			stream.start = stream.pos;
		}
	}
	return out;
}

describe('the iptables tokenizer', () => {
	const cases: { name: string; lines: string[]; expected: string[] }[] = [
		{ name: 'a table line', lines: ['*nat'], expected: ['*nat:heading'] },
		{
			name: 'a chain line with policy and counters',
			lines: [':INPUT DROP [12:840]'],
			expected: [':INPUT:labelName.definition', 'DROP:atom', '[12:840]:number']
		},
		{ name: 'COMMIT', lines: ['COMMIT'], expected: ['COMMIT:keyword'] },
		{
			name: 'a rule: command, chain, options, module, numbers, verdict',
			lines: ['-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT'],
			expected: [
				'-A:keyword',
				'INPUT:labelName',
				'-p:propertyName',
				'tcp:-',
				'-m:propertyName',
				'tcp:namespace',
				'--dport:propertyName',
				'22:number',
				'-j:propertyName',
				'ACCEPT:atom'
			]
		},
		{
			name: 'inversion, an address, a target extension and a user chain',
			lines: ['-A FORWARD ! -s 10.0.0.0/8 -j LOG', '-A FORWARD -g my-chain'],
			expected: [
				'-A:keyword',
				'FORWARD:labelName',
				'!:operator',
				'-s:propertyName',
				'10.0.0.0/8:number',
				'-j:propertyName',
				'LOG:className',
				'-A:keyword',
				'FORWARD:labelName',
				'-g:propertyName',
				'my-chain:labelName'
			]
		},
		{
			name: 'a quoted string with an escaped quote, then a comment',
			lines: ['-A X -m comment --comment "say \\"hi\\"" # why'],
			expected: [
				'-A:keyword',
				'X:labelName',
				'-m:propertyName',
				'comment:namespace',
				'--comment:propertyName',
				'"say \\"hi\\"":string',
				'# why:comment'
			]
		},
		{
			name: 'a script line with -t and -P',
			lines: ['sudo iptables -t nat -P OUTPUT DROP'],
			expected: [
				'sudo:keyword',
				'iptables:keyword',
				'-t:propertyName',
				'nat:heading',
				'-P:keyword',
				'OUTPUT:labelName',
				'DROP:atom'
			]
		},
		{
			name: 'each line starts afresh (a -j at the end does not colour the next line)',
			lines: ['-A INPUT -j', 'COMMIT', '# a comment line'],
			expected: [
				'-A:keyword',
				'INPUT:labelName',
				'-j:propertyName',
				'COMMIT:keyword',
				'# a comment line:comment'
			]
		},
		{
			name: 'a # inside a word is not a comment',
			lines: ['-A X --log-prefix a#b'],
			expected: ['-A:keyword', 'X:labelName', '--log-prefix:propertyName', 'a#b:-']
		}
	];

	it.each(cases)('$name', ({ lines, expected }) => {
		expect(styles(...lines)).toEqual(expected);
	});
});
