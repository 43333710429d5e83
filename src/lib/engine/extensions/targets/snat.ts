import { flag, hasOption, printInOrder } from '../define';
import { formatNatRange, natPortsAllowed, parseNatRange, type NatRange } from '../nat-values';
import type { ExtensionSpec } from '../types';

/** SNAT keeps the range in the old compat layout, which has no base port: a shift lists as `/0`. */
export function formatCompatRange(v: NatRange): string {
	return formatNatRange(v.ports?.base !== undefined ? { ...v, ports: { ...v.ports, base: 0 } } : v);
}

/** `-j SNAT --to-source ADDR[-ADDR][:PORT[-PORT]]`: rewrites the source of a new connection. */
export const snat: ExtensionSpec = {
	name: 'SNAT',
	kind: 'target',
	summary: 'rewrite the source address/port of new connections (nat POSTROUTING, INPUT)',
	tables: ['nat'],
	hooks: ['POSTROUTING', 'INPUT'],
	options: [
		{ name: 'to-source', parse: ([w], ctx) => parseNatRange(w, natPortsAllowed(ctx.rule)) },
		flag('random'),
		flag('random-fully'),
		flag('persistent')
	],
	check(use, ctx) {
		if (!hasOption(use.options, 'to-source')) {
			ctx.report(
				'error',
				'SNAT: option --to-source must be specified, e.g. --to-source 192.0.2.1 (or use -j MASQUERADE)'
			);
		}
	},
	print: (options) =>
		printInOrder(options, [
			{ name: 'to-source', format: formatCompatRange },
			{ name: 'random' },
			{ name: 'random-fully' },
			{ name: 'persistent' }
		])
};
