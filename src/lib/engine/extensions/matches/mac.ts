import { hasOption, printInOrder } from '../define';
import type { Parsed } from '../../parse/values';
import type { ExtensionSpec } from '../types';

/** Exactly six two-digit hex bytes separated by colons, as xtables' ethermac type demands. */
function parseMac(w: string): Parsed<string> {
	if (!/^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/.test(w)) {
		return {
			error: `invalid MAC address "${w}": write six two-digit hex bytes, e.g. 00:11:22:aa:bb:cc`
		};
	}
	return w.toUpperCase();
}

/** `-m mac --mac-source XX:XX:XX:XX:XX:XX`: the Ethernet source address. */
export const mac: ExtensionSpec = {
	name: 'mac',
	kind: 'match',
	summary: 'Ethernet source address',
	// Only packets that arrived on an Ethernet device have a source MAC.
	hooks: ['PREROUTING', 'INPUT', 'FORWARD'],
	options: [{ name: 'mac-source', invertible: true, parse: ([w]) => parseMac(w) }],
	check(use, ctx) {
		if (!hasOption(use.options, 'mac-source')) {
			ctx.report(
				'error',
				'mac: option --mac-source must be specified',
				undefined,
				'missing-option'
			);
		}
	},
	print: (options) => printInOrder(options, [{ name: 'mac-source' }])
};
