/**
 * `-j CONNMARK`: the parser normalizes every spelling to `--set-xmark CTMARK/CTMASK` or
 * `--save-mark`/`--restore-mark` with `--nfmask` and `--ctmask`, plus an optional shift.
 *
 * Kernel semantics (net/netfilter/xt_connmark.c, connmark_tg_shift; revision 1 is the same with
 * shift 0). Note the XOR, and that save-mark does not clip the packet's bits to ctmask:
 * - set:     ctmark = ((ctmark & ~ctmask) ^ ctmark_value) << shift (or >>)
 * - save:    ctmark = (ctmark & ~ctmask) ^ ((mark & nfmask) << shift)
 * - restore: mark   = (mark & ~nfmask) ^ ((ctmark & ctmask) << shift)
 * Without a conntrack entry (INVALID, UNTRACKED, or raw before the lookup) nf_ct_get() is NULL
 * and the target does nothing; an ICMP error RELATED to a flow works on that flow's entry.
 */
import type { ValueMask } from '../../parse/values';
import type { TargetCompiler } from '../compile-types';
import { connEntry, hasOpt, optionValue } from './target-values';

const NO_ENTRY =
	'no conntrack entry (INVALID, UNTRACKED or before the conntrack lookup): nothing changed';

export const compileConnmark: TargetCompiler = (options) => {
	const set = optionValue<ValueMask>(options, 'set-xmark');
	const save = hasOpt(options, 'save-mark');
	const nfmask = optionValue<number>(options, 'nfmask') ?? 0xffffffff;
	const ctmask = optionValue<number>(options, 'ctmask') ?? 0xffffffff;
	const left = optionValue<number>(options, 'left-shift-mark') ?? 0;
	const right = optionValue<number>(options, 'right-shift-mark') ?? 0;
	const shift = (n: number) => (right ? n >>> right : n << left) >>> 0;
	return {
		run(p, env) {
			const entry = connEntry(env);
			if (!entry) return { verdict: 'CONTINUE', note: NO_ENTRY };
			const before = save || set ? entry.mark : p.mark;
			if (set) entry.mark = shift((entry.mark & ~set.mask) ^ set.value);
			else if (save) entry.mark = ((entry.mark & ~ctmask) ^ shift(p.mark & nfmask)) >>> 0;
			else p.mark = ((p.mark & ~nfmask) ^ shift(entry.mark & ctmask)) >>> 0;
			return save || set
				? { verdict: 'CONTINUE', effect: { type: 'ctmark', before, after: entry.mark } }
				: { verdict: 'CONTINUE', effect: { type: 'mark', before, after: p.mark } };
		}
	};
};
