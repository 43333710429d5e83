import { findOption, unsigned } from '../define';
import type { ExtensionSpec } from '../types';
import type { Parsed } from '../../parse/values';
import { atoll, formatRatePeriod, rateUnitSeconds, U32_MAX } from '../group4-values';

/** xt_limit's fixed point: one packet per second is an average period of 10000. */
const LIMIT_SCALE = 10000n;
const DEFAULT_BURST = 5;
/** 3/hour, what the kernel gets when `--limit` is absent. */
const DEFAULT_AVG = (10000 * 3600) / 3;

/**
 * `--limit 3/hour` as the kernel's average period between packets. Like iptables, the number
 * is read with atoi (so `1.5/s` counts as 1/s) and the unit may be any prefix of second,
 * minute, hour or day.
 */
export function parseLimitRate(text: string): Parsed<number> {
	const secs = rateUnitSeconds(text);
	const r = BigInt.asUintN(32, atoll(text));
	if (secs === null || r === 0n) {
		return {
			error: `bad rate "${text}": write a number of packets per unit, e.g. 3/hour, 10/minute, 5/second`
		};
	}
	const period = (LIMIT_SCALE * BigInt(secs)) / r;
	if (period === 0n) return { error: `rate "${text}" is too fast: at most 10000/second` };
	return Number(period);
}

/** `-m limit`: token bucket on packets; matches until the average rate is exceeded. */
export const limit: ExtensionSpec = {
	name: 'limit',
	kind: 'match',
	summary: 'match at most an average rate of packets (token bucket)',
	options: [
		{ name: 'limit', parse: ([w]) => parseLimitRate(w) },
		unsigned('limit-burst', 0, 10000)
	],
	check(use, ctx) {
		const avg = (findOption(use.options, 'limit')?.value as number | undefined) ?? DEFAULT_AVG;
		const burst =
			(findOption(use.options, 'limit-burst')?.value as number | undefined) ?? DEFAULT_BURST;
		// The kernel multiplies the period by the burst in 32 bits and refuses an overflow (ERANGE).
		if (burst === 0 || avg * burst > U32_MAX) {
			ctx.report(
				'error',
				`limit: --limit-burst ${burst} is ${burst === 0 ? 'zero' : 'too large for that rate'}; the kernel refuses it (ERANGE): use a burst of 1 or more${burst ? ', or a faster rate' : ''}`
			);
		}
	},
	// The kernel stores both values; iptables prints the rate always and the burst when not 5, so
	// `-m limit --limit-burst 1` and its printed form `--limit 3/hour --limit-burst 1` give one model.
	defaults: () => [
		{ name: 'limit', value: DEFAULT_AVG },
		{ name: 'limit-burst', value: DEFAULT_BURST }
	],
	print(options) {
		const avg = (findOption(options, 'limit')?.value as number | undefined) ?? DEFAULT_AVG;
		const burst =
			(findOption(options, 'limit-burst')?.value as number | undefined) ?? DEFAULT_BURST;
		const text = `--limit ${formatRatePeriod(BigInt(avg), LIMIT_SCALE).text}`;
		return burst === DEFAULT_BURST ? text : `${text} --limit-burst ${burst}`;
	}
};
