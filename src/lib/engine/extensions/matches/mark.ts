import { findOption, printOption } from '../define';
import { hex, isError, parseValueMask, type ValueMask } from '../../parse/values';
import { requireOne } from '../mangle-values';
import type { ExtensionSpec } from '../types';

/** `-m mark --mark VALUE[/MASK]`: matches the packet's firewall mark (nfmark & MASK == VALUE). */
export const mark: ExtensionSpec = {
	name: 'mark',
	kind: 'match',
	summary: "the packet's firewall mark (nfmark)",
	options: [
		{
			name: 'mark',
			invertible: true,
			parse: ([w]) => {
				const v = parseValueMask(w);
				return isError(v)
					? { error: `--mark takes VALUE[/MASK] with 32-bit numbers, e.g. 0x1/0xff, not "${w}"` }
					: v;
			}
		}
	],
	check(use, ctx) {
		requireOne(use, ctx, ['mark'], 'mark: option --mark must be specified (VALUE[/MASK])');
	},
	// A full mask is left out; value and mask print in hex as given, unmasked.
	print(options) {
		const o = findOption(options, 'mark');
		if (!o) return '';
		const v = o.value as ValueMask;
		return printOption(
			'mark',
			o.inverted,
			v.mask === 0xffffffff ? hex(v.value) : `${hex(v.value)}/${hex(v.mask)}`
		);
	}
};
