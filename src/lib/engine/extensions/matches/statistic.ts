import { findOption, hasOption, oneOf, unsigned } from '../define';
import type { ExtensionSpec } from '../types';
import type { Parsed } from '../../parse/values';
import { fixedDecimal, U32_MAX } from '../group4-values';

/** The kernel compares a random 31-bit number with probability × 2^31, rounded. */
function parseProbability([w]: string[]): Parsed<number> {
	const p = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(w) ? Number(w) : NaN;
	if (!(p >= 0 && p <= 1))
		return { error: `bad --probability "${w}": a number from 0 to 1, e.g. 0.25` };
	return Math.round(0x80000000 * p);
}

/** `-m statistic`: matches a random share of packets, or every nth packet. */
export const statistic: ExtensionSpec = {
	name: 'statistic',
	kind: 'match',
	summary: 'match packets at random or every nth packet',
	options: [
		oneOf('mode', ['random', 'nth']),
		{ name: 'probability', invertible: true, parse: parseProbability },
		unsigned('every', 1, U32_MAX, { invertible: true }),
		unsigned('packet', 0, U32_MAX)
	],
	check(use, ctx) {
		const o = use.options;
		const err = (m: string) => ctx.report('error', `statistic: ${m}`);
		const mode = (findOption(o, 'mode')?.value as string | undefined) ?? 'random';
		if (hasOption(o, 'probability') && (hasOption(o, 'every') || hasOption(o, 'packet')))
			err('--probability (random mode) cannot be combined with --every/--packet (nth mode)');
		if (mode === 'random' && !hasOption(o, 'probability'))
			err(
				'--probability must be specified when using random mode, e.g. --mode random --probability 0.5'
			);
		if (mode === 'nth' && !hasOption(o, 'every') && !hasOption(o, 'packet'))
			err('--every and --packet must be specified when using nth mode');
		if (hasOption(o, 'every') !== hasOption(o, 'packet'))
			err('--every and --packet go together: --every N --packet P with 0 <= P < N');
		const every = (findOption(o, 'every')?.value as number | undefined) ?? 1;
		const packet = (findOption(o, 'packet')?.value as number | undefined) ?? 0;
		if (packet > every - 1)
			err(`--packet ${packet} must be between 0 and ${every - 1} (--every ${every} minus 1)`);
		if (!hasOption(o, 'mode')) err('option --mode must be specified (random or nth)');
	},
	print(o) {
		const inv = o.some((x) => x.inverted) ? ' !' : '';
		if (((findOption(o, 'mode')?.value as string | undefined) ?? 'random') === 'random') {
			const p = BigInt((findOption(o, 'probability')?.value as number | undefined) ?? 0);
			return `--mode random${inv} --probability ${fixedDecimal(p, 0x80000000n, 11)}`;
		}
		const every = (findOption(o, 'every')?.value as number | undefined) ?? 1;
		return `--mode nth${inv} --every ${every} --packet ${(findOption(o, 'packet')?.value as number | undefined) ?? 0}`;
	}
};
