import { findOption, flag, hasOption, printInOrder } from '../define';
import type { Hook } from '../../model';
import type { Parsed } from '../../parse/values';
import type { ExtensionSpec } from '../types';

/**
 * Every hook but OUTPUT: locally generated packets are not bridged yet there, so their out port
 * is unknown. The kernel only warns about FORWARD and POSTROUTING, where the port is known for
 * bridged traffic only.
 */
const OUT_PORT_HOOKS: readonly Hook[] = ['PREROUTING', 'INPUT', 'FORWARD', 'POSTROUTING'];

function iface(w: string): Parsed<string> {
	if (w.length >= 16)
		return { error: `interface name "${w}" is longer than 15 characters (IFNAMSIZ)` };
	return w;
}

/** `-m physdev --physdev-in/--physdev-out/--physdev-is-bridged`: bridge ports of bridged traffic. */
export const physdev: ExtensionSpec = {
	name: 'physdev',
	kind: 'match',
	summary: 'bridge port a bridged packet entered or leaves by',
	options: [
		{ name: 'physdev-in', invertible: true, parse: ([w]) => iface(w) },
		{ name: 'physdev-out', invertible: true, parse: ([w]) => iface(w) },
		flag('physdev-is-in', { invertible: true }),
		flag('physdev-is-out', { invertible: true }),
		flag('physdev-is-bridged', { invertible: true })
	],
	hooksFor(options) {
		const out = hasOption(options, 'physdev-out') || hasOption(options, 'physdev-is-out');
		const bridged = findOption(options, 'physdev-is-bridged');
		return out && (!bridged || bridged.inverted) ? OUT_PORT_HOOKS : undefined;
	},
	check(use, ctx) {
		if (use.options.length === 0) {
			ctx.report(
				'error',
				'physdev: give at least one option, e.g. --physdev-in PORT or --physdev-is-bridged',
				undefined,
				'missing-option'
			);
		}
	},
	print: (options) =>
		printInOrder(options, [
			{ name: 'physdev-is-in' },
			{ name: 'physdev-in' },
			{ name: 'physdev-is-out' },
			{ name: 'physdev-out' },
			{ name: 'physdev-is-bridged' }
		])
};
