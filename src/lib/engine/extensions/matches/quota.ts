import { findOption } from '../define';
import type { ExtensionSpec } from '../types';
import { parseBig } from '../group4-values';

const bytes =
	(name: string) =>
	([w]: string[]) => {
		const n = parseBig(w);
		return typeof n === 'bigint'
			? n
			: { error: `--${name} "${w}" is not a byte count (0–18446744073709551615)` };
	};

/** `-m quota`: matches until a byte budget shared by the rule is used up. */
export const quota: ExtensionSpec = {
	name: 'quota',
	kind: 'match',
	summary: 'match until a number of bytes has passed',
	options: [
		{ name: 'quota', invertible: true, parse: bytes('quota') },
		// The kernel does not hand the remaining budget back, so iptables -S never lists --remain.
		{ name: 'remain', parse: bytes('remain') }
	],
	check(use, ctx) {
		if (!findOption(use.options, 'quota'))
			ctx.report('error', 'quota: option --quota must be specified (the budget in bytes)');
	},
	print(o) {
		const q = findOption(o, 'quota');
		return q ? `${q.inverted ? '! ' : ''}--quota ${q.value as bigint}` : '';
	}
};
