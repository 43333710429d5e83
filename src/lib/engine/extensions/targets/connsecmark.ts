import { flag, hasOption } from '../define';
import { checkExclusive, requireOne } from '../mangle-values';
import type { ExtensionSpec } from '../types';

/** `-j CONNSECMARK`: copies the SELinux packet label to the connection (--save) or back (--restore). */
export const connsecmark: ExtensionSpec = {
	name: 'CONNSECMARK',
	kind: 'target',
	summary: 'copy the SELinux label between packet and connection',
	tables: ['mangle', 'security'],
	options: [flag('save'), flag('restore')],
	check(use, ctx) {
		checkExclusive('CONNSECMARK', use, ctx, ['save', 'restore']);
		requireOne(use, ctx, ['save', 'restore'], 'CONNSECMARK needs --save or --restore');
	},
	print: (options) =>
		hasOption(options, 'save') ? '--save' : hasOption(options, 'restore') ? '--restore' : ''
};
