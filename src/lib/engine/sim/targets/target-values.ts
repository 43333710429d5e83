/** Small helpers every compiled target shares: option lookup, number and address formats. */
import type { OptionValue } from '../../model';
import type { CtEntry } from '../conntrack-types';
import type { MatchEnv, TargetResult } from '../compile-types';

/** The value of the last option called `name` (a later option overrides, as in iptables), or undefined. */
export function optionValue<T>(options: readonly OptionValue[], name: string): T | undefined {
	for (let i = options.length - 1; i >= 0; i--)
		if (options[i].name === name) return options[i].value as T;
	return undefined;
}

export function hasOpt(options: readonly OptionValue[], name: string): boolean {
	return options.some((o) => o.name === name);
}

/** `0x10`, as iptables-save and the kernel log print marks. */
export const hex = (n: number): string => '0x' + (n >>> 0).toString(16);

export const ipText = (n: number): string =>
	[n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/**
 * The conntrack entry `nf_ct_get()` would return: none before the lookup, none for INVALID and
 * UNTRACKED packets; an ICMP error RELATED to a flow carries that flow's entry.
 */
export function connEntry(env: Pick<MatchEnv, 'ct'>): CtEntry | null {
	const ct = env.ct;
	if (!ct) return null;
	return ct.entry ?? (ct.state === 'RELATED' ? ct.master : null);
}

export const CONTINUE: TargetResult = { verdict: 'CONTINUE' };
