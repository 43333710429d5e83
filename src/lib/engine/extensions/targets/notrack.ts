import type { ExtensionSpec } from '../types';

/** `-j NOTRACK`: exempts the packet from connection tracking (the same as `-j CT --notrack`). */
export const notrack: ExtensionSpec = {
	name: 'NOTRACK',
	kind: 'target',
	summary: 'exempt the packet from connection tracking (raw)',
	tables: ['raw'],
	options: [],
	print: () => ''
};
