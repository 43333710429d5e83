import { describe, expect, it } from 'vitest';
import type { TableName } from '../engine/model';
import { lineContext, splitBefore, tableAbove, type LineContext } from './completion-context';

type Expected = Partial<LineContext>;

describe('lineContext', () => {
	const cases: { before: string; above?: TableName; expected: Expected }[] = [
		{ before: '*na', expected: { kind: 'table', from: 1, prefix: 'na' } },
		{ before: ':INPUT ', expected: { kind: 'policy', prefix: '' } },
		{ before: ':INPUT AC', expected: { kind: 'policy', from: 7, prefix: 'AC' } },
		{ before: ':INPUT ACCEPT ', expected: { kind: 'none' } },
		{ before: '-', expected: { kind: 'command', from: 0, prefix: '-' } },
		{ before: '', expected: { kind: 'none' } },
		{ before: '-A ', above: 'nat', expected: { kind: 'chain', table: 'nat' } },
		{ before: '-A POST', above: 'nat', expected: { kind: 'chain', prefix: 'POST', from: 3 } },
		{ before: '-N NEW', expected: { kind: 'none' } },
		{
			before: '-A INPUT -p tcp --dport 22 -j ACC',
			above: 'filter',
			expected: { kind: 'target', prefix: 'ACC', from: 30, chain: 'INPUT', modules: ['tcp'] }
		},
		{ before: '-A INPUT -g ', expected: { kind: 'goto', chain: 'INPUT' } },
		{ before: '-A INPUT -m ', expected: { kind: 'module' } },
		{
			before: '-A INPUT -p udp -m conntrack --',
			expected: { kind: 'option', prefix: '--', modules: ['conntrack', 'udp'] }
		},
		{
			before: '-A OUTPUT -j LOG --log',
			expected: { kind: 'option', target: 'LOG', chain: 'OUTPUT' }
		},
		{ before: '-A INPUT ! -', expected: { kind: 'option', prefix: '-' } },
		{ before: '-A INPUT -i ', expected: { kind: 'interface' } },
		{ before: '-A INPUT -s 10.', expected: { kind: 'address', prefix: '10.' } },
		{
			before: '-A PREROUTING -j DNAT --to-destination ',
			above: 'nat',
			expected: { kind: 'address' }
		},
		{ before: '-A INPUT -p ', expected: { kind: 'protocol' } },
		{ before: '-A INPUT -m comment --comment "open -', expected: { kind: 'none' } },
		{ before: '-A INPUT -m comment --comment "x" -', expected: { kind: 'option' } },
		{
			before: '-A INPUT -m conntrack --ctstate NEW,EST',
			expected: { kind: 'value', option: 'ctstate', prefix: 'EST', from: 36 }
		},
		{
			before: '-A INPUT -j REJECT --reject-with tcp',
			expected: { kind: 'value', option: 'reject-with', prefix: 'tcp', target: 'REJECT' }
		},
		// Not a list: a comma stays part of the word.
		{ before: '-A INPUT -m comment --comment a,b', expected: { kind: 'value', prefix: 'a,b' } },
		{ before: '# -A INPUT -j ', expected: { kind: 'none' } },
		{ before: '-A INPUT -j ACCEPT # then -', expected: { kind: 'none' } },
		{ before: '-A INPUT -m comment --comment "#1" -j ', expected: { kind: 'target' } },
		// Script lines: the table is -t's or filter, never the *table above.
		{ before: 'iptables ', above: 'nat', expected: { kind: 'command', table: 'filter' } },
		{
			before: 'iptables -t nat -A PREROUTING -j ',
			above: 'raw',
			expected: { kind: 'target', table: 'nat', chain: 'PREROUTING' }
		},
		{
			before: 'sudo /sbin/iptables -t mangle -A ',
			expected: { kind: 'chain', table: 'mangle' }
		},
		{ before: '$IPT -P FORWARD ', expected: { kind: 'policy', chain: 'FORWARD' } },
		{ before: 'iptables -P ', expected: { kind: 'chain' } }
	];

	it.each(cases)('$before', ({ before, above, expected }) => {
		expect(lineContext(before, () => above ?? null)).toMatchObject(expected);
	});

	it('looks for the *table above only when there is something to complete', () => {
		let asked = 0;
		const above = () => (asked++, 'nat' as const);
		lineContext('-A INPUT -s 10.0.0.1 ', above);
		expect(asked).toBe(0);
		lineContext('-A INPUT -j ', above);
		expect(asked).toBe(1);
	});
});

describe('tableAbove', () => {
	const lines = [
		'# head',
		'*nat',
		':OUTPUT ACCEPT [0:0]',
		'COMMIT',
		'*filter',
		'-A INPUT',
		'*bogus',
		'x'
	];
	const text = (n: number) => lines[n - 1];
	const cases: [number, TableName | null][] = [
		[1, null],
		[2, 'nat'],
		[4, 'nat'],
		[6, 'filter'],
		[8, null]
	];
	it.each(cases)('line %i is in %s', (line, table) => {
		expect(tableAbove(text, line)).toBe(table);
	});
});

describe('splitBefore', () => {
	it('keeps quoted blanks in their word and reports an open quote', () => {
		expect(splitBefore('a "b c" d').words.map((w) => [w.text, w.from])).toEqual([
			['a', 0],
			['"b c"', 2],
			['d', 8]
		]);
		expect(splitBefore('--comment "open').open).toBe(true);
	});
});
