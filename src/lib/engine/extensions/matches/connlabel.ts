import { findOption, flag, hasOption } from '../define';
import { strtoul } from '../nat-values';
import type { ExtensionSpec } from '../types';

/** The kernel keeps 128 label bits per connection. */
const LABEL_BITS = 128;

/** `-m connlabel --label BIT [--set]`: a connection label bit. */
export const connlabel: ExtensionSpec = {
	name: 'connlabel',
	kind: 'match',
	summary: 'a connection label bit (optionally setting it)',
	options: [
		{
			name: 'label',
			invertible: true,
			parse([w]) {
				const r = strtoul(w);
				if (w !== '' && r && r.rest === '' && r.value <= 0x7fffffffn) return Number(r.value);
				// Names come from /etc/xtables/connlabel.conf on the host, which nfwalk cannot see.
				return {
					error: `label "${w}" is a name from /etc/xtables/connlabel.conf, which nfwalk cannot read: write the label's bit number (0–127) instead`
				};
			}
		},
		flag('set')
	],
	check(use, ctx) {
		const label = findOption(use.options, 'label');
		if (!label)
			return ctx.report('error', 'connlabel: option --label must be specified, e.g. --label 3');
		if ((label.value as number) >= LABEL_BITS) {
			ctx.report(
				'error',
				`connlabel: label bit ${label.value} is out of range: the kernel keeps bits 0–127 (ERANGE)`,
				label.span
			);
		}
	},
	print(options) {
		const label = findOption(options, 'label');
		if (!label) return '';
		const head = `${label.inverted ? '! ' : ''}--label "${label.value}"`;
		return hasOption(options, 'set') ? `${head} --set` : head;
	}
};
