import type { TargetCompiler } from '../compile-types';
import { optionValue } from './target-values';

/** iptables' default, which the REJECT module already writes into the options (§2.5). */
const DEFAULT = 'icmp-port-unreachable';

/** `-j REJECT`: the engine generates the error packet (locally, RELATED, via OUTPUT), then drops. */
export const compileReject: TargetCompiler = (options) => {
	const rejectWith = optionValue<string>(options, 'reject-with') ?? DEFAULT;
	return { run: () => ({ verdict: 'REJECT', rejectWith }) };
};
