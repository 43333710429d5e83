/**
 * `-j TCPMSS` (xt_TCPMSS tcpmss_mangle_packet): on a SYN, lowers the MSS option to `--set-mss` or,
 * with `--clamp-mss-to-pmtu`, to the route's MTU minus 40 (1460 on the 1500-byte MTU every
 * interface of nfwalk's host has). It never raises an MSS. A SYN without the option gets one added,
 * 4 bytes longer, at most 536 — the default RFC 879 lets a peer assume — unless the segment
 * carries data.
 */
import type { TargetCompiler } from '../compile-types';
import { optionValue } from './target-values';

/** The MTU of every interface nfwalk models (Ethernet, veth); `lo` has 65536. */
const MTU = 1500;
/** IPv4 and TCP headers without options. */
const HEADERS = 40;
const RFC879_DEFAULT = 536;

export const compileTcpmss: TargetCompiler = (options) => {
	const set = optionValue<number>(options, 'set-mss');
	return {
		run(p) {
			if (p.proto !== 6) return { verdict: 'CONTINUE' };
			const mtu = p.outIface === 'lo' ? 65536 : MTU;
			const want = set ?? mtu - HEADERS;
			const before = p.mss;
			const lengthBefore = p.length;
			if (before !== null) {
				if (before > want) p.mss = want;
			} else if (p.payload.length === 0 && p.length <= HEADERS) {
				p.mss = Math.min(want, RFC879_DEFAULT);
				p.length += 4;
			}
			const what =
				before === p.mss
					? `TCPMSS: MSS ${before ?? 'absent'}, left as it is`
					: before === null
						? `TCPMSS: MSS option added, ${p.mss} (at most 536 when the SYN had none)`
						: `TCPMSS: MSS ${before} → ${p.mss}`;
			// Said as its own effect, so the packet at later steps (packetAt) has the new MSS and length.
			return {
				verdict: 'CONTINUE',
				effect: {
					type: 'mss',
					what,
					before,
					after: p.mss,
					length: { before: lengthBefore, after: p.length }
				}
			};
		}
	};
};
