/**
 * The engine's diagnostics as CodeMirror lint diagnostics: underline, gutter marker and a hover
 * with `LINE:COLUMN`, the message and the code frame. The engine checks the text off the main
 * thread and a moment later; answers about text the editor no longer holds are dropped, and the
 * last good ones move with the edits (CodeMirror maps them), so nothing is shown at a wrong place.
 */
import type { Text } from '@codemirror/state';
import type { Diagnostic as LintDiagnostic } from '@codemirror/lint';
import { codeFrame, type Diagnostic } from '../engine/index';

/** Document offsets for a 1-based line and columns; clamped to the line, never empty if avoidable. */
export function diagnosticRange(doc: Text, d: Diagnostic): { from: number; to: number } {
	const line = doc.line(Math.min(Math.max(1, d.line), doc.lines));
	const from = line.from + Math.min(Math.max(0, d.column - 1), line.length);
	const to = line.from + Math.min(Math.max(d.column, d.endColumn) - 1, line.length);
	// An error at the end of a line (a missing argument) still gets one character to underline.
	return to > from ? { from, to } : { from: Math.max(line.from, from - 1), to: from };
}

function render(d: Diagnostic, frame: string): HTMLElement {
	const box = document.createElement('div');
	box.className = 'nfwalk-lint';
	box.dataset.hook = 'lint-message';
	box.dataset.line = String(d.line);
	box.dataset.column = String(d.column);
	box.dataset.code = d.code;
	const head = document.createElement('div');
	const at = document.createElement('strong');
	at.textContent = `${d.line}:${d.column}`;
	head.append(at, ` ${d.message} `);
	const code = document.createElement('code');
	code.textContent = d.code;
	head.append(code);
	const pre = document.createElement('pre');
	pre.textContent = frame;
	box.append(head, pre);
	return box;
}

/**
 * The lint diagnostics for `source` (the text the engine checked) in `doc`, or null when the
 * editor holds other text by now: the caller keeps what it shows and waits for the next answer.
 */
export function lintDiagnostics(
	doc: Text,
	source: string,
	diagnostics: readonly Diagnostic[],
	current: () => string
): LintDiagnostic[] | null {
	if (source !== current()) return null;
	return diagnostics.map((d) => {
		const lineText = doc.line(Math.min(Math.max(1, d.line), doc.lines)).text;
		return {
			...diagnosticRange(doc, d),
			severity: d.severity,
			message: `${d.line}:${d.column} ${d.message}`,
			// The frame only on hover, and from its own line: codeFrame splits the text it gets.
			renderMessage: () => render(d, codeFrame('\n'.repeat(d.line - 1) + lineText, d))
		};
	});
}
