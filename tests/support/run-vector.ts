/** Runs one iptables test vector through nfwalk's parser and printer. */
import { parseRuleset, printRuleSpec } from '../../src/lib/engine/index';
import type { Vector } from './shared';

/** A word as iptables-restore needs it written: double quotes with `\"` and `\\` inside. */
function restoreQuote(word: string): string {
	if (word !== '' && !/[\s"\\]/.test(word)) return word;
	return '"' + word.replace(/[\\"]/g, (c) => '\\' + c) + '"';
}

export interface VectorOutcome {
	accepted: boolean;
	canonical: string | null;
	messages: string[];
}

export function runVector(v: Vector): VectorOutcome {
	const text = `*${v.table}\n:${v.chain} ACCEPT [0:0]\n-A ${v.chain} ${v.argv.map(restoreQuote).join(' ')}\nCOMMIT\n`;
	const { ruleset, diagnostics } = parseRuleset(text, 'restore');
	const errors = diagnostics.filter((d) => d.severity === 'error');
	const chain = ruleset.tables[0]?.chains.find((c) => c.name === v.chain);
	const rule = chain?.rules[0];
	return {
		accepted: errors.length === 0,
		canonical: errors.length === 0 && rule ? printRuleSpec(rule) : null,
		messages: diagnostics.map((d) => `${d.severity}: ${d.message} [${d.code}]`)
	};
}
