import type { PortRange } from '../../parse/values';
import type { TargetCompiler } from '../compile-types';
import { hasOpt, optionValue } from './target-values';

/**
 * `-j NFQUEUE`: the packet waits for a userspace verdict. nfwalk has no listener, so (§2.6) it is
 * dropped — or, with `--queue-bypass`, accepted for this table: the rest of the chain is skipped
 * and the next table runs.
 */
export const compileNfqueue: TargetCompiler = (options) => {
	const balance = optionValue<PortRange>(options, 'queue-balance');
	const queue = balance
		? `one of queues ${balance.from}–${balance.to}`
		: `queue ${optionValue<number>(options, 'queue-num') ?? 0}`;
	const bypass = hasOpt(options, 'queue-bypass');
	const what = bypass
		? `sent to ${queue}; no program listens, and --queue-bypass accepts it for this table (§2.6)`
		: `sent to ${queue}; no program listens, so the kernel drops it (§2.6)`;
	return {
		run: () => ({
			verdict: 'QUEUE',
			bypass,
			effect: { type: 'other', what, changed: false }
		})
	};
};
