/**
 * Where a diagnostic may point: a line of the input and a column on it, or just past its end
 * (a missing word is reported where it should have been), and an end column past it.
 */
import type { Diagnostic } from '../../../src/lib/engine/index';

/** What is wrong with each diagnostic's position in `text`, or [] when all are inside it. */
export function misplacedDiagnostics(text: string, diagnostics: readonly Diagnostic[]): string[] {
	// Lines as an editor counts them: after a final newline there is one more, empty line, where
	// "unexpected end of the document" is rightly reported.
	const lines = text.split('\n');
	const out: string[] = [];
	for (const d of diagnostics) {
		const at = `${d.code} at ${d.line}:${d.column}-${d.endColumn}`;
		if (!Number.isInteger(d.line) || d.line < 1 || d.line > lines.length) {
			out.push(`${at}: line outside 1..${lines.length}`);
			continue;
		}
		const length = lines[d.line - 1].length;
		if (!Number.isInteger(d.column) || d.column < 1 || d.column > length + 1)
			out.push(`${at}: column outside 1..${length + 1} of line ${d.line}`);
		else if (!Number.isInteger(d.endColumn) || d.endColumn <= d.column || d.endColumn > length + 2)
			out.push(`${at}: end column outside ${d.column + 1}..${length + 2}`);
		if (!d.message) out.push(`${at}: no message`);
	}
	return out;
}
