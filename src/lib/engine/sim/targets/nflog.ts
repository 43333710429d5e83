/**
 * `-j NFLOG`: the packet goes to nfnetlink_log group N (read by ulogd), then the rule continues.
 * The line is what ulogd's LOGEMU output writes: the prefix and the same fields as LOG.
 */
import type { TargetCompiler } from '../compile-types';
import { logLine } from './log-line';
import { optionValue } from './target-values';

export const compileNflog: TargetCompiler = (options) => {
	const group = optionValue<number>(options, 'nflog-group') ?? 0;
	const prefix = optionValue<string>(options, 'nflog-prefix') ?? '';
	const flags = { tcpSequence: false, uid: false, macDecode: false };
	const to = `nfnetlink_log group ${group} (a listener such as ulogd receives it)`;
	return {
		run: (p, env) => ({
			verdict: 'CONTINUE',
			effect: { type: 'log', line: logLine(p, env.hook, env.host, prefix, flags), to }
		})
	};
};
