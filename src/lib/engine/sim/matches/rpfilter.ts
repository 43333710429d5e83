/**
 * `-m rpfilter`: the reverse-path check of rpfilter_mt: route the source (with the mark when
 * `--validmark`); it passes when that route is unicast (or local with `--accept-local`) and
 * leaves through the arrival interface, or any route exists with `--loose`.
 */
import type { MatchCompiler } from '../compile-types';
import { has } from './build';

export const compileRpfilter: MatchCompiler = (options) => {
	const loose = has(options, 'loose');
	const validmark = has(options, 'validmark');
	const acceptLocal = has(options, 'accept-local');
	const inv = has(options, 'invert');
	return {
		test(p, env) {
			// rpfilter_is_loopback: whatever arrives over lo passes before any route lookup.
			if (p.inIface === 'lo') return !inv;
			// DHCP discovery (0.0.0.0 → broadcast or local multicast) always passes.
			if (p.src === 0 && (p.dst >>> 0 === 0xffffffff || p.dst >>> 8 === 0xe00000)) return !inv;
			const r = env.host.route(p.src >>> 0, validmark ? p.mark : 0);
			let ok = false;
			if (r && (r.kind === 'unicast' || acceptLocal)) ok = loose || r.iface === p.inIface;
			return ok !== inv;
		}
	};
};
