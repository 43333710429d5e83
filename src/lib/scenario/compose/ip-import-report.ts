/** Diagnostics of an `ip addr` / `ip route` import: line and column in the pasted text. */
import type { Diagnostic } from '../../engine/diagnostics';

/**
 * Codes: `import-unreadable` (error: a line none of the supported commands prints),
 * `import-bad-value` (error: an address or number that does not read), `import-left-out`
 * (warning: understood, but nothing a scenario can hold, such as an IPv6 or a blackhole route).
 */
export type ImportCode = 'import-unreadable' | 'import-bad-value' | 'import-left-out';

export class ImportReport {
	readonly diagnostics: Diagnostic[] = [];

	private add(
		code: ImportCode,
		severity: Diagnostic['severity'],
		line: number,
		column: number,
		culprit: string,
		message: string
	): void {
		const endColumn = column + Math.max(1, culprit.length);
		this.diagnostics.push({ code, severity, line, column, endColumn, message });
	}

	error(line: number, column: number, culprit: string, message: string): void {
		this.add('import-bad-value', 'error', line, column, culprit, message);
	}

	unreadable(line: number, column: number, culprit: string, message: string): void {
		this.add('import-unreadable', 'error', line, column, culprit, message);
	}

	leftOut(line: number, column: number, culprit: string, message: string): void {
		this.add('import-left-out', 'warning', line, column, culprit, message);
	}
}
