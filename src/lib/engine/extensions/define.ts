/**
 * Small building blocks for extension modules, so each module reads like the option table of its
 * iptables man page section.
 */
import type { OptionValue } from '../model';
import {
	isError,
	parsePortRange,
	parseUnsigned,
	formatPortRange,
	type Parsed,
	type PortRange
} from '../parse/values';
import type { OptionSpec } from './types';

export function findOption(options: readonly OptionValue[], name: string): OptionValue | undefined {
	for (let i = options.length - 1; i >= 0; i--) if (options[i].name === name) return options[i];
	return undefined;
}

export function hasOption(options: readonly OptionValue[], name: string): boolean {
	return options.some((o) => o.name === name);
}

/** `! --name words` or `--name words`; `words` null prints the bare flag. */
export function printOption(name: string, inverted: boolean, words: string | null): string {
	return `${inverted ? '! ' : ''}--${name}${words === null ? '' : ' ' + words}`;
}

/** How one option prints: under which name, and the words after it (null = bare flag). */
export interface PrintStep {
	name: string;
	/** Defaults to `String(value)`; flags (`value === true`) print bare. */
	format?: (value: never, option: OptionValue) => string | null;
	/** Printed name if it differs from the option name. */
	as?: string;
}

/** Prints the given options in the fixed order iptables' save function uses. */
export function printInOrder(options: readonly OptionValue[], steps: readonly PrintStep[]): string {
	const out: string[] = [];
	for (const step of steps) {
		for (const o of options) {
			if (o.name !== step.name) continue;
			const words = step.format
				? step.format(o.value as never, o)
				: o.value === true
					? null
					: String(o.value);
			out.push(printOption(step.as ?? step.name, o.inverted, words));
		}
	}
	return out.join(' ');
}

/** A flag option (no argument), e.g. `--syn`. */
export function flag(name: string, extra: Partial<OptionSpec<true>> = {}): OptionSpec<true> {
	return { name, args: 0, parse: () => true, ...extra };
}

/** A string option kept as written, e.g. `--comment text`, with an optional length limit. */
export function text(
	name: string,
	maxLength = Infinity,
	extra: Partial<OptionSpec<string>> = {}
): OptionSpec<string> {
	return {
		name,
		parse: ([w]) =>
			w.length > maxLength ? { error: `--${name} is longer than ${maxLength} characters` } : w,
		...extra
	};
}

/** An unsigned number option within a range, e.g. `--ttl-eq 0..255`. */
export function unsigned(
	name: string,
	min: number,
	max: number,
	extra: Partial<OptionSpec<number>> = {}
): OptionSpec<number> {
	return {
		name,
		parse: ([w]) => {
			const n = parseUnsigned(w, min, max);
			return isError(n) ? { error: `--${name}: ${n.error}` } : n;
		},
		...extra
	};
}

/** One of a fixed set of words, e.g. `--ctdir ORIGINAL|REPLY`. */
export function oneOf(
	name: string,
	words: readonly string[],
	extra: Partial<OptionSpec<string>> = {}
): OptionSpec<string> {
	return {
		name,
		parse: ([w]) =>
			words.includes(w) ? w : { error: `--${name} takes one of ${words.join(', ')}, not "${w}"` },
		...extra
	};
}

/** A port or port range option, e.g. `--dport 1024:65535`. */
export function portRange(
	name: string,
	extra: Partial<OptionSpec<PortRange>> = {}
): OptionSpec<PortRange> {
	return {
		name,
		invertible: true,
		parse: ([w]): Parsed<PortRange> => parsePortRange(w),
		isDefault: (r) => r.from === 0 && r.to === 65535,
		...extra
	};
}

export const formatRange = (r: PortRange) => formatPortRange(r);
