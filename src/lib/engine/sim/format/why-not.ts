/**
 * The why-not of a rule that did not match: a skip step records only the index of the first
 * failing test (0–5 the built-in -p -s -d -i -o -f, 6 + k the k-th `-m` match, §trace.ts), and
 * this turns it back into the words the user wrote, e.g. `--dport 22` or `! -s 10.0.0.0/8`.
 */
import type { MatchCall, Negatable, Rule, Ruleset, SourceSpan } from '../../model';
import { formatCidr } from '../../parse/values';

/** The rule `rule` (1-based) of a chain, or null when the ruleset has no such rule. */
export function findRule(
	ruleset: Ruleset,
	table: string,
	chain: string,
	rule: number
): Rule | null {
	const t = ruleset.tables.find((x) => x.name === table);
	const c = t?.chains.find((x) => x.name === chain);
	return c?.rules[rule - 1] ?? null;
}

function slice(lines: readonly string[] | null, from: SourceSpan, to: SourceSpan): string | null {
	if (!lines || from.line !== to.line) return null;
	const text = lines[from.line - 1]?.slice(from.column - 1, to.endColumn - 1).trim();
	return text || null;
}

function builtin<T>(
	n: Negatable<T> | null,
	flag: string,
	show: (v: T) => string,
	lines: readonly string[] | null
): string | null {
	if (!n) return null;
	const text = slice(lines, n.span, n.span) ?? `${flag} ${show(n.value)}`;
	return n.inverted ? `! ${text}` : text;
}

function matchText(m: MatchCall, rule: Rule, lines: readonly string[] | null): string {
	const opts = m.options;
	if (opts.length > 0) {
		// iptables loads `-m tcp` on its own for `-p tcp --dport 22`; its span is then the -p's.
		const implicit = rule.protocol !== null && m.span.column === rule.protocol.span.column;
		const text = slice(lines, implicit ? opts[0].span : m.span, opts[opts.length - 1].span);
		if (text) return text;
		return `-m ${m.name} ${opts.map((o) => `${o.inverted ? '! ' : ''}--${o.name} …`).join(' ')}`;
	}
	return m.known ? `-m ${m.name}` : [`-m ${m.name}`, ...(m.raw ?? [])].join(' ');
}

/**
 * The test that failed, as written, e.g. `-p udp`, `-m conntrack --ctstate ESTABLISHED`; null
 * when the index names no test of the rule (a trace and a ruleset that do not belong together).
 */
export function failedTest(
	rule: Rule,
	failed: number,
	source: string | readonly string[] | null
): string | null {
	const lines = typeof source === 'string' ? source.split('\n') : source;
	switch (failed) {
		case 0:
			return builtin(rule.protocol, '-p', (v) => v, lines);
		case 1:
			return builtin(rule.source, '-s', formatCidr, lines);
		case 2:
			return builtin(rule.destination, '-d', formatCidr, lines);
		case 3:
			return builtin(rule.inInterface, '-i', (v) => v, lines);
		case 4:
			return builtin(rule.outInterface, '-o', (v) => v, lines);
		case 5:
			return builtin(rule.fragment, '-f', () => '', lines)?.trim() ?? null;
		default: {
			const m = rule.matches[failed - 6];
			return m ? matchText(m, rule, lines) : null;
		}
	}
}
