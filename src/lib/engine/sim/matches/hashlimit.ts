/**
 * `-m hashlimit`: one token bucket per key (the `--hashlimit-mode` fields, masked), in a table
 * shared by every rule with the same `--hashlimit-name`. Packet-rate mode is replayed as a
 * continuous-time bucket (the kernel counts jiffies: only sub-tick timing differs); an entry idle
 * longer than `--hashlimit-htable-expire` starts full again. Byte rates and `--hashlimit-rate-match`
 * are not simulated (assumed to match, noted).
 */
import { config, value } from '../../extensions/hashlimit-values';
import { prefixToMask } from '../../parse/values';
import type { MatchCompiler, SimState } from '../compile-types';
import { assumeMatch, has } from './build';

interface Bucket {
	credit: number;
	last: number;
}

type Table = Map<number, Map<number, Bucket>>;
const tables = new WeakMap<SimState, Map<string, Table>>();

function tableOf(state: SimState, name: string): Table {
	let byName = tables.get(state);
	if (!byName) tables.set(state, (byName = new Map()));
	let t = byName.get(name);
	if (!t) byName.set(name, (t = new Map()));
	return t;
}

export const compileHashlimit: MatchCompiler = (options) => {
	const c = config(options);
	if (!c.rate) return assumeMatch('hashlimit without a rate: assumed to match');
	if (c.rate.bytes || has(options, 'hashlimit-rate-match'))
		return assumeMatch(
			'nfwalk does not simulate hashlimit byte rates or --hashlimit-rate-match: assumed to match'
		);
	const name = value<string>(options, 'hashlimit-name') ?? '';
	const mode = value<number>(options, 'hashlimit-mode') ?? 0;
	const srcMask = prefixToMask(value<number>(options, 'hashlimit-srcmask') ?? 32);
	const dstMask = prefixToMask(value<number>(options, 'hashlimit-dstmask') ?? 32);
	// Seconds per packet and the bucket's capacity in seconds of credit.
	const cost = Number(c.avg) / 1e6;
	const cap = cost * Number(c.burst);
	const expire = c.expire / 1000;
	const above = c.above;
	return {
		test(p, env) {
			const src = mode & 1 ? (p.src & srcMask) >>> 0 : 0;
			const sport = mode & 2 ? p.sport : 0;
			const dst = mode & 4 ? (p.dst & dstMask) >>> 0 : 0;
			const dport = mode & 8 ? p.dport : 0;
			const t = tableOf(env.state, name);
			const k1 = src * 65536 + sport;
			const k2 = dst * 65536 + dport;
			let row = t.get(k1);
			if (!row) t.set(k1, (row = new Map()));
			let b = row.get(k2);
			if (!b || p.time - b.last > expire) row.set(k2, (b = { credit: cap, last: p.time }));
			b.credit = Math.min(cap, b.credit + Math.max(0, p.time - b.last));
			b.last = Math.max(b.last, p.time);
			// A tiny epsilon absorbs float error in `credit` sums of exact periods.
			const under = b.credit + 1e-9 >= cost;
			if (under) b.credit -= cost;
			return under !== above;
		}
	};
};
