/**
 * Rules back to text in the canonical form `iptables -S` and iptables-save print: built-in
 * options in a fixed order (-s -d -i -o -p -f), the implicit protocol match written out, then
 * the matches in the order given, then the target.
 */
import type { MatchCall, Negatable, Rule, Target } from '../model';
import { lookupMatch, lookupTarget } from '../extensions/registry';
import { formatCidr, saveString } from '../parse/values';

function neg<T>(flag: string, n: Negatable<T> | null, show: (v: T) => string): string[] {
	if (!n) return [];
	return [`${n.inverted ? '! ' : ''}${flag} ${show(n.value)}`];
}

function printMatch(m: MatchCall, rule: Rule): string {
	if (!m.known) return ['-m', m.name, ...(m.raw ?? []).map(quoteWord)].join(' ');
	const spec = lookupMatch(m.name);
	const opts = spec ? spec.print(m.options, { rule }) : '';
	return opts ? `-m ${m.name} ${opts}` : `-m ${m.name}`;
}

/** Words of an unknown module, quoted only when they need it. */
function quoteWord(w: string): string {
	return /^[^\s"'\\]+$/.test(w) ? w : saveString(w);
}

function printTarget(t: Target, rule: Rule): string {
	switch (t.type) {
		case 'verdict':
			return `-j ${t.verdict}`;
		case 'chain':
			return `${t.goto ? '-g' : '-j'} ${t.chain}`;
		case 'extension': {
			const spec = lookupTarget(t.name);
			const opts = spec ? spec.print(t.options, { rule }) : '';
			return opts ? `-j ${t.name} ${opts}` : `-j ${t.name}`;
		}
	}
}

/** The rule's options without `-A CHAIN`, e.g. `-p tcp -m tcp --dport 22 -j ACCEPT`. */
export function printRuleSpec(rule: Rule): string {
	const parts: string[] = [
		...neg('-s', rule.source, formatCidr),
		...neg('-d', rule.destination, formatCidr),
		...neg('-i', rule.inInterface, (v) => v),
		...neg('-o', rule.outInterface, (v) => v)
	];
	// `-p all` matches every protocol and iptables-save leaves it out.
	if (rule.protocol && !(rule.protocol.value === 'all' && !rule.protocol.inverted)) {
		parts.push(`${rule.protocol.inverted ? '! ' : ''}-p ${rule.protocol.value}`);
	}
	if (rule.fragment) parts.push(`${rule.fragment.inverted ? '! ' : ''}-f`);
	for (const m of rule.matches) parts.push(printMatch(m, rule));
	if (rule.target) parts.push(printTarget(rule.target, rule));
	return parts.join(' ');
}

/** `-A CHAIN …` as `iptables -S` prints it, with a `[p:b] ` prefix when the rule has counters. */
export function printRule(rule: Rule, chain: string, withCounters = true): string {
	const spec = printRuleSpec(rule);
	const prefix =
		withCounters && rule.counters ? `[${rule.counters.packets}:${rule.counters.bytes}] ` : '';
	return `${prefix}-A ${chain}${spec ? ' ' + spec : ''}`;
}
