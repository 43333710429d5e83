import { unsigned } from '../define';
import { checkExclusive, hex2, lastOf, parseDscpClass, requireOne } from '../mangle-values';
import type { ExtensionSpec } from '../types';

/** `-j DSCP`: rewrites the DiffServ code point of the IP header (mangle table only). */
export const dscpTarget: ExtensionSpec = {
	name: 'DSCP',
	kind: 'target',
	summary: 'set the DSCP field of the IP header',
	tables: ['mangle'],
	options: [
		unsigned('set-dscp', 0, 63),
		{ name: 'set-dscp-class', parse: ([w]) => parseDscpClass(w) }
	],
	check(use, ctx) {
		checkExclusive('DSCP', use, ctx, ['set-dscp', 'set-dscp-class']);
		requireOne(
			use,
			ctx,
			['set-dscp', 'set-dscp-class'],
			'DSCP needs --set-dscp 0–63 or --set-dscp-class CLASS (e.g. EF)'
		);
	},
	normalize(options) {
		const o = lastOf(options, ['set-dscp', 'set-dscp-class']);
		return o ? [{ ...o, name: 'set-dscp' }] : [...options];
	},
	// A class is stored as its number, so iptables-save shows --set-dscp.
	print(options) {
		const o = lastOf(options, ['set-dscp', 'set-dscp-class']);
		return o ? `--set-dscp ${hex2(o.value as number)}` : '';
	}
};
