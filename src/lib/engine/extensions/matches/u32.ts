import { findOption, hasOption } from '../define';
import type { Parsed } from '../../parse/values';
import type { ExtensionSpec } from '../types';

/** The kernel's fixed array sizes: tests per match, locations and values per test. */
const MAX = 10;

/** One `location=values` test; `ops[i]` joins `nums[i]` to `nums[i+1]`. */
interface U32Test {
	nums: number[];
	ops: string[];
	values: [number, number][];
}

const hex = (n: number) => '0x' + n.toString(16);

/** Parses `0x0=0x0&&0>>22&0x3C@12=0x1:0x5,7` the way libxt_u32 reads it. */
function parseU32(text: string): Parsed<U32Test[]> {
	const s = text.replace(/\s+/g, '');
	let i = 0;
	const fail = (what: string): Parsed<never> => ({
		error: `at character ${i + 1} of "${text}": expected ${what}`
	});
	const number = (): number | null => {
		const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s.slice(i));
		if (!m) return null;
		const n =
			m[1].startsWith('0x') || m[1].startsWith('0X')
				? parseInt(m[1].slice(2), 16)
				: m[1].length > 1 && m[1][0] === '0'
					? parseInt(m[1], 8)
					: Number(m[1]);
		if (n > 0xffffffff) return null;
		i += m[1].length;
		return n;
	};
	const tests: U32Test[] = [];
	for (;;) {
		const t: U32Test = { nums: [], ops: [], values: [] };
		for (;;) {
			const n = number();
			if (n === null) return fail('a number (0–0xffffffff)');
			t.nums.push(n);
			if (t.nums.length > MAX)
				return { error: `too many operators in one test of "${text}" (at most ${MAX} numbers)` };
			const op = ['<<', '>>', '&', '@'].find(
				(o) => s.startsWith(o, i) && !(o === '&' && s.startsWith('&&', i))
			);
			if (!op) break;
			t.ops.push(op);
			i += op.length;
		}
		if (s[i] !== '=') return fail('"=" or an operator (&, <<, >>, @)');
		i++;
		for (;;) {
			const lo = number();
			if (lo === null) return fail('a value');
			let hi = lo;
			if (s[i] === ':') {
				i++;
				const h = number();
				if (h === null) return fail('the end of a value range');
				hi = h;
			}
			t.values.push([lo, hi]);
			if (t.values.length > MAX)
				return { error: `too many values in one test of "${text}" (at most ${MAX})` };
			if (s[i] !== ',') break;
			i++;
		}
		tests.push(t);
		if (tests.length > MAX)
			return { error: `too many tests in "${text}" (at most ${MAX} joined by &&)` };
		if (i === s.length) return tests;
		if (!s.startsWith('&&', i)) return fail('"&&" or the end');
		i += 2;
	}
}

function formatU32(tests: U32Test[]): string {
	const body = tests
		.map((t) => {
			let loc = hex(t.nums[0]);
			t.ops.forEach((op, k) => (loc += op + hex(t.nums[k + 1])));
			const vals = t.values.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}:${hex(b)}`)).join(',');
			return `${loc}=${vals}`;
		})
		.join('&&');
	return `"${body}"`;
}

/** `-m u32 --u32 TESTS`: arbitrary tests on 32-bit words of the packet. */
export const u32: ExtensionSpec = {
	name: 'u32',
	kind: 'match',
	summary: 'tests on arbitrary 32-bit words of the packet',
	options: [{ name: 'u32', invertible: true, parse: ([w]) => parseU32(w) }],
	check(use, ctx) {
		if (!hasOption(use.options, 'u32'))
			ctx.report('error', 'u32: option --u32 must be specified', undefined, 'missing-option');
	},
	print(options) {
		const o = findOption(options, 'u32');
		return o ? `${o.inverted ? '! ' : ''}--u32 ${formatU32(o.value as U32Test[])}` : '';
	}
};
