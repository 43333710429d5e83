import { flag, hasOption, printInOrder } from '../define';
import { formatNatRange, natPortsAllowed, parseNatRange, type NatRange } from '../nat-values';
import type { ExtensionSpec } from '../types';

/** `-j DNAT --to-destination ADDR[-ADDR][:PORT[-PORT[/BASE]]]`: rewrites the destination of a new connection. */
export const dnat: ExtensionSpec = {
	name: 'DNAT',
	kind: 'target',
	summary: 'rewrite the destination address/port of new connections (nat PREROUTING, OUTPUT)',
	tables: ['nat'],
	hooks: ['PREROUTING', 'OUTPUT'],
	options: [
		{
			name: 'to-destination',
			// Ports are allowed only if -p came earlier on the line, as iptables parses in order.
			parse: ([w], ctx) => parseNatRange(w, natPortsAllowed(ctx.rule))
		},
		flag('random'),
		flag('persistent')
	],
	check(use, ctx) {
		if (!hasOption(use.options, 'to-destination')) {
			ctx.report(
				'error',
				'DNAT: option --to-destination must be specified, e.g. --to-destination 10.0.0.2:8080'
			);
		}
	},
	print: (options) =>
		printInOrder(options, [
			{ name: 'to-destination', format: (v: NatRange) => formatNatRange(v) },
			{ name: 'random' },
			{ name: 'persistent' }
		])
};
