import { findOption, flag, hasOption } from '../define';
import { wholeUint } from '../nat-values';
import type { ExtensionSpec } from '../types';

/** `-m connlimit`: how many connections the source (or destination) network has open. */
export const connlimit: ExtensionSpec = {
	name: 'connlimit',
	kind: 'match',
	summary: 'number of open connections per source/destination address or network',
	options: [
		{
			name: 'connlimit-upto',
			invertible: true,
			parse: ([w]) => wholeUint(w, 0, 0xffffffff, 'connlimit-upto')
		},
		{
			name: 'connlimit-above',
			invertible: true,
			parse: ([w]) => wholeUint(w, 0, 0xffffffff, 'connlimit-above')
		},
		{ name: 'connlimit-mask', parse: ([w]) => wholeUint(w, 0, 32, 'connlimit-mask') },
		flag('connlimit-saddr'),
		flag('connlimit-daddr')
	],
	check(use, ctx) {
		const has = (n: string) => hasOption(use.options, n);
		if (has('connlimit-upto') && has('connlimit-above')) {
			ctx.report(
				'error',
				'connlimit: --connlimit-upto and --connlimit-above cannot be combined (one is the inverse of the other): keep one'
			);
		} else if (!has('connlimit-upto') && !has('connlimit-above')) {
			ctx.report('error', 'connlimit: you must specify --connlimit-above N or --connlimit-upto N');
		}
		if (has('connlimit-saddr') && has('connlimit-daddr')) {
			ctx.report(
				'error',
				'connlimit: --connlimit-saddr and --connlimit-daddr cannot be combined: count per source or per destination'
			);
		}
	},
	// Stored as a limit plus an "upto" flag, so `! --connlimit-above N` lists as `--connlimit-upto N`.
	// The kernel always stores a mask and a direction, and iptables lists both.
	defaults: (options) => [
		{ name: 'connlimit-mask', value: 32 },
		...(hasOption(options, 'connlimit-daddr') ? [] : [{ name: 'connlimit-saddr', value: true }])
	],
	// One spelling in the model too: `! --connlimit-upto N` is `--connlimit-above N`.
	normalize: (options) =>
		options.map((o) =>
			o.inverted && (o.name === 'connlimit-upto' || o.name === 'connlimit-above')
				? {
						...o,
						name: o.name === 'connlimit-upto' ? 'connlimit-above' : 'connlimit-upto',
						inverted: false
					}
				: o
		),
	print(options) {
		const limit = findOption(options, 'connlimit-upto') ?? findOption(options, 'connlimit-above');
		if (!limit) return '';
		const upto = (limit.name === 'connlimit-upto') !== limit.inverted;
		const mask = (findOption(options, 'connlimit-mask')?.value as number | undefined) ?? 32;
		const dir = hasOption(options, 'connlimit-daddr') ? 'daddr' : 'saddr';
		return `--connlimit-${upto ? 'upto' : 'above'} ${limit.value} --connlimit-mask ${mask} --connlimit-${dir}`;
	}
};
