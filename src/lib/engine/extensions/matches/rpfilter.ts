import { flag, printInOrder } from '../define';
import type { ExtensionSpec } from '../types';

/** `-m rpfilter [--loose] [--validmark] [--accept-local] [--invert]`: reverse-path filtering. */
export const rpfilter: ExtensionSpec = {
	name: 'rpfilter',
	kind: 'match',
	summary: 'reverse-path check: would the reply route back out the incoming interface',
	tables: ['raw', 'mangle'],
	hooks: ['PREROUTING'],
	options: [flag('loose'), flag('validmark'), flag('accept-local'), flag('invert')],
	print: (options) =>
		printInOrder(options, [
			{ name: 'loose' },
			{ name: 'validmark' },
			{ name: 'accept-local' },
			{ name: 'invert' }
		])
};
