/**
 * `-m recent`, as xt_recent's recent_mt: lists by `--name` in `env.state.recent`, keyed by the
 * masked source (or destination) address; each entry keeps the times it was seen (newest last).
 */
import type { MatchCompiler, SimState } from '../compile-types';
import { has, opt } from './build';

/** Timestamps the kernel keeps per entry (ip_pkt_list_tot), unless --hitcount needs more. */
const PKT_LIST_TOT = 20;

/** The TTL each entry was last set with, for `--rttl`; per list like `recent` itself. */
const ttls = new WeakMap<SimState, Map<string, Map<number, number>>>();

function listOf<V>(m: Map<string, Map<number, V>>, name: string): Map<number, V> {
	let l = m.get(name);
	if (!l) m.set(name, (l = new Map()));
	return l;
}

export const compileRecent: MatchCompiler = (options) => {
	const name = (opt(options, 'name')?.value as string | undefined) ?? 'DEFAULT';
	const mask = ((opt(options, 'mask')?.value as number | undefined) ?? 0xffffffff) >>> 0;
	const dest = !lastIsSource(options);
	const seconds = (opt(options, 'seconds')?.value as number | undefined) ?? 0;
	const hitcount = (opt(options, 'hitcount')?.value as number | undefined) ?? 0;
	const rttl = has(options, 'rttl');
	const op = options.find((o) => ['set', 'rcheck', 'update', 'remove'].includes(o.name));
	const kind = op?.name ?? 'rcheck';
	const invert = op?.inverted ?? false;
	const keep = Math.max(PKT_LIST_TOT, hitcount);
	return {
		test(p, env) {
			const addr = ((dest ? p.dst : p.src) & mask) >>> 0;
			// "use TTL as seen before forwarding": forwarded packets had theirs decremented already.
			const forwarded =
				env.hook === 'FORWARD' || (env.hook === 'POSTROUTING' && p.inIface !== null);
			const ttl = forwarded ? p.ttl + 1 : p.ttl;
			const list = listOf(env.state.recent, name);
			let ttlList = ttls.get(env.state);
			if (!ttlList) ttls.set(env.state, (ttlList = new Map()));
			const entryTtl = listOf(ttlList, name);
			let stamps = list.get(addr);
			if (stamps && rttl) {
				const t = entryTtl.get(addr) ?? 0;
				if (!(t === ttl || t === 0 || ttl === 0)) stamps = undefined;
			}
			let ret = invert;
			if (!stamps) {
				if (kind !== 'set') return ret;
				list.set(addr, [p.time]);
				entryTtl.set(addr, ttl);
				return !ret;
			}
			if (kind === 'set') ret = !ret;
			else if (kind === 'remove') {
				list.delete(addr);
				entryTtl.delete(addr);
				return !ret;
			} else {
				const since = p.time - seconds;
				let hits = 0;
				for (let i = 0; i < stamps.length; i++) {
					if (seconds && stamps[i] < since) continue;
					if (!hitcount || ++hits >= hitcount) {
						ret = !ret;
						break;
					}
				}
			}
			if (kind === 'set' || (kind === 'update' && ret)) {
				stamps.push(p.time);
				if (stamps.length > keep) stamps.shift();
				entryTtl.set(addr, ttl);
			}
			return ret;
		}
	};
};

/** The last of `--rsource`/`--rdest` decides the side (the parser adds `--rsource` by default). */
function lastIsSource(options: readonly { name: string }[]): boolean {
	for (let i = options.length - 1; i >= 0; i--) {
		if (options[i].name === 'rsource') return true;
		if (options[i].name === 'rdest') return false;
	}
	return true;
}
