/**
 * ipset references shared by `-m set` and `-j SET`: `NAME src,dst` pairs, and the warning that
 * the set itself lives on the host, outside the rule set.
 */
import type { OptionSpec, CheckContext } from './types';
import type { Parsed } from '../parse/values';

/** A set reference, e.g. `--match-set blocklist src,dst` → `{ set: 'blocklist', dirs: ['src', 'dst'] }`. */
export interface SetRef {
	set: string;
	dirs: ('src' | 'dst')[];
}

/** IPSET_DIM_MAX: a set type has at most six dimensions. */
const DIM_MAX = 6;

export function parseSetRef(option: string, [name, flags]: string[]): Parsed<SetRef> {
	if (flags.startsWith('-') || flags.startsWith('!')) {
		return {
			error: `--${option} requires two args: the set name and its directions, e.g. --${option} ${name} src`
		};
	}
	if (name.length > 31)
		return { error: `set name "${name}" is too long: ipset names have at most 31 characters` };
	const parts = flags.split(',');
	if (parts.length > DIM_MAX)
		return { error: `at most ${DIM_MAX} src/dst directions, not ${parts.length}` };
	const dirs: ('src' | 'dst')[] = [];
	for (const p of parts) {
		// iptables compares only the first three letters.
		if (p.startsWith('src')) dirs.push('src');
		else if (p.startsWith('dst')) dirs.push('dst');
		else
			return {
				error: `"${flags}": give a comma-separated list of src and dst, e.g. src or src,dst`
			};
	}
	return { set: name, dirs };
}

export function setRefOption(
	name: string,
	extra: Partial<OptionSpec<SetRef>> = {}
): OptionSpec<SetRef> {
	return { name, args: 2, parse: (w) => parseSetRef(name, w), ...extra };
}

export const formatSetRef = (r: SetRef) => `${r.set} ${r.dirs.join(',')}`;

/** The rule set cannot define ipsets, so every reference is one nfwalk cannot resolve. */
export function warnHostSet(ref: SetRef, ctx: CheckContext): void {
	ctx.report(
		'warning',
		`ipset "${ref.set}" is defined on the host (ipset create ${ref.set} …), not in the rule set: nfwalk cannot see its members, and iptables refuses the rule if the set does not exist ("Set ${ref.set} doesn't exist")`,
		undefined,
		'unknown-set'
	);
}
