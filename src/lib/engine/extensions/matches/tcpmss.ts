import { findOption, printOption } from '../define';
import { isError, type Parsed } from '../../parse/values';
import type { PortRange as Range } from '../../parse/values';
import { parseU16Range, requireOne } from '../mangle-values';
import type { ExtensionSpec } from '../types';

function parseMss([w]: string[]): Parsed<Range> {
	const r = parseU16Range(w);
	if (isError(r)) return r;
	return r.from > r.to
		? { error: `--mss ${w}: the range is reversed; write ${r.to}:${r.from}` }
		: { from: r.from, to: r.to };
}

/** `-m tcpmss --mss MIN[:MAX]`: matches the MSS option of TCP SYN packets. */
export const tcpmss: ExtensionSpec = {
	name: 'tcpmss',
	kind: 'match',
	summary: 'the MSS option of TCP SYN packets',
	protocols: ['tcp'],
	options: [{ name: 'mss', invertible: true, parse: parseMss }],
	check(use, ctx) {
		requireOne(use, ctx, ['mss'], 'tcpmss: option --mss must be specified (MIN[:MAX])');
	},
	print(options) {
		const o = findOption(options, 'mss');
		if (!o) return '';
		const r = o.value as Range;
		return printOption('mss', o.inverted, r.from === r.to ? String(r.from) : `${r.from}:${r.to}`);
	}
};
