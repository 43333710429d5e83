import { flag, printInOrder } from '../define';
import { natPortsAllowed, parseNatPorts, type NatPorts } from '../nat-values';
import { formatToPorts } from './masquerade';
import type { ExtensionSpec } from '../types';
import { isError } from '../../parse/values';

/** `-j REDIRECT [--to-ports PORT[-PORT]]`: DNAT to the local machine (the incoming interface's address). */
export const redirect: ExtensionSpec = {
	name: 'REDIRECT',
	kind: 'target',
	summary: 'redirect new connections to a local port (nat PREROUTING, OUTPUT)',
	tables: ['nat'],
	hooks: ['PREROUTING', 'OUTPUT'],
	options: [
		{
			name: 'to-ports',
			parse([w], ctx) {
				const p = parseNatPorts(w, natPortsAllowed(ctx.rule));
				// REDIRECT still uses the compat layout, which cannot carry a base port.
				if (!isError(p) && p.base !== undefined) {
					return {
						error:
							'shifted port maps (/BASE) are not supported by REDIRECT: use -j DNAT --to-destination 127.0.0.1:PORT-PORT/BASE'
					};
				}
				return p;
			}
		},
		flag('random')
	],
	print: (options) =>
		printInOrder(options, [
			{ name: 'to-ports', format: (p: NatPorts) => formatToPorts(p, false) },
			{ name: 'random' }
		])
};
