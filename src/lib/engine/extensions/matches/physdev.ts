import { findOption, flag, printInOrder } from '../define';
import type { Parsed } from '../../parse/values';
import { chainHook } from '../group3-values';
import type { ExtensionSpec } from '../types';

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
	check(use, ctx) {
		if (use.options.length === 0) {
			ctx.report(
				'error',
				'physdev: give at least one option, e.g. --physdev-in PORT or --physdev-is-bridged',
				undefined,
				'missing-option'
			);
			return;
		}
		// Locally generated packets are not bridged yet in OUTPUT, so the out port is unknown there.
		const out = findOption(use.options, 'physdev-out') ?? findOption(use.options, 'physdev-is-out');
		const bridged = findOption(use.options, 'physdev-is-bridged');
		if (out && (!bridged || bridged.inverted) && chainHook(ctx) === 'OUTPUT') {
			ctx.report(
				'error',
				'physdev: --physdev-out/--physdev-is-out in OUTPUT needs --physdev-is-bridged; the kernel refuses it (EINVAL): match the bridge port in FORWARD or POSTROUTING',
				undefined,
				'wrong-hook'
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
