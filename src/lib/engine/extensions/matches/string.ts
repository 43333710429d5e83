import { findOption, flag, hasOption, unsigned } from '../define';
import type { Parsed } from '../../parse/values';
import type { ExtensionSpec } from '../types';

/** The kernel's pattern buffer size. */
const MAX_PATTERN = 128;
/** Text-search algorithms the kernel's textsearch layer provides. */
const ALGOS = ['bm', 'kmp', 'fsm'];

const bytes = (s: string) => [...new TextEncoder().encode(s)];

function checkLength(pattern: number[], text: string): Parsed<number[]> {
	if (pattern.length > MAX_PATTERN)
		return { error: `pattern "${text}" is longer than ${MAX_PATTERN} bytes: shorten it` };
	return pattern;
}

/** `abc|0d 0a|def`: text with `|hex|` blocks and `\` quoting the next character outside them. */
function parseHexString(text: string): Parsed<number[]> {
	if (text === '') return { error: '--hex-string needs at least one byte' };
	const out: number[] = [];
	let hexMode = false;
	for (let i = 0; i < text.length;) {
		const c = text[i];
		if (c === '|') {
			hexMode = !hexMode;
			i++;
			continue;
		}
		if (hexMode) {
			if (c === ' ') {
				i++;
				continue;
			}
			const pair = text.slice(i, i + 2);
			if (!/^[0-9a-fA-F]{2}$/.test(pair))
				return {
					error: `invalid hex digits "${pair}" in "${text}": write bytes as pairs of hex digits between | |`
				};
			out.push(parseInt(pair, 16));
			i += 2;
		} else if (c === '\\') {
			if (i + 1 >= text.length)
				return { error: `a \\ at the end of "${text}" quotes nothing: remove it` };
			out.push(...bytes(text[i + 1]));
			i += 2;
		} else {
			out.push(...bytes(c));
			i++;
		}
	}
	if (hexMode) return { error: `unterminated hex block in "${text}": close it with |` };
	return checkLength(out, text);
}

/** As iptables-save writes the pattern: quoted text if every byte is printable ASCII, else one hex block. */
function formatPattern(p: number[], inverted: boolean): string {
	const neg = inverted ? '! ' : '';
	if (p.every((b) => b >= 0x20 && b < 0x7f)) {
		const s = String.fromCharCode(...p).replace(/["\\]/g, (c) => '\\' + c);
		return `${neg}--string "${s}"`;
	}
	return `${neg}--hex-string "|${p.map((b) => b.toString(16).padStart(2, '0')).join('')}|"`;
}

/** `-m string --string TEXT --algo bm|kmp`: a byte pattern anywhere in the packet. */
export const string: ExtensionSpec = {
	name: 'string',
	kind: 'match',
	summary: 'a byte pattern in the packet payload',
	options: [
		unsigned('from', 0, 0xffff),
		unsigned('to', 0, 0xffff),
		{
			name: 'algo',
			parse: ([w]) =>
				w.length > 15 ? { error: `algorithm name "${w}" is too long: use bm or kmp` } : w
		},
		{ name: 'string', invertible: true, parse: ([w]) => checkLength(bytes(w), w) },
		{ name: 'hex-string', invertible: true, parse: ([w]) => parseHexString(w) },
		flag('icase')
	],
	check(use, ctx) {
		const o = use.options;
		if (!hasOption(o, 'string') && !hasOption(o, 'hex-string')) {
			ctx.report(
				'error',
				'string: give --string TEXT or --hex-string "|HEX|"',
				undefined,
				'missing-option'
			);
			return;
		}
		if (hasOption(o, 'string') && hasOption(o, 'hex-string')) {
			ctx.report(
				'error',
				'string: --string and --hex-string cannot be combined: write the whole pattern in one --hex-string',
				undefined,
				'conflicting-options'
			);
			return;
		}
		const algo = findOption(o, 'algo');
		if (!algo) {
			ctx.report(
				'error',
				'string: option --algo must be specified (bm or kmp)',
				undefined,
				'missing-option'
			);
			return;
		}
		if (!ALGOS.includes(algo.value as string)) {
			ctx.report(
				'error',
				`string: the kernel has no search algorithm "${algo.value}": use bm or kmp`,
				algo.span,
				'bad-value'
			);
		}
		const pattern = (findOption(o, 'string') ?? findOption(o, 'hex-string'))!;
		if ((pattern.value as number[]).length === 0) {
			ctx.report(
				'error',
				'string: an empty pattern is refused by the kernel (EINVAL): give at least one byte',
				pattern.span,
				'bad-value'
			);
		}
		const from = (findOption(o, 'from')?.value as number | undefined) ?? 0;
		const to = (findOption(o, 'to')?.value as number | undefined) ?? 0xffff;
		if (from > to)
			ctx.report(
				'error',
				`string: --from ${from} is after --to ${to}; the kernel refuses it (EINVAL)`,
				undefined,
				'bad-value'
			);
	},
	// Absent offsets are stored as 0 and 65535 by the kernel; iptables prints neither.
	defaults: () => [
		{ name: 'from', value: 0 },
		{ name: 'to', value: 0xffff }
	],
	print(options) {
		const p = findOption(options, 'string') ?? findOption(options, 'hex-string');
		const parts: string[] = [];
		if (p) parts.push(formatPattern(p.value as number[], p.inverted));
		const algo = findOption(options, 'algo');
		if (algo) parts.push(`--algo ${algo.value}`);
		const from = findOption(options, 'from')?.value as number | undefined;
		const to = findOption(options, 'to')?.value as number | undefined;
		// The defaults (0 and 65535) are what the kernel gets when the options are absent.
		if (from) parts.push(`--from ${from}`);
		if (to !== undefined && to !== 0xffff) parts.push(`--to ${to}`);
		if (hasOption(options, 'icase')) parts.push('--icase');
		return parts.join(' ');
	}
};
