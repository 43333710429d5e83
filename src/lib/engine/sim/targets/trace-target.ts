import type { TargetCompiler } from '../compile-types';

/**
 * `-j TRACE` (raw): sets nf_trace on the packet, so the kernel reports every rule it passes from
 * here on (xtables-monitor --trace). nfwalk's own trace already shows every rule.
 */
export const compileTrace: TargetCompiler = () => ({
	run: () => ({
		verdict: 'CONTINUE',
		effect: {
			type: 'other',
			what: 'nf_trace set: the kernel reports each rule this packet passes from here on (xtables-monitor --trace)',
			changed: true
		}
	})
});
