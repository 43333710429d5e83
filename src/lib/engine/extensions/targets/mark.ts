import { unsigned } from '../define';
import { hex, isError, parseValueMask, type Parsed, type ValueMask } from '../../parse/values';
import { checkExclusive, lastOf, requireOne } from '../mangle-values';
import type { ExtensionSpec } from '../types';

const ACTIONS = ['set-xmark', 'set-mark', 'and-mark', 'or-mark', 'xor-mark'] as const;

function markMask(name: string) {
	return ([w]: string[]): Parsed<ValueMask> => {
		const v = parseValueMask(w);
		return isError(v)
			? { error: `--${name} takes VALUE[/MASK] with 32-bit numbers, e.g. 0x10/0xff, not "${w}"` }
			: v;
	};
}

/** Every MARK action as the kernel's revision 2 stores it: clear `mask`, then XOR `mark`. */
function xmark(name: string, value: unknown): ValueMask {
	const n = value as number;
	switch (name) {
		case 'set-mark': {
			const v = value as ValueMask;
			return { value: v.value, mask: (v.value | v.mask) >>> 0 };
		}
		case 'and-mark':
			return { value: 0, mask: ~n >>> 0 };
		case 'or-mark':
			return { value: n, mask: n };
		case 'xor-mark':
			return { value: n, mask: 0 };
		default:
			return value as ValueMask;
	}
}

/** `-j MARK`: sets the packet's firewall mark (nfmark), e.g. for policy routing. */
export const markTarget: ExtensionSpec = {
	name: 'MARK',
	kind: 'target',
	summary: "set or change the packet's firewall mark",
	options: [
		{ name: 'set-xmark', parse: markMask('set-xmark') },
		{ name: 'set-mark', parse: markMask('set-mark') },
		unsigned('and-mark', 0, 0xffffffff),
		unsigned('or-mark', 0, 0xffffffff),
		unsigned('xor-mark', 0, 0xffffffff)
	],
	check(use, ctx) {
		checkExclusive('MARK', use, ctx, ACTIONS);
		requireOne(
			use,
			ctx,
			ACTIONS,
			'MARK needs an action: --set-mark, --set-xmark, --and-mark, --or-mark or --xor-mark'
		);
	},
	normalize(options) {
		const o = lastOf(options, ACTIONS);
		return o ? [{ ...o, name: 'set-xmark', value: xmark(o.name, o.value) }] : [...options];
	},
	// Whatever was written, iptables-save shows the stored form `--set-xmark VALUE/MASK`.
	print(options) {
		const o = lastOf(options, ACTIONS);
		if (!o) return '';
		const x = xmark(o.name, o.value);
		return `--set-xmark ${hex(x.value)}/${hex(x.mask)}`;
	}
};
