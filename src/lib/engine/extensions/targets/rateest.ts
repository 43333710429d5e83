import { findOption, hasOption, text } from '../define';
import type { ExtensionSpec } from '../types';
import type { Parsed } from '../../parse/values';
import { fixedDecimal } from '../group4-values';

const USEC = 1000000;

/** `250ms`, `1s`, `500us`, or a bare number of microseconds (iproute's time syntax). */
function parseTime(name: string, w: string): Parsed<number> {
	const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(.*)$/.exec(w);
	const suffix = m?.[2].toLowerCase();
	const scale =
		suffix === ''
			? 1
			: ['s', 'sec', 'secs'].includes(suffix!)
				? USEC
				: ['ms', 'msec', 'msecs'].includes(suffix!)
					? 1000
					: ['us', 'usec', 'usecs'].includes(suffix!)
						? 1
						: 0;
	if (!m || !scale)
		return { error: `bad ${name} value "${w}": write a time such as 250ms, 1s or 500us` };
	return Math.trunc(Number(m[1]) * scale) >>> 0;
}

/** The estimator's interval as the kernel stores it, 2^interval quarter-seconds (-2…3), and the averaging log. */
function estimator(
	intervalUs: number,
	ewmaUs: number
): { interval: number; ewmaLog: number } | string {
	let i = 0;
	while (i <= 5 && intervalUs > 2 ** i * (USEC / 4)) i++;
	if (i > 5) return 'interval value is too large (at most 8s)';
	let e = 1;
	for (; e < 32; e++) if (intervalUs / -Math.log(1 - 1 / 2 ** e) > ewmaUs) break;
	e--;
	if (e === 0 || e >= 31)
		return 'ewmalog value is out of range: make it larger than --rateest-interval';
	return { interval: i - 2, ewmaLog: e };
}

function timeText(us: number): string {
	if (us >= USEC) return `${fixedDecimal(BigInt(us), BigInt(USEC), 1)}s`;
	if (us >= 1000) return `${fixedDecimal(BigInt(us), 1000n, 1)}ms`;
	return `${us}us`;
}

/** `-j RATEEST`: feeds packets into a named rate estimator that `-m rateest` reads; continues traversal. */
export const rateestTarget: ExtensionSpec = {
	name: 'RATEEST',
	kind: 'target',
	summary: 'measure the rate of packets in a named estimator (for -m rateest)',
	options: [
		// The name has 15 characters in the kernel (IFNAMSIZ); iptables cuts longer ones.
		text('rateest-name', Infinity, { parse: ([w]) => w.slice(0, 15) }),
		{ name: 'rateest-interval', parse: ([w]) => parseTime('interval', w) },
		{ name: 'rateest-ewmalog', parse: ([w]) => parseTime('ewmalog', w) }
	],
	check(use, ctx) {
		const o = use.options;
		for (const n of ['rateest-name', 'rateest-interval', 'rateest-ewmalog']) {
			if (!hasOption(o, n)) ctx.report('error', `RATEEST: option --${n} must be specified`);
		}
		const i = findOption(o, 'rateest-interval')?.value as number | undefined;
		const e = findOption(o, 'rateest-ewmalog')?.value as number | undefined;
		if (i !== undefined && e !== undefined) {
			const est = estimator(i, e);
			if (typeof est === 'string') ctx.report('error', `RATEEST: ${est}`);
		}
	},
	print(o) {
		const est = estimator(
			(findOption(o, 'rateest-interval')?.value as number) ?? 0,
			(findOption(o, 'rateest-ewmalog')?.value as number) ?? 0
		);
		const name = `--rateest-name ${(findOption(o, 'rateest-name')?.value as string) ?? ''}`;
		if (typeof est === 'string') return name;
		const interval = (USEC * 2 ** (est.interval + 2)) / 4;
		const ewma = (interval * 2 ** est.ewmaLog) % 2 ** 32;
		return `${name} --rateest-interval ${timeText(interval)} --rateest-ewmalog ${timeText(ewma)}`;
	}
};
