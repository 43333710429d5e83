import { findOption, flag, hasOption, text } from '../define';
import type { ExtensionSpec, OptionSpec } from '../types';
import type { OptionValue } from '../../model';
import { isError, parseUnsigned, type Parsed } from '../../parse/values';
import { fixedDecimal, U32_MAX } from '../group4-values';

/** tc's rate units, matched without regard to case; the value is bits per second per unit. */
const RATE_UNITS: [string, number][] = [
	['bit', 1],
	['kibit', 1024],
	['kbit', 1000],
	['mibit', 1024 ** 2],
	['mbit', 1e6],
	['gibit', 1024 ** 3],
	['gbit', 1e9],
	['tibit', 1024 ** 4],
	['tbit', 1e12],
	['bps', 8],
	['kibps', 8192],
	['kbps', 8000],
	['mibps', 8 * 1024 ** 2],
	['mbps', 8e6],
	['gibps', 8 * 1024 ** 3],
	['gbps', 8e9],
	['tibps', 8 * 1024 ** 4],
	['tbps', 8e12]
];

/** `8bit`, `5kbit`, `1MBps`, or a bare number of bits per second; kept as bytes per second like the kernel. */
function parseRate(w: string): Parsed<number> {
	const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(.*)$/.exec(w);
	const unit = m && (m[2] === '' ? 1 : RATE_UNITS.find(([n]) => n === m[2].toLowerCase())?.[1]);
	if (!m || !unit)
		return { error: `could not parse rate "${w}": write e.g. 8bit, 100kbit, 1mbit or 10MBps` };
	const bytes = Math.trunc((Number(m[1]) * unit) / 8);
	return bytes >= 0 && bytes <= U32_MAX ? bytes : { error: `rate "${w}" is out of range` };
}

function parsePps(w: string): Parsed<number> {
	const n = parseUnsigned(w);
	return isError(n) ? { error: `could not parse pps "${w}": a number of packets per second` } : n;
}

// The value after --rateest-bps/--rateest-pps is optional: relative mode compares two estimators.
const valued = (
	name: string,
	parse: (w: string) => Parsed<number>,
	aliases?: string[]
): OptionSpec<number> => ({
	name,
	aliases,
	optionalArg: true,
	parse: ([w]) => (w === undefined ? 0 : parse(w))
});

const MODES = ['rateest-lt', 'rateest-gt', 'rateest-eq'];
const lastMode = (o: readonly OptionValue[]) =>
	[...o].reverse().find((x) => MODES.includes(x.name));
const rateText = (bytes: number) => {
	const bits = BigInt(bytes) * 8n;
	if (bits >= 1000000000n) return `${fixedDecimal(bits, 1000000n, 0)}Mbit`;
	if (bits >= 1000000n) return `${fixedDecimal(bits, 1000n, 0)}Kbit`;
	return `${bits}bit`;
};

/** `-m rateest`: compares the rate measured by a RATEEST estimator with a value or another estimator. */
export const rateest: ExtensionSpec = {
	name: 'rateest',
	kind: 'match',
	summary: 'compare a RATEEST estimator with a rate or with another estimator',
	options: [
		text('rateest1', Infinity, { aliases: ['rateest'], parse: ([w]) => w.slice(0, 15) }),
		text('rateest2', Infinity, { parse: ([w]) => w.slice(0, 15) }),
		flag('rateest-delta'),
		valued('rateest-bps1', parseRate),
		valued('rateest-pps1', parsePps),
		valued('rateest-bps2', parseRate, ['rateest-bps']),
		valued('rateest-pps2', parsePps, ['rateest-pps']),
		...MODES.map((m) => flag(m, { invertible: true }))
	],
	check(use, ctx) {
		const o = use.options;
		const err = (m: string) => ctx.report('error', `rateest: ${m}`);
		if (!hasOption(o, 'rateest1'))
			err(
				'name the estimator with --rateest NAME (a RATEEST target with --rateest-name NAME must create it)'
			);
		if (!lastMode(o))
			err(
				'give the comparison: --rateest-lt, --rateest-gt or --rateest-eq; the kernel refuses the rule without one (EINVAL)'
			);
		if (!o.some((x) => /^rateest-[bp]ps/.test(x.name)))
			err(
				'give what to compare: --rateest-bps or --rateest-pps; the kernel refuses the rule without one (EINVAL)'
			);
	},
	print(o) {
		const delta = hasOption(o, 'rateest-delta');
		const rel = hasOption(o, 'rateest2');
		const mode = lastMode(o);
		const modeText = mode ? `${mode.inverted ? '! ' : ''}--${mode.name}` : '';
		const out: string[] = [];
		if (delta) out.push('--rateest-delta');
		out.push(`--rateest${rel ? '1' : ''} ${findOption(o, 'rateest1')?.value ?? ''}`);
		for (const [kind, fmt] of [
			['bps', rateText],
			['pps', String]
		] as const) {
			if (!o.some((x) => x.name.startsWith(`rateest-${kind}`))) continue;
			const v = (n: string) =>
				fmt((findOption(o, `rateest-${kind}${n}`)?.value as number | undefined) ?? 0);
			if (delta) out.push(`--rateest-${kind}1 ${v('1')}`, modeText, `--rateest-${kind}2 ${v('2')}`);
			else out.push(modeText, `--rateest-${kind}${rel ? '' : ' ' + v('2')}`);
		}
		if (rel) out.push(`--rateest2 ${findOption(o, 'rateest2')?.value}`);
		return out.filter(Boolean).join(' ');
	}
};
