import type { Diagnostic } from '../diagnostics';
import type { SourceSpan } from '../model';

/** Collects diagnostics while parsing; passed down instead of throwing. */
export class Reporter {
	readonly diagnostics: Diagnostic[] = [];

	error(code: string, span: SourceSpan, message: string): void {
		this.add(code, 'error', span, message);
	}

	warning(code: string, span: SourceSpan, message: string): void {
		this.add(code, 'warning', span, message);
	}

	add(code: string, severity: 'error' | 'warning', span: SourceSpan, message: string): void {
		this.diagnostics.push({
			code,
			severity,
			line: span.line,
			column: span.column,
			endColumn: Math.max(span.endColumn, span.column + 1),
			message
		});
	}

	get errorCount(): number {
		return this.diagnostics.filter((d) => d.severity === 'error').length;
	}
}

/** The span from the start of `a` to the end of `b` (same line). */
export function joinSpans(a: SourceSpan, b: SourceSpan): SourceSpan {
	return { line: a.line, column: a.column, endColumn: Math.max(a.endColumn, b.endColumn) };
}
