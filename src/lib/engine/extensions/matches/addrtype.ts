import { flag, hasOption, printInOrder } from '../define';
import type { Parsed } from '../../parse/values';
import { requireHooks } from '../group3-values';
import type { ExtensionSpec } from '../types';

/** Route types in kernel order (RTN_*); bit i of the mask stands for entry i. */
const TYPES = [
	'UNSPEC',
	'UNICAST',
	'LOCAL',
	'BROADCAST',
	'ANYCAST',
	'MULTICAST',
	'BLACKHOLE',
	'UNREACHABLE',
	'PROHIBIT',
	'THROW',
	'NAT',
	'XRESOLVE'
];

function parseTypes(text: string): Parsed<number> {
	let mask = 0;
	for (const word of text.split(',')) {
		const i = TYPES.indexOf(word.toUpperCase());
		if (i < 0)
			return { error: `bad address type "${word}": use ${TYPES.join(', ')} (comma-separated)` };
		mask |= 1 << i;
	}
	return mask;
}

const formatTypes = (mask: number) => TYPES.filter((_, i) => mask & (1 << i)).join(',');

/** `-m addrtype --dst-type LOCAL`: the routing type of the source/destination address. */
export const addrtype: ExtensionSpec = {
	name: 'addrtype',
	kind: 'match',
	summary: 'address type (LOCAL, BROADCAST, MULTICAST …) of source/destination',
	options: [
		{ name: 'src-type', invertible: true, parse: ([w]) => parseTypes(w) },
		{ name: 'dst-type', invertible: true, parse: ([w]) => parseTypes(w) },
		flag('limit-iface-in'),
		flag('limit-iface-out')
	],
	check(use, ctx) {
		const has = (n: string) => hasOption(use.options, n);
		if (!has('src-type') && !has('dst-type')) {
			ctx.report(
				'error',
				'addrtype: you must specify --src-type or --dst-type',
				undefined,
				'missing-option'
			);
			return;
		}
		if (has('limit-iface-in') && has('limit-iface-out')) {
			ctx.report(
				'error',
				'addrtype: --limit-iface-in and --limit-iface-out cannot be combined: keep one',
				undefined,
				'conflicting-options'
			);
			return;
		}
		// The kernel ties each interface limit to the hooks that have that interface.
		if (has('limit-iface-in'))
			requireHooks(ctx, ['PREROUTING', 'INPUT', 'FORWARD'], 'addrtype --limit-iface-in');
		if (has('limit-iface-out'))
			requireHooks(ctx, ['FORWARD', 'OUTPUT', 'POSTROUTING'], 'addrtype --limit-iface-out');
	},
	print: (options) =>
		printInOrder(options, [
			{ name: 'src-type', format: formatTypes },
			{ name: 'dst-type', format: formatTypes },
			{ name: 'limit-iface-in' },
			{ name: 'limit-iface-out' }
		])
};
