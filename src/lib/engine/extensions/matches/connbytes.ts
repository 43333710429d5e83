import { findOption, hasOption, oneOf } from '../define';
import { strtoul } from '../nat-values';
import type { Parsed } from '../../parse/values';
import type { ExtensionSpec } from '../types';

const U64_MAX = 0xffffffffffffffffn;

/** `--connbytes FROM[:TO]` as decimal 64-bit numbers (strings, so the model stays JSON); a missing TO is 2^64−1. */
export interface ByteRange {
	from: string;
	to: string;
}

function u64(w: string): Parsed<bigint> {
	const r = strtoul(w);
	return r && r.rest === '' && r.value <= U64_MAX
		? r.value
		: { error: `--connbytes: "${w}" is not a number 0–${U64_MAX}` };
}

function parseConnbytes(text: string): Parsed<ByteRange> {
	const parts = text.split(':');
	if (parts.length > 2) return { error: `--connbytes takes FROM[:TO], not "${text}"` };
	const from = parts[0] === '' ? 0n : u64(parts[0]);
	if (typeof from !== 'bigint') return from;
	const to = parts.length < 2 || parts[1] === '' ? U64_MAX : u64(parts[1]);
	if (typeof to !== 'bigint') return to;
	if (to < from)
		return {
			error: `--connbytes ${text}: ${from} should be less than ${to}; write the smaller number first`
		};
	return { from: String(from), to: String(to) };
}

/** `-m connbytes`: how many bytes/packets a connection has carried so far. */
export const connbytes: ExtensionSpec = {
	name: 'connbytes',
	kind: 'match',
	summary: 'bytes, packets or average packet size a connection has transferred',
	options: [
		{ name: 'connbytes', invertible: true, parse: ([w]) => parseConnbytes(w) },
		oneOf('connbytes-dir', ['original', 'reply', 'both']),
		oneOf('connbytes-mode', ['packets', 'bytes', 'avgpkt'])
	],
	check(use, ctx) {
		for (const [name, example] of [
			['connbytes', '--connbytes 10000:'],
			['connbytes-dir', '--connbytes-dir both'],
			['connbytes-mode', '--connbytes-mode bytes']
		]) {
			if (!hasOption(use.options, name))
				ctx.report('error', `connbytes: option --${name} must be specified, e.g. ${example}`);
		}
	},
	print(options) {
		const out: string[] = [];
		const c = findOption(options, 'connbytes');
		if (c) {
			// The kernel stores `!` as a swapped range; an inverted single-point range therefore loses its `!`.
			const r = c.value as ByteRange;
			let [from, to] = [BigInt(r.from), BigInt(r.to)];
			if (c.inverted) [from, to] = [to, from];
			const inv = from > to;
			if (inv) [from, to] = [to, from];
			out.push(`${inv ? '! ' : ''}--connbytes ${from}${to !== 0n && to < U64_MAX ? ':' + to : ''}`);
		}
		for (const name of ['connbytes-mode', 'connbytes-dir']) {
			const o = findOption(options, name);
			if (o) out.push(`--${name} ${o.value}`);
		}
		return out.join(' ');
	}
};
