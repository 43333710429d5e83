/**
 * The parser's front door: detects whether the text is an iptables-restore file or a script of
 * `iptables` commands, parses it, and runs the whole-rule-set checks.
 */
import type { Diagnostic } from '../diagnostics';
import { compareDiagnostics } from '../diagnostics';
import type { Ruleset } from '../model';
import { MAX_RULESET_CHARS, MAX_RULESET_LINES } from '../limits';
import { validateRuleset } from '../validate/validate-ruleset';
import { Reporter } from './report';
import { parseRestore } from './restore';
import { parseScript } from './script';

export type InputFormat = 'restore' | 'script';

export interface ParseResult {
	ruleset: Ruleset;
	diagnostics: Diagnostic[];
	format: InputFormat;
}

const RESTORE_LINE = /^[ \t]*(\*[a-z]|:[^\s]|COMMIT\s*$|(\[[0-9]+:[0-9]+\]\s*)?-[AIDRNXFZPE]\s)/m;
const SCRIPT_LINE = /^[ \t]*(sudo\s+)?(\S*\/)?(iptables(-legacy|-nft)?|\$\{?[A-Za-z_]+\}?)\s+-/m;

/** `restore` when the text has restore-file lines (`*filter`, `:INPUT ACCEPT`, `COMMIT`), else `script` when it has `iptables …` commands. */
export function detectFormat(text: string): InputFormat {
	if (/^[ \t]*(\*[a-z]|:\S|COMMIT\b)/m.test(text)) return 'restore';
	if (SCRIPT_LINE.test(text)) return 'script';
	return RESTORE_LINE.test(text) ? 'restore' : 'script';
}

export function parseRuleset(text: string, format?: InputFormat): ParseResult {
	const report = new Reporter();
	// Refused before reading a word: past these sizes parsing alone takes seconds and gigabytes.
	if (!withinSize(text, report))
		return {
			ruleset: { tables: [] },
			diagnostics: report.diagnostics,
			format: format ?? 'restore'
		};
	format ??= detectFormat(text);
	const builder = format === 'restore' ? parseRestore(text, report) : parseScript(text, report);
	const ruleset = builder.finish();
	validateRuleset(ruleset, report);
	return { ruleset, diagnostics: report.diagnostics.sort(compareDiagnostics), format };
}

function withinSize(text: string, report: Reporter): boolean {
	if (text.length > MAX_RULESET_CHARS) {
		report.error(
			'ruleset-too-large',
			{ line: 1, column: 1, endColumn: 2 },
			`the rule set has ${text.length.toLocaleString('en')} characters; nfwalk reads at most ${MAX_RULESET_CHARS.toLocaleString('en')} (see docs/limits.md): load one table or the chains the packets take`
		);
		return false;
	}
	let at = -1;
	for (let line = 1; line <= MAX_RULESET_LINES; line++) {
		at = text.indexOf('\n', at + 1);
		// The last line needs no newline of its own, and a text ending in one has no line after it.
		if (at < 0 || at === text.length - 1) return true;
	}
	report.error(
		'ruleset-too-large',
		{ line: MAX_RULESET_LINES + 1, column: 1, endColumn: 2 },
		`the rule set has more than ${MAX_RULESET_LINES.toLocaleString('en')} lines, the most nfwalk reads (see docs/limits.md): remove blank and comment lines, or load one table or the chains the packets take`
	);
	return false;
}
