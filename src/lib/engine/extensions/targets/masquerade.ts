import { flag, printInOrder } from '../define';
import { natPortsAllowed, parseNatPorts, type NatPorts } from '../nat-values';
import type { ExtensionSpec } from '../types';

/** `--to-ports` lists like a NAT range without its colon; the compat layout has no base port, so a shift lists as `/0`. */
export const formatToPorts = (p: NatPorts, compat: boolean) =>
	`${p.min}${p.max !== p.min ? '-' + p.max : ''}${p.base !== undefined ? '/' + (compat ? 0 : p.base) : ''}`;

/** `-j MASQUERADE [--to-ports PORT[-PORT]]`: SNAT to the outgoing interface's address. */
export const masquerade: ExtensionSpec = {
	name: 'MASQUERADE',
	kind: 'target',
	summary: "SNAT to the outgoing interface's address (nat POSTROUTING)",
	tables: ['nat'],
	hooks: ['POSTROUTING'],
	options: [
		{ name: 'to-ports', parse: ([w], ctx) => parseNatPorts(w, natPortsAllowed(ctx.rule)) },
		flag('random'),
		flag('random-fully')
	],
	print: (options) =>
		printInOrder(options, [
			{ name: 'to-ports', format: (p: NatPorts) => formatToPorts(p, true) },
			{ name: 'random' },
			{ name: 'random-fully' }
		])
};
