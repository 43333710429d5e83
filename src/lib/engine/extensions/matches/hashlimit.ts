import { flag, hasOption, unsigned } from '../define';
import type { ExtensionSpec } from '../types';
import type { Parsed } from '../../parse/values';
import { formatRatePeriod, procNameProblem, U32_MAX, atoll } from '../group4-values';
import {
	config,
	formatBytes,
	MODES,
	parseBurst,
	rateOption,
	SCALE,
	value
} from '../hashlimit-values';

/** Values iptables does not list, so a rule with them reads like one without. */
const UNLISTED_DEFAULTS: Record<string, unknown> = {
	'hashlimit-htable-size': 0,
	'hashlimit-htable-max': 0,
	'hashlimit-htable-gcinterval': 1000,
	'hashlimit-srcmask': 32,
	'hashlimit-dstmask': 32
};

/** `-m hashlimit`: per-address/port rate limits kept in a named hash table. */
export const hashlimit: ExtensionSpec = {
	name: 'hashlimit',
	kind: 'match',
	summary: 'rate limit per source/destination address or port group',
	options: [
		rateOption('hashlimit-upto', ['hashlimit']),
		rateOption('hashlimit-above'),
		unsigned('hashlimit-srcmask', 0, 32),
		unsigned('hashlimit-dstmask', 0, 32),
		{ name: 'hashlimit-burst', parse: ([w]) => parseBurst(w) },
		unsigned('hashlimit-htable-size', 0, U32_MAX),
		unsigned('hashlimit-htable-max', 0, U32_MAX),
		unsigned('hashlimit-htable-gcinterval', 0, U32_MAX),
		unsigned('hashlimit-htable-expire', 0, U32_MAX),
		{
			name: 'hashlimit-mode',
			parse([w]): Parsed<number> {
				let bits = 0;
				for (const t of w.split(/[,|]/).filter(Boolean)) {
					const i = MODES.indexOf(t);
					if (i < 0)
						return {
							error: `bad --hashlimit-mode "${w}": a comma-separated list of srcip, srcport, dstip, dstport`
						};
					bits |= 1 << i;
				}
				return bits;
			}
		},
		// The kernel keeps 15 characters of the name (IFNAMSIZ); iptables cuts longer ones silently.
		{
			name: 'hashlimit-name',
			parse: ([w]) => (w === '' ? { error: '--hashlimit-name must not be empty' } : w.slice(0, 15))
		},
		flag('hashlimit-rate-match'),
		{
			name: 'hashlimit-rate-interval',
			parse: ([w]) => {
				const n = Number(atoll(w));
				return n > 0 && n <= U32_MAX
					? n
					: { error: `bad --hashlimit-rate-interval "${w}": a number of seconds, 1 or more` };
			}
		}
	],
	check(use, ctx) {
		const o = use.options;
		const err = (m: string) => ctx.report('error', `hashlimit: ${m}`);
		if (hasOption(o, 'hashlimit-upto') && hasOption(o, 'hashlimit-above'))
			err('--hashlimit-upto and --hashlimit-above cannot be combined: keep one');
		if (!hasOption(o, 'hashlimit-upto') && !hasOption(o, 'hashlimit-above'))
			err('give the rate with --hashlimit-upto RATE or --hashlimit-above RATE');
		const name = value<string>(o, 'hashlimit-name');
		if (name === undefined)
			err('option --hashlimit-name must be specified (it names /proc/net/ipt_hashlimit/NAME)');
		else if (procNameProblem(name)) err(`--hashlimit-name ${procNameProblem(name)}`);
		const c = config(o);
		if (c.error) err(c.error);
		if (value(o, 'hashlimit-htable-gcinterval') === 0 || c.expire === 0)
			err(
				'--hashlimit-htable-gcinterval and --hashlimit-htable-expire must be at least 1 ms; the kernel refuses 0 (EINVAL)'
			);
		for (const n of ['hashlimit-htable-size', 'hashlimit-htable-max']) {
			if ((value<number>(o, n) ?? 0) > 1048576)
				err(`--${n} is larger than the kernel's 1048576 (ERANGE)`);
		}
		if (
			hasOption(o, 'hashlimit-rate-match') &&
			c.rate &&
			!c.rate.bytes &&
			(c.avg === 0n || c.avg > BigInt(U32_MAX))
		)
			err('this rate cannot be used with --hashlimit-rate-match (ERANGE)');
	},
	// A packet-rate limit always has a burst in the kernel (5 when not given), and iptables lists it.
	defaults: (o) =>
		o.some((x) => x.name === 'hashlimit-burst') || config(o).rate?.bytes
			? []
			: [{ name: 'hashlimit-burst', value: 5n }],
	// One spelling in the model too: `! --hashlimit-upto R` is `--hashlimit-above R`, and the
	// table sizes and masks the kernel cannot tell from their defaults are left out, as listed.
	normalize: (o) =>
		o
			.filter((x) => UNLISTED_DEFAULTS[x.name] !== x.value)
			.map((x) =>
				x.inverted && (x.name === 'hashlimit-upto' || x.name === 'hashlimit-above')
					? {
							...x,
							name: x.name === 'hashlimit-upto' ? 'hashlimit-above' : 'hashlimit-upto',
							inverted: false
						}
					: x
			),
	print(o) {
		const c = config(o);
		const head = `--hashlimit-${c.above ? 'above' : 'upto'} `;
		const r = c.rate?.bytes ? formatBytes(c.avg, c.burst) : formatRatePeriod(c.avg, SCALE);
		const out = [head + r.text + (c.rate?.bytes ? '' : ` --hashlimit-burst ${c.burst}`)];
		const mode = value<number>(o, 'hashlimit-mode') ?? 0;
		if (mode) out.push(`--hashlimit-mode ${MODES.filter((_, i) => mode & (1 << i)).join(',')}`);
		out.push(`--hashlimit-name ${value<string>(o, 'hashlimit-name') ?? ''}`);
		const num = (n: string) => value<number>(o, n) ?? 0;
		if (num('hashlimit-htable-size'))
			out.push(`--hashlimit-htable-size ${num('hashlimit-htable-size')}`);
		if (num('hashlimit-htable-max'))
			out.push(`--hashlimit-htable-max ${num('hashlimit-htable-max')}`);
		const gc = value<number>(o, 'hashlimit-htable-gcinterval') ?? 1000;
		if (gc !== 1000) out.push(`--hashlimit-htable-gcinterval ${gc}`);
		if (c.expire !== r.unitMs) out.push(`--hashlimit-htable-expire ${c.expire}`);
		for (const n of ['hashlimit-srcmask', 'hashlimit-dstmask'])
			if ((value<number>(o, n) ?? 32) !== 32) out.push(`--${n} ${num(n)}`);
		if (hasOption(o, 'hashlimit-rate-match')) {
			out.push('--hashlimit-rate-match');
			if (c.interval !== 1) out.push(`--hashlimit-rate-interval ${c.interval}`);
		}
		return out.join(' ');
	}
};
