import type { TargetCompiler } from '../compile-types';

/**
 * DNAT, SNAT, MASQUERADE, REDIRECT, NETMAP: recognised, not simulated yet. A NAT target ends the
 * nat chain as ACCEPT does (§4.1, §4.7); the rewrite itself comes with the NAT work.
 */
export const compileNat: TargetCompiler = () => ({
	note: 'NAT is not simulated yet: the packet is not rewritten',
	run: () => ({ verdict: 'ACCEPT' })
});
