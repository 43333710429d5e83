import { flag, hasOption, printInOrder } from '../define';
import type { Parsed } from '../../parse/values';
import type { Hook } from '../../model';
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

/** The kernel ties each interface limit to the hooks that have that interface. */
const IFACE_IN_HOOKS: readonly Hook[] = ['PREROUTING', 'INPUT', 'FORWARD'];
const IFACE_OUT_HOOKS: readonly Hook[] = ['FORWARD', 'OUTPUT', 'POSTROUTING'];

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
	hooksFor(options) {
		const limitIn = hasOption(options, 'limit-iface-in');
		const limitOut = hasOption(options, 'limit-iface-out');
		// Neither: no limit. Both: refused at any hook, and check() reports that conflict.
		if (limitIn === limitOut) return undefined;
		return limitIn ? IFACE_IN_HOOKS : IFACE_OUT_HOOKS;
	},
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
		}
	},
	print: (options) =>
		printInOrder(options, [
			{ name: 'src-type', format: formatTypes },
			{ name: 'dst-type', format: formatTypes },
			{ name: 'limit-iface-in' },
			{ name: 'limit-iface-out' }
		])
};
