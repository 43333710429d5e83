/**
 * iptables-restore input (`iptables-save` output and hand-written restore files) into a rule
 * set: `*table`, `:CHAIN POLICY [p:b]`, `[p:b] -A …` and any command iptables-restore takes,
 * `COMMIT`, `#` comments and blank lines.
 */
import { TABLE_NAMES, type Counters, type Table, type TableName } from '../model';
import { parseCommand } from './command';
import { RulesetBuilder } from './builder';
import type { Reporter } from './report';
import { splitRestoreLine, type Word } from './words';
import { sourceLines } from './lines';

const COUNTERS = /^\[([0-9]+):([0-9]+)\]$/;

function parseCounters(w: Word | undefined): Counters | null {
	const m = w ? COUNTERS.exec(w.text) : null;
	return m ? { packets: Number(m[1]), bytes: Number(m[2]) } : null;
}

export function parseRestore(
	text: string,
	report: Reporter,
	builder = new RulesetBuilder(report)
): RulesetBuilder {
	let table: Table | null = null;
	// Inside a block whose *table line was refused: its lines are skipped without more noise.
	let skipping = false;
	let lastLine = 0;
	// Counted once: counting per COMMIT line made a file of many COMMITs quadratic.
	const unterminatedLine = text.endsWith('\n') ? null : lastSourceLine(text);
	for (const { line, text: raw, span } of sourceLines(text, report)) {
		lastLine = line;
		const trimmed = raw.trim();
		if (trimmed === '' || trimmed.startsWith('#')) continue;
		const offset = raw.length - raw.trimStart().length;
		if (trimmed.startsWith('*')) {
			if (table)
				report.error(
					'missing-commit',
					span,
					`table ${table.name} is not closed: add COMMIT before *${trimmed.slice(1)}`
				);
			const name = trimmed.slice(1).trim();
			if (!(TABLE_NAMES as readonly string[]).includes(name)) {
				report.error(
					'unknown-table',
					span,
					`unknown table "${name}": use one of ${TABLE_NAMES.join(', ')}`
				);
				table = null;
				skipping = true;
				continue;
			}
			skipping = false;
			table = builder.resetTable(name as TableName, span);
			continue;
		}
		if (trimmed === 'COMMIT') {
			if (raw !== 'COMMIT') {
				// iptables-restore compares the whole line with "COMMIT\n".
				report.error(
					'commit-with-blanks',
					span,
					'COMMIT must stand alone on its line: remove the blanks around it (iptables-restore reads "COMMIT " as a command: Bad argument `COMMIT\')'
				);
			} else if (line === unterminatedLine) {
				report.warning(
					'commit-without-newline',
					span,
					"the last COMMIT has no newline after it: iptables-nft accepts this, iptables-legacy-restore refuses it (Bad argument `COMMIT'); end the file with a newline"
				);
			}
			if (!table && !skipping)
				report.error(
					'commit-without-table',
					span,
					'COMMIT without an open table: remove it or add a *table line before'
				);
			table = null;
			skipping = false;
			continue;
		}
		if (!table) {
			if (skipping) continue;
			report.error(
				'outside-table',
				span,
				'this line is outside a table: start the table with a line such as *filter'
			);
			continue;
		}
		const { words, problem } = splitRestoreLine(raw.slice(offset), line, offset + 1);
		if (problem) {
			report.error('unterminated-quote', problem.span, problem.message);
			continue;
		}
		if (trimmed.startsWith(':')) {
			declare(builder, table, words, report);
			continue;
		}
		let counters: Counters | null = null;
		let rest = words;
		if (words[0]?.text.startsWith('[')) {
			counters = parseCounters(words[0]);
			if (!counters) {
				report.error(
					'bad-counters',
					words[0].span,
					`"${words[0].text}" is not a counter prefix like [0:0]`
				);
				continue;
			}
			rest = words.slice(1);
		}
		const cmd = parseCommand(rest, span, table.name, report);
		if (cmd.table && cmd.table.text !== table.name) {
			report.error(
				'table-in-restore',
				cmd.table.span,
				`-t ${cmd.table.text} inside the *${table.name} block: iptables-restore refuses -t here; move the rule to a *${cmd.table.text} block`
			);
			continue;
		}
		builder.apply(table, cmd, counters, span);
		if (builder.full) return builder;
	}
	if (table) {
		report.error(
			'missing-commit',
			{ line: Math.max(1, lastLine), column: 1, endColumn: 2 },
			`table ${table.name} is never committed: add COMMIT at the end (iptables-restore applies nothing without it)`
		);
	}
	return builder;
}

function lastSourceLine(text: string): number {
	let n = 1;
	for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
	return text.endsWith('\n') ? n - 1 : n;
}

function declare(builder: RulesetBuilder, table: Table, words: Word[], report: Reporter): void {
	const first = words[0];
	const name = first.withText(first.text.slice(1), first.column + 1);
	if (name.text === '') {
		report.error(
			'missing-chain',
			first.span,
			'a chain line needs a name right after the colon, e.g. :INPUT ACCEPT [0:0]'
		);
		return;
	}
	const policy = words[1] ?? null;
	if (policy?.text === '-' && words.length > 2) {
		// iptables-restore reads nothing after a user chain's "-": `:LOG - DROP [0:0]` loads.
		const extra = words
			.slice(2)
			.map((w) => w.text)
			.join(' ');
		const counters = parseCounters(words[2]);
		if (!counters || words.length > 3) {
			report.warning(
				'ignored-words',
				words[2].span,
				`iptables-restore ignores "${extra}" after a user chain's "-": a user chain has no policy; remove it`
			);
		}
		builder.declareChain(table, name, policy, words.length === 3 ? counters : null);
		return;
	}
	const counters = words[2] ? parseCounters(words[2]) : null;
	if (words[2] && !counters)
		report.error('bad-counters', words[2].span, `"${words[2].text}" is not a counter like [0:0]`);
	if (!policy)
		report.warning(
			'missing-policy',
			first.span,
			`chain line :${name.text} has no policy: write ACCEPT, DROP or - (for a user chain)`
		);
	builder.declareChain(table, name, policy, counters);
}
