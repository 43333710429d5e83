import { flag, printInOrder } from '../define';
import type { ExtensionSpec } from '../types';

/** `-m socket`: packets that belong to a local socket (for transparent proxying). */
export const socket: ExtensionSpec = {
	name: 'socket',
	kind: 'match',
	summary: 'packets for which a local socket exists (transparent proxying)',
	hooks: ['PREROUTING', 'INPUT'],
	options: [flag('transparent'), flag('nowildcard'), flag('restore-skmark')],
	print: (options) =>
		printInOrder(options, [
			{ name: 'transparent' },
			{ name: 'nowildcard' },
			{ name: 'restore-skmark' }
		])
};
