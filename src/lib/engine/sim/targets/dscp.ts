/** `-j DSCP --set-dscp N` (a `--set-dscp-class` is stored as its number). */
import type { TargetCompiler } from '../compile-types';
import { optionValue } from './target-values';

export const compileDscp: TargetCompiler = (options) => {
	const dscp = optionValue<number>(options, 'set-dscp') ?? 0;
	return {
		run(p) {
			const before = p.tos;
			// xt_DSCP dscp_tg: the top six bits of the TOS byte; the two ECN bits are kept.
			p.tos = (before & 0x03) | (dscp << 2);
			return { verdict: 'CONTINUE', effect: { type: 'tos', before, after: p.tos } };
		}
	};
};
