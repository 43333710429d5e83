/** `-j MARK`: the parser stores every spelling as `--set-xmark VALUE/MASK` (revision 2). */
import type { ValueMask } from '../../parse/values';
import type { TargetCompiler } from '../compile-types';
import { optionValue } from './target-values';

export const compileMark: TargetCompiler = (options) => {
	const x = optionValue<ValueMask>(options, 'set-xmark') ?? { value: 0, mask: 0 };
	return {
		run(p) {
			const before = p.mark;
			// xt_mark mark_tg: skb->mark = (skb->mark & ~info->mask) ^ info->mark.
			p.mark = ((before & ~x.mask) ^ x.value) >>> 0;
			return { verdict: 'CONTINUE', effect: { type: 'mark', before, after: p.mark } };
		}
	};
};
