/**
 * `-m pkttype`: the link-layer class, derived from the IP destination (nfwalk has no Ethernet
 * destination): 224/4 multicast, limited or directed broadcast, otherwise unicast (to this host).
 */
import type { MatchCompiler } from '../compile-types';
import { opt } from './build';

export const compilePkttype: MatchCompiler = (options) => {
	const o = opt(options, 'pkt-type');
	if (!o) return { test: () => true };
	const want = o.value as string;
	const inv = o.inverted;
	return {
		test(p, env) {
			const type =
				p.dst >>> 28 === 0xe
					? 'multicast'
					: env.host.isBroadcast(p.dst >>> 0)
						? 'broadcast'
						: 'unicast';
			return (type === want) !== inv;
		}
	};
};
