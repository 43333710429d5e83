/** `-j TOS`: every spelling is stored as `--set-tos VALUE/MASK` (revision 1). */
import type { TosMask } from '../../extensions/mangle-values';
import type { TargetCompiler } from '../compile-types';
import { optionValue } from './target-values';

export const compileTos: TargetCompiler = (options) => {
	const t = optionValue<TosMask>(options, 'set-tos') ?? { value: 0, mask: 0 };
	return {
		run(p) {
			const before = p.tos;
			// xt_DSCP tos_tg: nv = (orig & ~tos_mask) ^ tos_value — the whole byte, ECN bits included.
			p.tos = ((before & ~t.mask) ^ t.value) & 0xff;
			return { verdict: 'CONTINUE', effect: { type: 'tos', before, after: p.tos } };
		}
	};
};
