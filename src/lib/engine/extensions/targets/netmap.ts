import { hasOption, printInOrder } from '../define';
import { hostMaskBits, parseHostMask, type HostMask } from '../nat-values';
import { formatCidr, isError } from '../../parse/values';
import type { ExtensionSpec } from '../types';

/** `-j NETMAP --to ADDR[/PLEN]`: maps a whole network 1:1 onto another (nat table). */
export const netmap: ExtensionSpec = {
	name: 'NETMAP',
	kind: 'target',
	summary: 'map a whole network 1:1 onto another of the same size (nat)',
	tables: ['nat'],
	options: [
		{
			name: 'to',
			// The kernel keeps the network's first and last address, so the host part is dropped here.
			parse([w]) {
				const h = parseHostMask(w, 'to');
				return isError(h) ? h : { address: (h.address & hostMaskBits(h)) >>> 0, prefix: h.prefix };
			}
		}
	],
	check(use, ctx) {
		if (!hasOption(use.options, 'to'))
			ctx.report('error', 'NETMAP: option --to must be specified, e.g. --to 10.1.0.0/24');
	},
	print: (options) =>
		printInOrder(options, [
			{
				name: 'to',
				format: (v: HostMask) => formatCidr({ ...v, mask: hostMaskBits(v) })
			}
		])
};
