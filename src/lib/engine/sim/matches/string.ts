/**
 * `-m string`: the pattern anywhere in [--from, --to) of the packet, counted from the IP header
 * as the kernel's skb_find_text does. nfwalk has payload bytes only, so they sit at the end of
 * the packet (offset length − payload length); header bytes are never matched.
 */
import type { MatchCompiler } from '../compile-types';
import { opt } from './build';

/** ASCII case folding, as the kernel's TS_IGNORECASE does. */
function fold(c: number): number {
	return c >= 0x41 && c <= 0x5a ? c + 32 : c;
}

export const compileString: MatchCompiler = (options) => {
	const o = opt(options, 'string') ?? opt(options, 'hex-string');
	if (!o) return { test: () => true };
	const icase = opt(options, 'icase') !== undefined;
	const pat = Uint8Array.from(o.value as number[], (b) => (icase ? fold(b) : b));
	const from = (opt(options, 'from')?.value as number | undefined) ?? 0;
	const to = (opt(options, 'to')?.value as number | undefined) ?? 0xffff;
	const inv = o.inverted;
	return {
		test(p) {
			const text = p.payload;
			const base = Math.max(0, p.length - text.length);
			// Payload index range where the pattern may start and still end before `to`.
			const start = Math.max(0, from - base);
			const last = Math.min(text.length, to - base) - pat.length;
			let found = false;
			for (let i = start; i <= last && !found; i++) {
				let k = 0;
				while (k < pat.length) {
					const c = text.charCodeAt(i + k) & 0xff;
					if ((icase ? fold(c) : c) !== pat[k]) break;
					k++;
				}
				found = k === pat.length;
			}
			return found !== inv;
		}
	};
};
