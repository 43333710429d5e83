/**
 * Matches on conntrack data other than the state: `-m helper` (the helper of the connection
 * this one was expected by) and `-m connbytes` (the entry's packet/byte counters).
 */
import type { ByteRange } from '../../extensions/matches/connbytes';
import type { MatchCompiler } from '../compile-types';
import { opt } from './build';

export const compileHelper: MatchCompiler = (options) => {
	const o = opt(options, 'helper');
	const name = (o?.value as string | undefined) ?? '';
	const inv = o?.inverted ?? false;
	return {
		test(_, env) {
			// helper_mt looks at ct->master: only connections a helper expected have one. An ICMP
			// error is RELATED to the flow it quotes but belongs to that flow itself (master === entry).
			const master = env.ct?.master ?? null;
			const helper = master !== null && master !== env.ct?.entry ? master.helper : null;
			if (helper === null) return inv;
			return (name === '' || helper === name) !== inv;
		}
	};
};

export const compileConnbytes: MatchCompiler = (options) => {
	const c = opt(options, 'connbytes');
	if (!c) return { test: () => true };
	const r = c.value as ByteRange;
	const from = Number(r.from);
	const to = Number(r.to);
	const inv = c.inverted;
	const dir = (opt(options, 'connbytes-dir')?.value as string | undefined) ?? 'both';
	const mode = (opt(options, 'connbytes-mode')?.value as string | undefined) ?? 'packets';
	const o = dir !== 'reply' ? 1 : 0;
	const rp = dir !== 'original' ? 1 : 0;
	return {
		test(_, env) {
			const e = env.ct?.entry;
			if (!e) return false;
			const packets = o * e.packets[0] + rp * e.packets[1];
			const bytes = o * e.bytes[0] + rp * e.bytes[1];
			const what =
				mode === 'packets'
					? packets
					: mode === 'bytes'
						? bytes
						: packets
							? Math.floor(bytes / packets)
							: 0;
			return (what >= from && what <= to) !== inv;
		}
	};
};
