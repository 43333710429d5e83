import { printOption, unsigned } from '../define';
import { checkExclusive, hex2, lastOf, parseDscpClass, requireOne } from '../mangle-values';
import type { ExtensionSpec } from '../types';

/** `-m dscp`: matches the DiffServ code point of the IP header. */
export const dscp: ExtensionSpec = {
	name: 'dscp',
	kind: 'match',
	summary: 'the DSCP field of the IP header',
	options: [
		unsigned('dscp', 0, 63, { invertible: true }),
		{ name: 'dscp-class', invertible: true, parse: ([w]) => parseDscpClass(w) }
	],
	check(use, ctx) {
		checkExclusive('dscp', use, ctx, ['dscp', 'dscp-class']);
		requireOne(
			use,
			ctx,
			['dscp', 'dscp-class'],
			'dscp needs --dscp 0–63 or --dscp-class CLASS (e.g. EF)'
		);
	},
	normalize(options) {
		const o = lastOf(options, ['dscp', 'dscp-class']);
		return o ? [{ ...o, name: 'dscp' }] : [...options];
	},
	// A class is stored as its number, so iptables-save shows --dscp.
	print(options) {
		const o = lastOf(options, ['dscp', 'dscp-class']);
		return o ? printOption('dscp', o.inverted, hex2(o.value as number)) : '';
	}
};
