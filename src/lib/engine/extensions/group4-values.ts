/**
 * Value helpers shared by the rate, accounting and set extensions (limit, hashlimit, quota,
 * statistic, rateest …): C-library number parsing as iptables' extensions do it, and exact
 * printf-style decimals.
 */
import type { Parsed } from '../parse/values';

export const U32_MAX = 0xffffffff;
export const U64_MAX = (1n << 64n) - 1n;

/** atoi/atoll: leading blanks, an optional sign and digits; 0 when there are none. */
export function atoll(text: string): bigint {
	const m = /^\s*([+-]?\d+)/.exec(text);
	return m ? BigInt(m[1]) : 0n;
}

/** strtoumax(text, base 0) for the whole word: `42`, `0x2a`, `052`, within 0–max. */
export function parseBig(text: string, max = U64_MAX): Parsed<bigint> {
	let n: bigint;
	if (/^0[xX][0-9a-fA-F]+$/.test(text)) n = BigInt(text);
	else if (/^0[0-7]*$/.test(text)) n = BigInt('0o' + (text.slice(1) || '0'));
	else if (/^[1-9][0-9]*$/.test(text)) n = BigInt(text);
	else return { error: `"${text}" is not a number` };
	return n > max ? { error: `${text} is out of range 0–${max}` } : n;
}

/**
 * printf("%.<digits>f") of the exact fraction num/den, rounding a tie to even as glibc does
 * (Number#toFixed rounds ties up, which differs for values like 1/4096).
 */
export function fixedDecimal(num: bigint, den: bigint, digits: number): string {
	const scale = 10n ** BigInt(digits);
	const scaled = num * scale;
	let q = scaled / den;
	const rem2 = (scaled % den) * 2n;
	if (rem2 > den || (rem2 === den && q % 2n === 1n)) q++;
	const s = q.toString().padStart(digits + 1, '0');
	return digits ? `${s.slice(0, -digits)}.${s.slice(-digits)}` : s;
}

/**
 * The unit after `/` in limit-style rates: any case-insensitive prefix of second, minute, hour
 * or day, in that order (`/s`, `/min`, `/H`). Returns seconds per unit, or null.
 */
export function rateUnitSeconds(rate: string): number | null {
	const slash = rate.indexOf('/');
	if (slash < 0) return 1;
	const unit = rate.slice(slash + 1).toLowerCase();
	if (!unit) return null;
	const units: [string, number][] = [
		['second', 1],
		['minute', 60],
		['hour', 3600],
		['day', 86400]
	];
	for (const [name, secs] of units) if (name.startsWith(unit)) return secs;
	return null;
}

/**
 * How limit and hashlimit print an average period (units per packet at `scale` per second):
 * the largest unit that still shows the rate exactly enough, e.g. 10000 → `1/sec` at scale 10000.
 * Also returns that unit in milliseconds (hashlimit compares it with --hashlimit-htable-expire).
 */
export function formatRatePeriod(period: bigint, scale: bigint): { text: string; unitMs: number } {
	const units: [string, bigint][] = [
		['day', scale * 86400n],
		['hour', scale * 3600n],
		['min', scale * 60n],
		['sec', scale]
	];
	if (period === 0n) return { text: 'inf', unitMs: 0 };
	let i = 1;
	for (; i < units.length; i++) {
		const m = units[i][1];
		if (period > m || m / period < m % period) break;
	}
	const [name, mult] = units[i - 1];
	return { text: `${mult / period}/${name}`, unitMs: Number((mult / scale) * 1000n) };
}

/** A name the kernel turns into a /proc file (hashlimit, recent): not `.`, `..` or with `/`. */
export function procNameProblem(name: string): string | null {
	if (name === '.' || name === '..' || name.includes('/')) {
		return `"${name}" cannot be used: the kernel creates /proc/net/… entries from it, so it may not be "." or ".." or contain "/" (EINVAL)`;
	}
	return null;
}
