import { hasOption, printInOrder, unsigned } from '../define';
import type { ExtensionSpec } from '../types';

/** `-m cpu --cpu N`: the CPU handling the packet. */
export const cpu: ExtensionSpec = {
	name: 'cpu',
	kind: 'match',
	summary: 'the CPU processing the packet',
	options: [unsigned('cpu', 0, 0xffffffff, { invertible: true })],
	check(use, ctx) {
		if (!hasOption(use.options, 'cpu'))
			ctx.report(
				'error',
				'cpu: option --cpu must be specified (a CPU number)',
				undefined,
				'missing-option'
			);
	},
	print: (options) => printInOrder(options, [{ name: 'cpu' }])
};
