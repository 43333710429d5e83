import { findOption, printInOrder, unsigned } from '../define';
import { saveString } from '../../parse/values';
import type { OptionValue } from '../../model';
import { checkExclusive, logPrefix, sortedBy } from '../mangle-values';
import type { ExtensionSpec } from '../types';

const ORDER = ['nflog-prefix', 'nflog-group', 'nflog-size', 'nflog-range', 'nflog-threshold'];

/** Group 0, threshold 0 and range 0 are the defaults iptables-save leaves out; --nflog-size is always shown. */
const withoutDefaults = (options: readonly OptionValue[]) =>
	options.filter(
		(o) => !(['nflog-group', 'nflog-range', 'nflog-threshold'].includes(o.name) && o.value === 0)
	);

/** `-j NFLOG`: hands the packet to a userspace logger (ulogd) over nfnetlink, then continues. */
export const nflog: ExtensionSpec = {
	name: 'NFLOG',
	kind: 'target',
	summary: 'log the packet through nfnetlink_log (ulogd), then continue',
	options: [
		unsigned('nflog-group', 0, 65535),
		// char prefix[64]: legacy keeps 63 bytes of a longer prefix.
		{ name: 'nflog-prefix', parse: logPrefix('nflog-prefix', 63) },
		unsigned('nflog-range', 0, 0xffffffff),
		unsigned('nflog-size', 0, 0xffffffff),
		unsigned('nflog-threshold', 0, 65535)
	],
	check(use, ctx) {
		checkExclusive('NFLOG', use, ctx, ['nflog-range', 'nflog-size']);
		const range = findOption(use.options, 'nflog-range');
		if (range) {
			ctx.report(
				'warning',
				'NFLOG: --nflog-range has never had an effect; use --nflog-size to limit the bytes copied',
				range.span,
				'deprecated-option'
			);
		}
	},
	normalize: (options) => sortedBy(withoutDefaults(options), ORDER),
	print: (options) =>
		printInOrder(
			withoutDefaults(options),
			ORDER.map((name) =>
				name === 'nflog-prefix' ? { name, format: (v: string) => saveString(v) } : { name }
			)
		)
};
