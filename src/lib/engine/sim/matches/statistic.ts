/**
 * `-m statistic`: nth mode is exact (the rule's counter starts at every − 1 − packet, so
 * `--every 3 --packet 0` matches the 1st, 4th, 7th packet); random mode compares a 31-bit draw
 * from `env.state.random()` (seeded by the host) with probability × 2^31. A `!` anywhere inverts.
 */
import type { MatchCompiler } from '../compile-types';
import { opt } from './build';

export const compileStatistic: MatchCompiler = (options) => {
	const inv = options.some((o) => o.inverted);
	const mode = (opt(options, 'mode')?.value as string | undefined) ?? 'random';
	if (mode === 'nth') {
		const every = ((opt(options, 'every')?.value as number | undefined) ?? 1) - 1;
		const packet = (opt(options, 'packet')?.value as number | undefined) ?? 0;
		let count = every - packet;
		return {
			test() {
				count = count === every ? 0 : count + 1;
				return (count === 0) !== inv;
			}
		};
	}
	const probability = (opt(options, 'probability')?.value as number | undefined) ?? 0;
	return {
		test: (_, env) => Math.floor(env.state.random() * 0x80000000) < probability !== inv
	};
};
