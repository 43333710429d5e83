/** `-j TTL --ttl-set/--ttl-dec/--ttl-inc` (xt_HL ttl_tg): dec and inc saturate at 0 and 255. */
import type { TargetCompiler } from '../compile-types';
import { optionValue } from './target-values';

export const compileTtl: TargetCompiler = (options) => {
	const set = optionValue<number>(options, 'ttl-set');
	const dec = optionValue<number>(options, 'ttl-dec') ?? 0;
	const inc = optionValue<number>(options, 'ttl-inc') ?? 0;
	return {
		run(p) {
			const before = p.ttl;
			// A TTL of 0 is not dropped here: forwarding drops it later with time-exceeded (§5.3).
			p.ttl = set ?? Math.min(255, Math.max(0, before - dec + inc));
			return { verdict: 'CONTINUE', effect: { type: 'ttl', before, after: p.ttl } };
		}
	};
};
