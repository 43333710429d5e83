import { findOption, printInOrder, text } from '../define';
import type { ExtensionSpec } from '../types';

/** `-m nfacct --nfacct-name NAME`: counts packets in an extended accounting object; always matches. */
export const nfacct: ExtensionSpec = {
	name: 'nfacct',
	kind: 'match',
	summary: 'count packets in an nfacct accounting object (always matches)',
	options: [text('nfacct-name', 31)],
	check(use, ctx) {
		const name = findOption(use.options, 'nfacct-name');
		if (!name) {
			ctx.report('error', 'nfacct: option --nfacct-name must be specified');
			return;
		}
		ctx.report(
			'warning',
			`nfacct object "${name.value as string}" is created on the host (nfacct add ${name.value as string}), not in the rule set: the kernel refuses the rule if it does not exist`,
			undefined,
			'unknown-nfacct'
		);
	},
	print: (o) => printInOrder(o, [{ name: 'nfacct-name' }])
};
