/** `-m mac --mac-source`: the Ethernet source; a packet without one (local) never matches, even with `!`. */
import type { MatchCompiler } from '../compile-types';
import { opt } from './build';

export const compileMac: MatchCompiler = (options) => {
	const o = opt(options, 'mac-source');
	if (!o) return { test: () => true };
	const want = (o.value as string).toLowerCase();
	const inv = o.inverted;
	return { test: (p) => p.mac !== null && (p.mac.toLowerCase() === want) !== inv };
};
