/**
 * The parser's front door: detects whether the text is an iptables-restore file or a script of
 * `iptables` commands, parses it, and runs the whole-rule-set checks.
 */
import type { Diagnostic } from '../diagnostics';
import { compareDiagnostics } from '../diagnostics';
import type { Ruleset } from '../model';
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

const RESTORE_LINE = /^\s*(\*[a-z]|:[^\s]|COMMIT\s*$|(\[[0-9]+:[0-9]+\]\s*)?-[AIDRNXFZPE]\s)/m;
const SCRIPT_LINE = /^\s*(sudo\s+)?(\S*\/)?(iptables(-legacy|-nft)?|\$\{?[A-Za-z_]+\}?)\s+-/m;

/** `restore` when the text has restore-file lines (`*filter`, `:INPUT ACCEPT`, `COMMIT`), else `script` when it has `iptables …` commands. */
export function detectFormat(text: string): InputFormat {
	if (/^\s*(\*[a-z]|:\S|COMMIT\b)/m.test(text)) return 'restore';
	if (SCRIPT_LINE.test(text)) return 'script';
	return RESTORE_LINE.test(text) ? 'restore' : 'script';
}

export function parseRuleset(text: string, format: InputFormat = detectFormat(text)): ParseResult {
	const report = new Reporter();
	const builder = format === 'restore' ? parseRestore(text, report) : parseScript(text, report);
	const ruleset = builder.finish();
	validateRuleset(ruleset, report);
	return { ruleset, diagnostics: report.diagnostics.sort(compareDiagnostics), format };
}
