/**
 * Diagnostics: what nfwalk says about user input. Never an exception for bad input; each one has
 * a stable code, a severity, a position and advice a person can act on.
 */

/** One finding, e.g. `{ code: 'unknown-option', severity: 'error', line: 3, column: 18, … }`. */
export interface Diagnostic {
	/** Stable kebab-case code, e.g. `jump-to-undefined-chain`; tools may key on it. */
	code: string;
	severity: 'error' | 'warning';
	/** 1-based line and column; `endColumn` is exclusive and ≥ column + 1. */
	line: number;
	column: number;
	endColumn: number;
	/** What is wrong, and what to do about it. */
	message: string;
}

/** Renders a diagnostic's source line with a caret under the culprit, for terminals and the page. */
export function codeFrame(source: string, d: Diagnostic): string {
	return codeFramer(source)(d);
}

/**
 * codeFrame for many diagnostics of one source: the source is split into lines once, not once
 * per diagnostic (a rule set with thousands of findings would otherwise be split thousands of times).
 */
export function codeFramer(source: string): (d: Diagnostic) => string {
	const lines = source.split('\n');
	return (d) => {
		const text = (lines[d.line - 1] ?? '').replace(/\r$/, '');
		const gutter = String(d.line);
		const pad = ' '.repeat(gutter.length);
		const width = Math.max(1, Math.min(d.endColumn, text.length + 1) - d.column);
		const caret = ' '.repeat(Math.max(0, d.column - 1)) + '^'.repeat(width);
		return `${gutter} | ${text}\n${pad} | ${caret}`;
	};
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
	return a.line - b.line || a.column - b.column;
}
