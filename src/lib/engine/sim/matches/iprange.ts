/** `-m iprange`: source/destination within an inclusive address range. */
import type { AddressRange } from '../../extensions/matches/iprange';
import type { MatchCompiler } from '../compile-types';
import { allOf, inRange, opt, type Test } from './build';

export const compileIprange: MatchCompiler = (options) => {
	const tests: Test[] = [];
	const s = opt(options, 'src-range');
	if (s) {
		const { from, to } = s.value as AddressRange;
		const inv = s.inverted;
		tests.push((p) => inRange(p.src >>> 0, from >>> 0, to >>> 0, inv));
	}
	const d = opt(options, 'dst-range');
	if (d) {
		const { from, to } = d.value as AddressRange;
		const inv = d.inverted;
		tests.push((p) => inRange(p.dst >>> 0, from >>> 0, to >>> 0, inv));
	}
	return allOf(tests);
};
