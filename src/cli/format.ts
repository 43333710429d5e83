/** How the CLI prints diagnostics for people: compiler-style lines that editors can jump to. */
import { codeFrame, type Diagnostic } from '../lib/engine/index';

const FRAME_INDENT = '    ';

/** `FILE:LINE:COL: severity: message [code]`, the shape gcc, tsc and most editors recognise. */
export function formatDiagnosticLine(file: string, d: Diagnostic): string {
	return `${file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`;
}

/**
 * Formats the diagnostics of one source. codeFrame splits the whole source on every call, which
 * took minutes for 30,000 diagnostics on a 70,000-line dump; so the lines are split once here and
 * codeFrame sees only the one line, with the gutter's line number put back afterwards.
 */
export function diagnosticFormatter(file: string, source: string): (d: Diagnostic) => string {
	let lines: string[] | null = null;
	return (d) => {
		lines ??= source.split('\n');
		const [text, caret] = codeFrame(lines[d.line - 1] ?? '', { ...d, line: 1 }).split('\n');
		const gutter = String(d.line);
		const frame = [gutter + text.slice(1), ' '.repeat(gutter.length) + caret.slice(1)];
		return `${formatDiagnosticLine(file, d)}\n${frame.map((l) => FRAME_INDENT + l).join('\n')}\n`;
	};
}

export function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function countSeverities(diagnostics: readonly Diagnostic[]): {
	errors: number;
	warnings: number;
} {
	let errors = 0;
	for (const d of diagnostics) if (d.severity === 'error') errors++;
	return { errors, warnings: diagnostics.length - errors };
}

/** e.g. `2 files checked: 1 error, 3 warnings`. */
export function formatSummary(files: number, errors: number, warnings: number): string {
	return `${plural(files, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`;
}
