import { printInOrder, text, hasOption } from '../define';
import { saveString } from '../../parse/values';
import type { ExtensionSpec } from '../types';

/** `-m comment --comment TEXT`: never affects matching; the kernel keeps 255 characters. */
export const comment: ExtensionSpec = {
	name: 'comment',
	kind: 'match',
	summary: 'a note on the rule; never affects matching',
	// iptables 1.8.9 accepts longer text and the kernel silently truncates it to 255 (semantics §2.8).
	options: [text('comment')],
	check(use, ctx) {
		if (!hasOption(use.options, 'comment')) {
			ctx.report('error', 'comment: option --comment must be specified');
		}
	},
	print: (options) =>
		printInOrder(options, [{ name: 'comment', format: (v: string) => saveString(v) }])
};
