import type { TargetEnv, TargetResult } from '../compile-types';
import type { TargetCompiler } from '../compile-types';

/** Why NOTRACK/CT does nothing: the kernel ignores a packet that already carries conntrack. */
export const ALREADY_TRACKED: TargetResult = {
	verdict: 'CONTINUE',
	note: 'the packet already carries conntrack (as a packet the host generated does, e.g. a REJECT reply, §2.5), so the kernel ignores this target'
};

/**
 * The packet leaves raw untracked (§3.4): `--ctstate UNTRACKED` matches, no entry is made and the
 * nat chains are skipped. Each direction needs its own rule.
 */
export function untrack(env: TargetEnv): TargetResult {
	if (env.ct) return ALREADY_TRACKED;
	env.setUntracked();
	return {
		verdict: 'CONTINUE',
		effect: {
			type: 'other',
			what: 'untracked: no conntrack entry, --ctstate UNTRACKED matches, nat chains are skipped (§3.4)',
			changed: true
		}
	};
}

/** `-j NOTRACK` (raw), the older spelling of `-j CT --notrack`. */
export const compileNotrack: TargetCompiler = () => ({ run: (_p, env) => untrack(env) });
