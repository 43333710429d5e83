/** `-m quota`: the rule's byte budget; a packet that still fits matches and spends its length. */
import type { MatchCompiler } from '../compile-types';
import { opt } from './build';

export const compileQuota: MatchCompiler = (options) => {
	const q = opt(options, 'quota');
	let left = Number((q?.value as bigint | undefined) ?? 0n);
	const inv = q?.inverted ?? false;
	return {
		test(p) {
			if (left >= p.length) {
				left -= p.length;
				return !inv;
			}
			left = 0;
			return inv;
		}
	};
};
