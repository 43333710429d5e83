/** `-m length`: the IP total length within MIN:MAX. */
import type { UintRange } from '../../extensions/group3-values';
import type { MatchCompiler } from '../compile-types';
import { inRange, opt } from './build';

export const compileLength: MatchCompiler = (options) => {
	const o = opt(options, 'length');
	if (!o) return { test: () => true };
	const { from, to } = o.value as UintRange;
	const inv = o.inverted;
	return { test: (p) => inRange(p.length, from, to, inv) };
};
