import { describe, expect, it } from 'vitest';
import { parseRuleset } from '../index';

const filter = (lines: string[]) => `*filter\n${lines.join('\n')}\nCOMMIT\n`;
const codes = (text: string) => parseRuleset(text).diagnostics.map((d) => `${d.line}:${d.code}`);

describe('whole-table checks the kernel makes at load time', () => {
	it.each([
		['a jump to an undefined chain', filter(['-A INPUT -j NOWHERE']), ['2:unknown-target']],
		['a jump to a built-in chain', filter(['-A INPUT -j OUTPUT']), ['2:jump-to-builtin']],
		[
			'a loop reachable from INPUT',
			filter([':A - [0:0]', ':B - [0:0]', '-A INPUT -j A', '-A A -j B', '-A B -j A']),
			['6:chain-loop']
		],
		[
			'a self goto reachable from INPUT',
			filter([':A - [0:0]', '-A INPUT -j A', '-A A -g A']),
			['4:chain-loop']
		],
		[
			'an unreachable loop (loads in the kernel)',
			filter([':A - [0:0]', ':B - [0:0]', '-A A -j B', '-A B -j A']),
			[]
		],
		[
			'MASQUERADE-like restrictions judged through user chains',
			'*nat\n:U - [0:0]\n-A PREROUTING -j U\n-A POSTROUTING -j U\n-A U -j ACCEPT\nCOMMIT\n',
			[]
		]
	])('%s', (_what, text, expected) => {
		expect(codes(text)).toEqual(expected);
	});

	it('warns past 15 nested user chains (iptables-nft refuses, legacy accepts)', () => {
		const lines: string[] = [];
		for (let i = 1; i <= 16; i++) lines.push(`:D${i} - [0:0]`);
		lines.push('-A INPUT -j D1');
		for (let i = 1; i < 16; i++) lines.push(`-A D${i} -j D${i + 1}`);
		const d = parseRuleset(filter(lines)).diagnostics;
		expect(d.map((x) => `${x.severity}:${x.code}`)).toEqual(['warning:jump-too-deep']);
		expect(d[0].line).toBe(2 + 16 + 15); // the D15 -j D16 rule
	});

	it('finds a loop however deep it closes (the walk once stopped looking past 16 chains)', () => {
		const lines: string[] = [];
		for (let i = 1; i <= 40; i++) lines.push(`:C${i} - [0:0]`);
		lines.push('-A INPUT -j C1');
		for (let i = 1; i < 40; i++) lines.push(`-A C${i} -j C${i + 1}`);
		lines.push('-A C40 -g C1');
		const d = parseRuleset(filter(lines)).diagnostics.filter((x) => x.severity === 'error');
		expect(d.map((x) => `${x.line}:${x.code}`)).toEqual([`${2 + 40 + 40}:chain-loop`]);
		expect(d[0].message).toMatch(/^loop C1 → C2 → .* → C40 → C1 is reachable from INPUT/);
	});

	it('judges hooks through user chains however deep (legacy takes any depth)', () => {
		const lines = ['*nat'];
		for (let i = 1; i <= 20; i++) lines.push(`:N${i} - [0:0]`);
		lines.push('-A PREROUTING -j N1');
		for (let i = 1; i < 20; i++) lines.push(`-A N${i} -j N${i + 1}`);
		lines.push('-A N20 -j MASQUERADE', 'COMMIT', '');
		const d = parseRuleset(lines.join('\n')).diagnostics.filter((x) => x.severity === 'error');
		expect(d.map((x) => x.code)).toEqual(['wrong-hook']);
	});

	it('accepts 15 nested user chains silently', () => {
		const lines: string[] = [];
		for (let i = 1; i <= 15; i++) lines.push(`:D${i} - [0:0]`);
		lines.push('-A INPUT -j D1');
		for (let i = 1; i < 15; i++) lines.push(`-A D${i} -j D${i + 1}`);
		expect(parseRuleset(filter(lines)).diagnostics).toEqual([]);
	});
});
