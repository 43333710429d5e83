import { hasOption, printInOrder } from '../define';
import { hex32, markMask } from '../nat-values';
import type { ExtensionSpec } from '../types';

/** `-m connmark --mark VALUE[/MASK]`: the connection's mark. */
export const connmark: ExtensionSpec = {
	name: 'connmark',
	kind: 'match',
	summary: "the connection's mark (set with -j CONNMARK)",
	options: [{ name: 'mark', invertible: true, parse: ([w]) => markMask(w, 'mark') }],
	check(use, ctx) {
		if (!hasOption(use.options, 'mark'))
			ctx.report('error', 'connmark: option --mark must be specified, e.g. --mark 0x1/0xff');
	},
	print: (options) =>
		printInOrder(options, [
			{
				name: 'mark',
				format: (v: { value: number; mask: number }) =>
					hex32(v.value) + (v.mask === 0xffffffff ? '' : '/' + hex32(v.mask))
			}
		])
};
