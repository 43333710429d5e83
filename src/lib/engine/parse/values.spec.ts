import { describe, expect, it } from 'vitest';
import {
	formatCidr,
	isError,
	parseCidr,
	parsePortRange,
	parseUnsigned,
	saveString
} from './values';

describe('parseCidr masks the address as iptables does', () => {
	it.each([
		['10.11.12.13/8', '10.0.0.0/8'],
		['10.11.12.13/30', '10.11.12.12/30'],
		['1.2.3.4', '1.2.3.4/32'],
		['0.0.0.0/0', '0.0.0.0/0'],
		['10.11.12.13/255.128.0.0', '10.0.0.0/9'],
		['10.11.12.13/255.0.12.0', '10.0.12.0/255.0.12.0']
	])('%s → %s', (input, out) => {
		const c = parseCidr(input);
		expect(isError(c) ? c.error : formatCidr(c)).toBe(out);
	});

	it.each(['1.2.3', '1.2.3.256', '1.2.3.4/33', '1.2.3.4/255.0.0.x', '', '<private_ip>'])(
		'refuses %j',
		(input) => {
			expect(isError(parseCidr(input))).toBe(true);
		}
	);

	it('says a host name cannot be resolved', () => {
		const c = parseCidr('ntp.example.net');
		expect(isError(c) && c.error).toMatch(/cannot be resolved/);
	});
});

describe('numbers and ports', () => {
	it.each([
		['42', 42],
		['0x2a', 42],
		['052', 42],
		['0', 0]
	])('parseUnsigned(%s) = %d (strtoul base 0)', (input, n) => {
		expect(parseUnsigned(input)).toBe(n);
	});

	it.each(['-1', '4294967296', '0x', '12a', ''])('parseUnsigned refuses %j', (input) => {
		expect(isError(parseUnsigned(input))).toBe(true);
	});

	it.each([
		['22', { from: 22, to: 22 }],
		['1024:', { from: 1024, to: 65535 }],
		[':1023', { from: 0, to: 1023 }],
		['ssh:https', { from: 22, to: 443 }]
	])('parsePortRange(%s)', (input, range) => {
		expect(parsePortRange(input)).toEqual(range);
	});

	it.each(['65536', '-1', 'nosuchservice', '1:2:3'])('parsePortRange refuses %j', (input) => {
		expect(isError(parsePortRange(input))).toBe(true);
	});
});

describe('saveString quotes like xtables_save_string', () => {
	it.each([
		['plain_word-1', 'plain_word-1'],
		['two words', '"two words"'],
		['', '""'],
		['say "hi"', '"say \\"hi\\""'],
		["it's", '"it\\\'s"'],
		['a\\b', '"a\\\\b"'],
		['x:', '"x:"']
	])('%j → %s', (input, out) => {
		expect(saveString(input)).toBe(out);
	});
});
