import { findOption, printOption } from '../define';
import { hex2, parseTosMask, requireOne, type TosMask } from '../mangle-values';
import type { ExtensionSpec } from '../types';

/** `-m tos --tos VALUE[/MASK]`: matches the IPv4 TOS byte (TOS & MASK == VALUE). */
export const tos: ExtensionSpec = {
	name: 'tos',
	kind: 'match',
	summary: 'the IPv4 TOS byte',
	options: [{ name: 'tos', invertible: true, parse: ([w]) => parseTosMask(w) }],
	check(use, ctx) {
		requireOne(
			use,
			ctx,
			['tos'],
			'tos: option --tos must be specified (VALUE[/MASK] or a name such as Minimize-Delay)'
		);
	},
	print(options) {
		const o = findOption(options, 'tos');
		if (!o) return '';
		const t = o.value as TosMask;
		return printOption('tos', o.inverted, `${hex2(t.value)}/${hex2(t.mask)}`);
	}
};
