/**
 * Shell scripts of `iptables …` commands: `iptables`, `/sbin/iptables`, `sudo iptables`,
 * `$IPT` after `IPT=/sbin/iptables`, line continuations, `-t table`, and simple variables
 * (`WAN=eth0` … `-o $WAN`). Other shell lines are reported and ignored.
 */
import { TABLE_NAMES, type TableName } from '../model';
import { parseCommand } from './command';
import { RulesetBuilder } from './builder';
import type { Reporter } from './report';
import { splitShellLine, type Word } from './words';
import { sourceLines, type SourceLine } from './lines';

const IPTABLES = /^(?:.*\/)?iptables(?:-legacy|-nft)?$/;
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;
const SEPARATORS = new Set([';', '&&', '||', '|', '&']);
const NO_OPS = new Set(['true', 'false', ':']);

/** Joins `\`-continued lines, keeping the first line's number for the whole command. */
function* logicalLines(text: string, report: Reporter): Generator<SourceLine[]> {
	let pending: SourceLine[] = [];
	for (const l of sourceLines(text, report)) {
		pending.push(l);
		if (l.text.endsWith('\\')) continue;
		yield pending;
		pending = [];
	}
	if (pending.length) yield pending;
}

export function parseScript(
	text: string,
	report: Reporter,
	builder = new RulesetBuilder(report)
): RulesetBuilder {
	const vars = new Map<string, string>();
	for (const parts of logicalLines(text, report)) {
		const words: Word[] = [];
		let broken = false;
		for (const p of parts) {
			const body = p.text.endsWith('\\') ? p.text.slice(0, -1) : p.text;
			const { words: w, problem } = splitShellLine(body, p.line);
			if (problem) {
				report.error('unterminated-quote', problem.span, problem.message);
				broken = true;
			}
			words.push(...w);
		}
		if (broken || words.length === 0) continue;
		for (const command of splitCommands(words)) runCommand(command, vars, builder, report, parts);
		if (builder.full) break;
	}
	return builder;
}

function splitCommands(words: Word[]): Word[][] {
	const out: Word[][] = [[]];
	for (const w of words) {
		if (!w.quoted && SEPARATORS.has(w.text)) out.push([]);
		else if (!w.quoted && /^[0-9]?>/.test(w.text))
			continue; // redirections such as 2>/dev/null
		else out[out.length - 1].push(w);
	}
	return out.filter((c) => c.length > 0);
}

function runCommand(
	words: Word[],
	vars: Map<string, string>,
	builder: RulesetBuilder,
	report: Reporter,
	lines: SourceLine[]
): void {
	let i = 0;
	while (
		i < words.length &&
		(words[i].text === 'sudo' || words[i].text === 'exec' || words[i].text === 'command')
	)
		i++;
	const head = words[i];
	if (!head) return;
	const assign = ASSIGNMENT.exec(head.text);
	if (assign && i === words.length - 1) {
		vars.set(assign[1], assign[2]);
		return;
	}
	// `|| true` and `:` do nothing; saying so on every line would bury the real findings.
	if (NO_OPS.has(head.text)) return;
	const program = expand(head, vars, null);
	if (program === null || !IPTABLES.test(program.text)) {
		report.warning(
			'not-iptables',
			head.span,
			`"${head.text}" is not an iptables command; nfwalk ignores this shell line`
		);
		return;
	}
	const args: Word[] = [];
	for (const w of words.slice(i + 1)) {
		const e = expand(w, vars, report);
		if (e === null) return;
		args.push(e);
	}
	let tableName: TableName = 'filter';
	const t = args.findIndex((w) => w.text === '-t' || w.text === '--table');
	if (t >= 0) {
		const name = args[t + 1]?.text ?? '';
		if (!(TABLE_NAMES as readonly string[]).includes(name)) {
			report.error(
				'unknown-table',
				(args[t + 1] ?? args[t]).span,
				`unknown table "${name}": use one of ${TABLE_NAMES.join(', ')}`
			);
			return;
		}
		tableName = name as TableName;
	}
	// The command's span runs from its first word to the end of that word's line, which is not
	// the first line when the command follows `&&` on a continuation line.
	const at = lines.find((l) => l.line === head.line) ?? lines[0];
	const span = { line: at.line, column: head.column, endColumn: at.text.length + 1 };
	const cmd = parseCommand(args, span, tableName, report);
	builder.apply(builder.table(tableName, span), cmd, null, span);
}

/** Expands `$NAME` and `${NAME}` from earlier assignments; an unknown variable is an error. */
function expand(w: Word, vars: Map<string, string>, report: Reporter | null): Word | null {
	if (!w.text.includes('$')) return w;
	let missing: string | null = null;
	const text = w.text.replace(
		/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
		(_m, a, b) => {
			const name = a ?? b;
			const v = vars.get(name);
			if (v === undefined) missing ??= name;
			return v ?? '';
		}
	);
	if (missing !== null) {
		report?.error(
			'unknown-variable',
			w.span,
			`shell variable $${missing} is not set earlier in the script, so nfwalk cannot tell its value: replace it with the value or add ${missing}=… above`
		);
		return null;
	}
	return w.withText(text);
}
