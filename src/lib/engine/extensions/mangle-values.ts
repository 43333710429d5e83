/**
 * Value parsers and checks shared by the logging, verdict-like and packet-mangling extensions
 * (LOG, MARK, TOS, DSCP, NFQUEUE, tcpmss …), written to accept what libxtables 1.8.9 accepts.
 */
import type { OptionValue } from '../model';
import { isError, parseUnsigned, type Parsed } from '../parse/values';
import type { CheckContext, ExtensionUse } from './types';

/** `0x1f`: the two-digit hex iptables-save uses for TOS and DSCP values. */
export const hex2 = (n: number): string => '0x' + n.toString(16).padStart(2, '0');

/** A string cut to what a fixed-size kernel buffer keeps (`size - 1` bytes, as libxtables does). */
export function truncateBytes(text: string, maxBytes: number): string {
	const bytes = new TextEncoder().encode(text);
	if (bytes.length <= maxBytes) return text;
	return new TextDecoder().decode(bytes.slice(0, maxBytes)).replace(/\uFFFD$/, '');
}

/** A non-empty string without newlines, cut to `maxBytes`: LOG and NFLOG prefixes. */
export function logPrefix(name: string, maxBytes: number) {
	return ([w]: string[]): Parsed<string> => {
		if (w === '')
			return {
				error: `--${name} needs at least one character; leave the option out for no prefix`
			};
		if (w.includes('\n')) return { error: `--${name} may not contain a newline` };
		return truncateBytes(w, maxBytes);
	};
}

/** TOS names iptables knows (matched case-insensitively); their mask is the TOS field, 0x3f. */
const TOS_SYMBOLS: readonly [string, number][] = [
	['Minimize-Cost', 0x02],
	['Normal-Service', 0x00],
	['Minimize-Delay', 0x10],
	['Maximize-Reliability', 0x04],
	['Maximize-Throughput', 0x08]
];

export interface TosMask {
	value: number;
	mask: number;
}

/** `value[/mask]` (0–255 each, mask defaults to 0xff) or a TOS name, as XTTYPE_TOSMASK reads it. */
export function parseTosMask(text: string): Parsed<TosMask> {
	const slash = text.indexOf('/');
	const value = parseUnsigned(slash < 0 ? text : text.slice(0, slash), 0, 255);
	if (!isError(value)) {
		if (slash < 0) return { value, mask: 0xff };
		const mask = parseUnsigned(text.slice(slash + 1), 0, 255);
		if (isError(mask))
			return {
				error: `bad TOS mask in "${text}" (write VALUE/MASK with numbers 0–255, e.g. 0x10/0x3f)`
			};
		return { value, mask };
	}
	const symbol = TOS_SYMBOLS.find(([n]) => n.toLowerCase() === text.toLowerCase());
	if (!symbol) {
		return {
			error: `unknown TOS "${text}" (use VALUE[/MASK] with numbers 0–255, or one of ${TOS_SYMBOLS.map(([n]) => n).join(', ')})`
		};
	}
	return { value: symbol[1], mask: 0x3f };
}

/** DiffServ class names. iptables accepts any word that *starts* with a class name, case-insensitively. */
// prettier-ignore
const DSCP_CLASSES: readonly [string, number][] = [
	['CS0', 0x00], ['CS1', 0x08], ['CS2', 0x10], ['CS3', 0x18], ['CS4', 0x20], ['CS5', 0x28],
	['CS6', 0x30], ['CS7', 0x38], ['BE', 0x00], ['AF11', 0x0a], ['AF12', 0x0c], ['AF13', 0x0e],
	['AF21', 0x12], ['AF22', 0x14], ['AF23', 0x16], ['AF31', 0x1a], ['AF32', 0x1c], ['AF33', 0x1e],
	['AF41', 0x22], ['AF42', 0x24], ['AF43', 0x26], ['EF', 0x2e]
];

export function parseDscpClass(text: string): Parsed<number> {
	const found = DSCP_CLASSES.find(([n]) => text.toUpperCase().startsWith(n));
	return found
		? found[1]
		: {
				error: `unknown DSCP class "${text}" (use BE, EF, CS0–CS7 or AF11–AF43, or give the number with --dscp/--set-dscp)`
			};
}

/** A `from:to` range of 16-bit numbers as XTTYPE_UINT16RC reads it; `count` is how many numbers were written. */
export interface U16Range {
	from: number;
	to: number;
	count: 1 | 2;
}

/** `5`, `5:9`, `:9` (from 0), `5:` (to 65535), `:`. */
export function parseU16Range(text: string): Parsed<U16Range> {
	const parts = text.split(':');
	if (parts.length > 2) return { error: `"${text}" has more than two numbers; write FROM:TO` };
	const nums: number[] = [];
	for (const [i, p] of parts.entries()) {
		if (p === '') {
			nums.push(i === 1 ? 65535 : 0);
			continue;
		}
		const n = parseUnsigned(p, 0, 65535);
		if (isError(n))
			return {
				error: `bad value near "${p}" in "${text}": use numbers 0–65535 as FROM or FROM:TO`
			};
		nums.push(n);
	}
	return { from: nums[0], to: nums[nums.length - 1], count: nums.length as 1 | 2 };
}

/** Reports every pair of given options that cannot be combined (xtables' `.excl`). */
export function checkExclusive(
	ext: string,
	use: ExtensionUse,
	ctx: CheckContext,
	names: readonly string[]
): void {
	const given = names.filter((n) => use.options.some((o) => o.name === n));
	if (given.length > 1) {
		ctx.report(
			'error',
			`${ext}: ${given.map((n) => '--' + n).join(' and ')} cannot be combined: keep one`,
			undefined,
			'conflicting-options'
		);
	}
}

/** Reports a missing required option; `what` says what to write. */
export function requireOne(
	use: ExtensionUse,
	ctx: CheckContext,
	names: readonly string[],
	what: string
): void {
	if (!names.some((n) => use.options.some((o) => o.name === n))) {
		ctx.report('error', what, undefined, 'missing-option');
	}
}

/** True when the rule says `-p tcp` without `!`, as the kernel wants for TCP-only work. */
export function isTcpRule(ctx: CheckContext): boolean {
	const p = ctx.rule.protocol;
	return p !== null && !p.inverted && p.value === 'tcp';
}

/** The option given last among `names`: where libxtables lets a later option overwrite an earlier one. */
export function lastOf(
	options: readonly OptionValue[],
	names: readonly string[]
): OptionValue | undefined {
	for (let i = options.length - 1; i >= 0; i--)
		if (names.includes(options[i].name)) return options[i];
	return undefined;
}

/** The options in the order iptables-save prints them (`names` must cover every option). */
export function sortedBy(options: readonly OptionValue[], names: readonly string[]): OptionValue[] {
	return names.flatMap((n) => options.filter((o) => o.name === n));
}
