import { hasOption, printInOrder, text } from '../define';
import { saveString } from '../../parse/values';
import type { ExtensionSpec } from '../types';

/** `-m helper --helper NAME`: packets of connections a conntrack helper (ftp, sip, …) looks after. */
export const helper: ExtensionSpec = {
	name: 'helper',
	kind: 'match',
	summary: 'connections handled by a conntrack helper such as ftp or sip',
	options: [text('helper', 29, { invertible: true })],
	check(use, ctx) {
		if (!hasOption(use.options, 'helper'))
			ctx.report('error', 'helper: option --helper must be specified, e.g. --helper ftp');
	},
	print: (options) =>
		printInOrder(options, [{ name: 'helper', format: (v: string) => saveString(v) }])
};
