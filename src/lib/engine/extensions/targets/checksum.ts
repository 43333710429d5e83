import { flag, hasOption } from '../define';
import { requireOne } from '../mangle-values';
import type { ExtensionSpec } from '../types';

/** `-j CHECKSUM --checksum-fill`: computes a missing checksum in software (mangle table only). */
export const checksum: ExtensionSpec = {
	name: 'CHECKSUM',
	kind: 'target',
	summary: 'fill in a missing checksum (for old DHCP clients on virtual networks)',
	tables: ['mangle'],
	options: [flag('checksum-fill')],
	check(use, ctx) {
		requireOne(use, ctx, ['checksum-fill'], 'CHECKSUM: option --checksum-fill must be specified');
	},
	print: (options) => (hasOption(options, 'checksum-fill') ? '--checksum-fill' : '')
};
