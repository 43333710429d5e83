/** `-j LOG`: the rule fires and continues; the effect is the line nf_log_syslog would print. */
import type { TargetCompiler } from '../compile-types';
import { logLine } from './log-line';
import { hasOpt, optionValue } from './target-values';

export const compileLog: TargetCompiler = (options) => {
	const prefix = optionValue<string>(options, 'log-prefix') ?? '';
	const level = optionValue<number>(options, 'log-level') ?? 4;
	const flags = {
		tcpSequence: hasOpt(options, 'log-tcp-sequence'),
		uid: hasOpt(options, 'log-uid'),
		macDecode: hasOpt(options, 'log-macdecode')
	};
	// §2.4: from a non-initial network namespace the kernel logs only with nf_log_all_netns=1.
	const to = `kernel log (level ${level}); inside a container network namespace the kernel prints nothing unless net.netfilter.nf_log_all_netns=1`;
	return {
		run: (p, env) => ({
			verdict: 'CONTINUE',
			effect: { type: 'log', line: logLine(p, env.hook, env.host, prefix, flags), to }
		})
	};
};
