import type { ExtensionSpec } from '../types';

/** `-j TRACE`: logs every rule the packet passes from here on. */
export const trace: ExtensionSpec = {
	name: 'TRACE',
	kind: 'target',
	summary: 'log every rule the packet traverses (raw)',
	tables: ['raw'],
	options: [],
	print: () => ''
};
