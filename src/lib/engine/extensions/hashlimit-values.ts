/** Rate, burst and table settings of `-m hashlimit` as libxt_hashlimit (revision 3) computes them. */
import { findOption, hasOption } from './define';
import type { OptionSpec } from './types';
import type { OptionValue } from '../model';
import type { Parsed } from '../parse/values';
import { atoll, parseBig, rateUnitSeconds, U32_MAX, U64_MAX } from './group4-values';

export const SCALE = 1000000n;
const BYTE_SHIFT = 4n;
const MAX_BURST = 1000000n;
/** A rate in packets (average period at SCALE) or in bytes (the kernel's cost per byte). */
interface HashRate {
	bytes: boolean;
	avg: bigint;
	unitSecs: number;
}

const bytesToCost = (bytes: bigint) =>
	BigInt(U32_MAX) / (BigInt.asUintN(32, bytes >> BYTE_SHIFT) + 1n);
const costToBytes = (cost: bigint) =>
	((cost ? BigInt(U32_MAX) / cost : BigInt(U32_MAX)) - 1n) << BYTE_SHIFT;
const factor = (c: string | undefined) => (c === 'm' ? 1048576n : c === 'k' ? 1024n : 1n);

export function parseRate(name: string, text: string): Parsed<HashRate> {
	const b = text.indexOf('b/s');
	const r = BigInt.asUintN(64, atoll(text));
	if (b > 0 && r !== 0n) {
		const bytes = r * factor(text[b - 1]);
		if (bytes > U64_MAX) return { error: `--${name}: rate ${text} is too large` };
		if (BigInt.asUintN(32, bytes >> BYTE_SHIFT) === BigInt(U32_MAX))
			return { error: `--${name}: rate ${text} is too high` };
		return { bytes: true, avg: bytesToCost(bytes), unitSecs: 15 };
	}
	const secs = rateUnitSeconds(text);
	if (secs === null || r === 0n) {
		return {
			error: `bad value for --${name} "${text}": write packets per unit (10/sec, 100/minute) or bytes per second (512kb/s, 1mb/s)`
		};
	}
	const avg = (SCALE * BigInt(secs)) / r;
	if (avg === 0n) return { error: `--${name}: rate "${text}" is too fast` };
	return { bytes: false, avg, unitSecs: secs };
}

/** `--hashlimit-burst 5`, or in bytes mode `400kb`: a number with an optional k/m factor. */
export function parseBurst(text: string): Parsed<bigint> {
	const m = /^(0[xX][0-9a-fA-F]+|[0-9]+)(.*)$/.exec(text);
	const v = m ? parseBig(m[1]) : null;
	if (!m || v === null || typeof v !== 'bigint' || v < 1n || (m[2] === '' && v > MAX_BURST)) {
		return {
			error: `bad value for --hashlimit-burst "${text}" (1–${MAX_BURST}, or bytes such as 64kb in byte mode)`
		};
	}
	const n = v * factor(m[2][0]);
	return n > U64_MAX ? { error: `--hashlimit-burst ${text} is too large` } : n;
}

export const MODES = ['srcip', 'srcport', 'dstip', 'dstport'];
export const rateOption = (name: string, aliases?: string[]): OptionSpec<HashRate> => ({
	name,
	aliases,
	invertible: true,
	parse: ([w]) => parseRate(name, w)
});
export const value = <T>(o: readonly OptionValue[], name: string) =>
	findOption(o, name)?.value as T | undefined;

/** Resolves the options the way libxt_hashlimit's final check fills in the kernel's config. */
export function config(o: readonly OptionValue[]) {
	const up = findOption(o, 'hashlimit-upto') ?? findOption(o, 'hashlimit-above');
	const rate = up?.value as HashRate | undefined;
	const above = !!up && (up.name === 'hashlimit-above') !== up.inverted;
	let avg = rate?.avg ?? 0n;
	const givenBurst = value<bigint>(o, 'hashlimit-burst');
	let burst = givenBurst ?? 5n;
	let expire = value<number>(o, 'hashlimit-htable-expire');
	let error: string | null = null;
	if (rate?.bytes) {
		burst = 0n;
		if (givenBurst !== undefined) {
			const unit = costToBytes(avg);
			if (givenBurst < unit)
				error = `--hashlimit-burst cannot be smaller than ${unit}b for this rate`;
			else
				burst = BigInt.asUintN(
					32,
					BigInt.asUintN(32, givenBurst) / unit + (givenBurst % unit ? 1n : 0n)
				);
			expire ??= 60000;
		}
	} else if (burst > MAX_BURST) error = `--hashlimit-burst is out of range (1–${MAX_BURST})`;
	expire ??= (rate?.unitSecs ?? 1) * 1000;
	let interval = value<number>(o, 'hashlimit-rate-interval') ?? 0;
	if (hasOption(o, 'hashlimit-rate-match')) {
		if (rate && !rate.bytes) avg /= BigInt(rate.unitSecs);
		if (interval === 0) interval = rate?.bytes ? 1 : (rate?.unitSecs ?? 1);
	}
	return { rate, above, avg, burst, expire, interval, error };
}

export function formatBytes(avg: bigint, burst: bigint): { text: string; unitMs: number } {
	const units: [string, bigint][] = [
		['m', 1048576n],
		['k', 1024n],
		['', 1n]
	];
	let r = costToBytes(avg);
	let i = units.findIndex(([, t], k) => k === 2 || (r >= t && bytesToCost(r & ~(t - 1n)) === avg));
	let text = `${r / units[i][1]}${units[i][0]}b/s`;
	if (burst === 0n) return { text, unitMs: 15000 };
	r *= burst;
	i = units.findIndex(([, t], k) => k === 2 || r >= t);
	text += ` --hashlimit-burst ${r / units[i][1]}${units[i][0]}b`;
	return { text, unitMs: 60000 };
}
