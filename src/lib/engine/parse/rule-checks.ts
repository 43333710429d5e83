/**
 * Checks of a single rule that iptables' userspace and the kernel's checkentry make when the
 * rule is added: protocol requirements of matches, tables a target may live in, `-j DROP` in nat.
 * Checks that depend on which hooks reach a chain live in `validate/`.
 */
import type { OptionValue, Rule, SourceSpan, TableName } from '../model';
import { lookupMatch, lookupTarget } from '../extensions/registry';
import type { CheckContext, ExtensionSpec } from '../extensions/types';
import type { Reporter } from './report';

function protocolProblem(spec: ExtensionSpec, rule: Rule): string | null {
	if (!spec.protocols) return null;
	const p = rule.protocol;
	if (p && !p.inverted && spec.protocols.includes(p.value)) return null;
	const need = spec.protocols.map((x) => `-p ${x}`).join(' or ');
	const what = spec.kind === 'match' ? `-m ${spec.name}` : `-j ${spec.name}`;
	return `${what} needs ${need} (not inverted) in the same rule; the kernel refuses it otherwise (EINVAL)`;
}

function runChecks(
	spec: ExtensionSpec,
	options: OptionValue[],
	span: SourceSpan,
	rule: Rule,
	table: TableName,
	chain: string,
	report: Reporter,
	skipCheck: boolean
): void {
	const problem = protocolProblem(spec, rule);
	if (problem) report.error('protocol-required', span, problem);
	if (spec.tables && !spec.tables.includes(table)) {
		const what = spec.kind === 'match' ? `-m ${spec.name}` : `-j ${spec.name}`;
		report.error(
			'wrong-table',
			span,
			`${what} is valid only in the ${spec.tables.join(', ')} table${spec.tables.length > 1 ? 's' : ''}, not in ${table}; the kernel refuses it (EINVAL)`
		);
	}
	if (skipCheck) return;
	if (spec.check) runCheck(spec, options, span, rule, table, chain, report);
	if (spec.normalize) options.splice(0, options.length, ...spec.normalize(options, span));
}

function runCheck(
	spec: ExtensionSpec,
	options: OptionValue[],
	span: SourceSpan,
	rule: Rule,
	table: TableName,
	chain: string,
	report: Reporter
): void {
	const ctx = new RuleCheckContext(rule, table, chain, report, span);
	spec.check!({ name: spec.name, options, span }, ctx);
}

/** A class rather than an object literal with a closure: this runs for most rules of large sets. */
class RuleCheckContext implements CheckContext {
	constructor(
		readonly rule: Rule,
		readonly table: TableName,
		readonly chain: string,
		private readonly reporter: Reporter,
		private readonly span: SourceSpan
	) {}

	report(severity: 'error' | 'warning', message: string, at?: SourceSpan, code?: string): void {
		this.reporter.add(code ?? 'invalid-extension-use', severity, at ?? this.span, message);
	}
}

/** `incomplete`: option lists with a refused option, whose final checks would only repeat that error. */
export function checkRule(
	rule: Rule,
	table: TableName,
	chain: string,
	report: Reporter,
	incomplete: ReadonlySet<readonly OptionValue[]> = new Set()
): void {
	for (const m of rule.matches) {
		if (!m.known) continue;
		const spec = lookupMatch(m.name);
		if (spec)
			runChecks(spec, m.options, m.span, rule, table, chain, report, incomplete.has(m.options));
	}
	const t = rule.target;
	if (t?.type === 'extension') {
		const spec = lookupTarget(t.name);
		if (spec)
			runChecks(spec, t.options, t.span, rule, table, chain, report, incomplete.has(t.options));
	}
	if (t?.type === 'verdict' && t.verdict === 'DROP' && table === 'nat') {
		report.error(
			'drop-in-nat',
			t.span,
			'the nat table is not for filtering and iptables refuses -j DROP in it: drop in the filter table (a DROP policy in nat is allowed)'
		);
	}
}
