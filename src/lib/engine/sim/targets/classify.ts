/** `-j CLASSIFY --set-class MAJOR:MINOR`: sets skb->priority, which only tc qdiscs read. */
import type { TargetCompiler, TargetResult } from '../compile-types';
import { optionValue } from './target-values';

const hex = (n: number) => n.toString(16);

export const compileClassify: TargetCompiler = (options) => {
	const c = optionValue<{ major: number; minor: number }>(options, 'set-class');
	const what = `skb->priority set to tc class ${c ? `${hex(c.major)}:${hex(c.minor)}` : '0:0'}; nfwalk models no qdisc and does not change the packet`;
	const result: TargetResult = {
		verdict: 'CONTINUE',
		effect: { type: 'other', what, changed: true }
	};
	return { run: () => result };
};
