/** How the CLI prints diagnostics for people: compiler-style lines that editors can jump to. */
import { codeFramer, type Diagnostic } from '../lib/engine/index';

const FRAME_INDENT = '    ';

/** `FILE:LINE:COL: severity: message [code]`, the shape gcc, tsc and most editors recognise. */
export function formatDiagnosticLine(file: string, d: Diagnostic): string {
	return `${file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`;
}

/** Formats the diagnostics of one source, each with its code frame indented under it. */
export function diagnosticFormatter(file: string, source: string): (d: Diagnostic) => string {
	let frame: ((d: Diagnostic) => string) | null = null;
	return (d) => {
		// Split on first use: a clean file with no diagnostics never pays for it.
		frame ??= codeFramer(source);
		const lines = frame(d).split('\n');
		return `${formatDiagnosticLine(file, d)}\n${lines.map((l) => FRAME_INDENT + l).join('\n')}\n`;
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
