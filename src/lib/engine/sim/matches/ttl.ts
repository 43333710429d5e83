/** `-m ttl`: `--ttl-eq` (`!` makes it "not equal"), `--ttl-lt`, `--ttl-gt` (`--ttl` is normalized to `--ttl-eq`). */
import type { MatchCompiler } from '../compile-types';
import { opt } from './build';

export const compileTtl: MatchCompiler = (options) => {
	const eq = opt(options, 'ttl-eq');
	const lt = opt(options, 'ttl-lt');
	const gt = opt(options, 'ttl-gt');
	if (eq) {
		const v = eq.value as number;
		const inv = eq.inverted;
		return { test: (p) => (p.ttl === v) !== inv };
	}
	if (lt) {
		const v = lt.value as number;
		return { test: (p) => p.ttl < v };
	}
	if (gt) {
		const v = gt.value as number;
		return { test: (p) => p.ttl > v };
	}
	return { test: () => true };
};
