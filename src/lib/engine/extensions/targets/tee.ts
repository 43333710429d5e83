import { findOption, printInOrder, text } from '../define';
import type { ExtensionSpec } from '../types';
import { formatIPv4, parseIPv4, type Parsed } from '../../parse/values';

/** `-j TEE --gateway ADDR`: sends a copy of the packet to another host; the original continues. */
export const tee: ExtensionSpec = {
	name: 'TEE',
	kind: 'target',
	summary: 'clone the packet to a gateway on the local network',
	options: [
		{
			name: 'gateway',
			parse: ([w]): Parsed<number> =>
				parseIPv4(w) ?? {
					error: `--gateway "${w}" is not an IPv4 address (nfwalk does not resolve host names)`
				}
		},
		text('oif', 15)
	],
	check(use, ctx) {
		const gw = findOption(use.options, 'gateway');
		if (!gw)
			ctx.report(
				'error',
				'TEE: option --gateway must be specified (the host that receives the copies)'
			);
		else if (gw.value === 0)
			ctx.report(
				'error',
				'TEE: --gateway 0.0.0.0 is refused by the kernel (EINVAL): give the address of the receiving host'
			);
	},
	print: (o) =>
		printInOrder(o, [{ name: 'gateway', format: (n: number) => formatIPv4(n) }, { name: 'oif' }])
};
