/**
 * `-m connlimit`: xt_connlimit over nf_conncount. Each rule keeps its own lists, keyed by the
 * packet's source (or destination with `--connlimit-daddr`) masked with `--connlimit-mask`, of the
 * connections whose packets reached this match. A connection counts while conntrack still holds
 * it; an ended TCP connection (TIME_WAIT, CLOSE) no longer counts, and one whose first packet was
 * dropped never existed. The packet's own connection always counts, so the first connection from
 * an address makes 1: `--connlimit-above 1` matches from the second on.
 */
import type { CtEntry } from '../conntrack-types';
import type { MatchCompiler, MatchEnv } from '../compile-types';
import { prefixToMask } from '../../parse/values';
import { stateTimeout } from '../conntrack/timeouts';
import { has, opt } from './build';

/** Whether conntrack still holds `e` at `now` (the table's own answer when the engine offers it). */
function alive(e: CtEntry, now: number, env: MatchEnv): boolean {
	if (!e.status.confirmed) return false;
	if (e.tcpState === 'TIME_WAIT' || e.tcpState === 'CLOSE') return false;
	if (env.ctTimeLeft) return env.ctTimeLeft(e) > 0;
	const timeout = stateTimeout(e);
	return now - e.lastSeen < timeout;
}

export const compileConnlimit: MatchCompiler = (options) => {
	const limitOpt = opt(options, 'connlimit-upto') ?? opt(options, 'connlimit-above');
	const limit = (limitOpt?.value as number | undefined) ?? 0;
	// `--connlimit-upto N` is stored by the kernel as "above N, inverted".
	const upto = !!limitOpt && (limitOpt.name === 'connlimit-upto') !== limitOpt.inverted;
	const mask = prefixToMask((opt(options, 'connlimit-mask')?.value as number | undefined) ?? 32);
	const daddr = has(options, 'connlimit-daddr');
	const lists = new Map<number, Set<CtEntry>>();
	return {
		test(p, env) {
			const key = ((daddr ? p.dst : p.src) & mask) >>> 0;
			let list = lists.get(key);
			if (!list) lists.set(key, (list = new Set()));
			const own = env.ct?.entry ?? null;
			let count = 0;
			for (const e of list) {
				if (e === own) continue;
				if (alive(e, p.time, env)) count++;
				else list.delete(e);
			}
			// The packet's own connection: added to the list, and counted even before confirm.
			if (own) list.add(own);
			count++;
			return count > limit !== upto;
		},
		note: '-m connlimit counts the connections whose packets reached this rule, as nf_conncount does'
	};
};
