/** `nfwalk check FILE…`: every diagnostic with a code frame and a summary, or one JSON document. */
import { parseRuleset, type Diagnostic, type InputFormat } from '../lib/engine/index';
import { parseScenario } from '../lib/scenario/index';
import { choice, COMMON_OPTIONS, inputFormat, parseCommandArgs } from './args';
import { countSeverities, diagnosticFormatter, formatSummary } from './format';
import { EXIT, readInput, UsageError, type Io } from './io';
import { USAGE } from './usage';

/** One file's entry in `--format json`. */
export interface CheckedFile {
	file: string;
	/** `scenario` for a scenario file; its rules are checked as a second entry, `FILE (rules)`. */
	format: InputFormat | 'scenario';
	diagnostics: Diagnostic[];
}

/** The `--format json` document; its shape is documented in docs/cli.md and tools rely on it. */
export interface CheckReport {
	files: CheckedFile[];
	errors: number;
	warnings: number;
}

/** A JSON document (a scenario) rather than rules: its first character is `{` (after a BOM). */
function looksLikeScenario(text: string): boolean {
	return /^\uFEFF?\s*\{/.test(text);
}

export async function runCheck(args: string[], io: Io): Promise<number> {
	const { values, positionals } = parseCommandArgs('check', args, {
		...COMMON_OPTIONS,
		format: { type: 'string' }
	});
	if (values.help) {
		io.stdout(USAGE);
		return EXIT.ok;
	}
	const output = choice('--format', values.format, ['text', 'json'], 'text');
	const forced = inputFormat(values.input);
	if (positionals.length === 0)
		throw new UsageError('check needs at least one FILE (or - for standard input)');
	if (positionals.filter((f) => f === '-').length > 1)
		throw new UsageError('standard input (-) can be read only once');

	// Read every file before printing anything, so an unreadable file is a clean usage error.
	const inputs = [];
	for (const file of positionals) inputs.push(await readInput(io, file));

	const report: CheckReport = { files: [], errors: 0, warnings: 0 };
	const add = (
		file: string,
		text: string,
		format: CheckedFile['format'],
		diagnostics: Diagnostic[]
	) => {
		const counts = countSeverities(diagnostics);
		report.errors += counts.errors;
		report.warnings += counts.warnings;
		report.files.push({ file, format, diagnostics });
		if (output === 'text') {
			const frame = diagnosticFormatter(file, text);
			for (const d of diagnostics) io.stdout(frame(d));
		}
	};
	for (const { name, text } of inputs) {
		if (!forced && looksLikeScenario(text)) {
			// A scenario file: the document, then its rules text (line numbers are the rules').
			const parsed = parseScenario(text);
			add(name, text, 'scenario', parsed.diagnostics);
			if (parsed.scenario) {
				const rules = parseRuleset(parsed.scenario.rules);
				add(`${name} (rules)`, parsed.scenario.rules, rules.format, rules.diagnostics);
			}
			continue;
		}
		const { diagnostics, format } = parseRuleset(text, forced);
		add(name, text, format, diagnostics);
	}
	if (output === 'json') io.stdout(JSON.stringify(report, null, 2) + '\n');
	else io.stdout(formatSummary(inputs.length, report.errors, report.warnings));
	return report.errors > 0 ? EXIT.findings : EXIT.ok;
}
