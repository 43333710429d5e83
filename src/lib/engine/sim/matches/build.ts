/**
 * Building blocks for match compilers: a match is the conjunction of its options' tests, each
 * built once from the parsed option value, so a packet costs a few comparisons per option.
 */
import type { OptionValue } from '../../model';
import type { CompiledMatch, MatchEnv } from '../compile-types';
import type { Packet } from '../packet';

/** One option's test, e.g. `--dport 22` → `(p) => p.dport === 22`. */
export type Test = (p: Packet, env: MatchEnv) => boolean;

/** The last occurrence of an option, as the kernel keeps the last value given. */
export function opt(options: readonly OptionValue[], name: string): OptionValue | undefined {
	for (let i = options.length - 1; i >= 0; i--) if (options[i].name === name) return options[i];
	return undefined;
}

export function has(options: readonly OptionValue[], name: string): boolean {
	return opt(options, name) !== undefined;
}

/** The match passes when every test passes, checked in the given order. */
export function allOf(tests: readonly Test[], note?: string): CompiledMatch {
	const t = [...tests];
	if (t.length === 0) return { test: () => true, note };
	if (t.length === 1) return { test: t[0], note };
	if (t.length === 2) {
		const [a, b] = t;
		return { test: (p, env) => a(p, env) && b(p, env), note };
	}
	return {
		test(p, env) {
			for (let i = 0; i < t.length; i++) if (!t[i](p, env)) return false;
			return true;
		},
		note
	};
}

/** A match whose outcome the packet model cannot decide: it is assumed to match, and says so. */
export function assumeMatch(note: string): CompiledMatch {
	return { test: () => true, note };
}

/** A match that depends on host state nfwalk does not model: it never matches, and says so. */
export function neverMatch(note: string): CompiledMatch {
	return { test: () => false, note };
}

/** Joins notes, dropping absent ones; undefined when none remain. */
export function notes(...n: (string | undefined)[]): string | undefined {
	const kept = n.filter((x): x is string => !!x);
	return kept.length ? kept.join('; ') : undefined;
}

/** `(lo <= v <= hi) XOR inverted`, the kernel's shape of every range test. */
export function inRange(v: number, lo: number, hi: number, inverted: boolean): boolean {
	return (v >= lo && v <= hi) !== inverted;
}
