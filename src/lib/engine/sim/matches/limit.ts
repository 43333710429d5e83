/**
 * `-m limit`: xt_limit's token bucket, replayed on `packet.time`. The kernel counts in jiffies
 * and "credits": the bucket starts full (burst × cost), gains CREDITS_PER_JIFFY per jiffy up to
 * that cap, and a packet matches when at least one cost of credit is left, which it spends.
 * nfwalk assumes HZ = 250 (the Debian/Ubuntu kernels' setting); only sub-4 ms timing differs.
 * The bucket belongs to the rule and starts full when the scenario starts.
 */
import type { MatchCompiler } from '../compile-types';
import { opt } from './build';

export const HZ = 250;
/** xt_limit: the largest power of two with CPJ × HZ × 86400 < 2^32 (one day without overflow). */
const CREDITS_PER_JIFFY = 2 ** Math.floor(Math.log2(Math.floor(0xffffffff / (HZ * 60 * 60 * 24))));
const LIMIT_SCALE = 10000;

/** xt_limit's user2credits, in its 32-bit arithmetic. */
function userToCredits(user: number): number {
	if (user > Math.floor(0xffffffff / (HZ * CREDITS_PER_JIFFY)))
		return Math.floor(user / LIMIT_SCALE) * HZ * CREDITS_PER_JIFFY;
	return Math.floor((user * HZ * CREDITS_PER_JIFFY) / LIMIT_SCALE);
}

export const compileLimit: MatchCompiler = (options) => {
	const avg = (opt(options, 'limit')?.value as number | undefined) ?? (LIMIT_SCALE * 3600) / 3;
	const burst = (opt(options, 'limit-burst')?.value as number | undefined) ?? 5;
	const cap = userToCredits(avg * burst);
	const cost = userToCredits(avg);
	let credit = cap;
	let prev = 0;
	return {
		test(p) {
			const now = Math.floor(p.time * HZ);
			credit = Math.min(cap, credit + Math.max(0, now - prev) * CREDITS_PER_JIFFY);
			prev = Math.max(prev, now);
			if (credit >= cost) {
				credit -= cost;
				return true;
			}
			return false;
		}
	};
};
