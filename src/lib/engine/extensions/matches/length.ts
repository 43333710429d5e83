import { hasOption, printInOrder } from '../define';
import { formatUintRange, parseUintRange } from '../group3-values';
import type { ExtensionSpec } from '../types';

/** `-m length --length MIN[:MAX]`: the IP packet's total length in bytes. */
export const length: ExtensionSpec = {
	name: 'length',
	kind: 'match',
	summary: 'IP packet length (range)',
	options: [{ name: 'length', invertible: true, parse: ([w]) => parseUintRange(w, 0xffff) }],
	check(use, ctx) {
		if (!hasOption(use.options, 'length')) {
			ctx.report(
				'error',
				'length: option --length must be specified (e.g. --length 0:128)',
				undefined,
				'missing-option'
			);
		}
	},
	print: (options) => printInOrder(options, [{ name: 'length', format: formatUintRange }])
};
