/** A whole rule set as an iptables-restore file or as a script of `iptables` commands. */
import type { Ruleset } from '../model';
import { printRule, printRuleSpec } from './print-rule';

/**
 * `save`: iptables-save form (`*table`, `:CHAIN POLICY [p:b]`, rules, `COMMIT`), built-in chains
 * first in hook order, then user chains in the order they were declared. Only built-in chains the
 * input declared are written: loaded by iptables-nft, the output then has exactly the chains the
 * input had (legacy has every built-in chain either way).
 * `commands`: `iptables -t T -N/-P/-A …` lines that build the same rule set on an empty host.
 */
export function printRuleset(ruleset: Ruleset, style: 'save' | 'commands' = 'save'): string {
	const out: string[] = [];
	for (const t of ruleset.tables) {
		const chains = [
			...t.chains.filter((c) => c.builtin && c.declared),
			...t.chains.filter((c) => !c.builtin)
		];
		if (style === 'save') {
			out.push(`*${t.name}`);
			for (const c of chains) {
				out.push(
					`:${c.name} ${c.builtin ? (c.policy ?? 'ACCEPT') : '-'} [${c.counters.packets}:${c.counters.bytes}]`
				);
			}
			for (const c of chains) for (const r of c.rules) out.push(printRule(r, c.name));
			out.push('COMMIT');
			continue;
		}
		const ipt = `iptables -t ${t.name}`;
		for (const c of chains) {
			if (!c.builtin) out.push(`${ipt} -N ${c.name}`);
			// -P also creates the chain in iptables-nft: needed for a declared chain with no rules.
			else if (c.policy === 'DROP' || c.rules.length === 0)
				out.push(`${ipt} -P ${c.name} ${c.policy}`);
		}
		for (const c of chains) {
			for (const r of c.rules) {
				const spec = printRuleSpec(r);
				// Shell quoting: iptables-save's double quotes also work in sh for these texts.
				out.push(`${ipt} -A ${c.name}${spec ? ' ' + spec : ''}`.replace(/[$`]/g, (c) => '\\' + c));
			}
		}
	}
	return out.join('\n') + '\n';
}
