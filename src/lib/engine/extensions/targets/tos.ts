import { unsigned } from '../define';
import {
	checkExclusive,
	hex2,
	lastOf,
	parseTosMask,
	requireOne,
	type TosMask
} from '../mangle-values';
import type { ExtensionSpec } from '../types';

const ACTIONS = ['set-tos', 'and-tos', 'or-tos', 'xor-tos'] as const;

/** The action as revision 1 stores it: clear `mask`, then XOR `value`. */
function stored(name: string, value: unknown): TosMask {
	const n = value as number;
	switch (name) {
		case 'and-tos':
			return { value: 0, mask: ~n & 0xff };
		case 'or-tos':
			return { value: n, mask: n };
		case 'xor-tos':
			return { value: n, mask: 0 };
		default:
			return value as TosMask;
	}
}

/** `-j TOS`: rewrites the IPv4 Type of Service byte (mangle table only). */
export const tosTarget: ExtensionSpec = {
	name: 'TOS',
	kind: 'target',
	summary: 'set or change the IPv4 TOS byte',
	tables: ['mangle'],
	options: [
		{ name: 'set-tos', parse: ([w]) => parseTosMask(w) },
		unsigned('and-tos', 0, 255),
		unsigned('or-tos', 0, 255),
		unsigned('xor-tos', 0, 255)
	],
	check(use, ctx) {
		checkExclusive('TOS', use, ctx, ACTIONS);
		requireOne(
			use,
			ctx,
			ACTIONS,
			'TOS needs an action: --set-tos VALUE[/MASK], --and-tos, --or-tos or --xor-tos'
		);
	},
	normalize(options) {
		const o = lastOf(options, ACTIONS);
		return o ? [{ ...o, name: 'set-tos', value: stored(o.name, o.value) }] : [...options];
	},
	print(options) {
		const o = lastOf(options, ACTIONS);
		if (!o) return '';
		const t = stored(o.name, o.value);
		return `--set-tos ${hex2(t.value)}/${hex2(t.mask)}`;
	}
};
