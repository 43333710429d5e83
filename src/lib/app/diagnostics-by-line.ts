import { compareDiagnostics, type Diagnostic } from '$lib/engine/diagnostics';

/** Groups diagnostics by source line, each group in column order, so a rule can show its own. */
export function groupByLine(diagnostics: readonly Diagnostic[]): Map<number, Diagnostic[]> {
	const byLine = new Map<number, Diagnostic[]>();
	for (const d of [...diagnostics].sort(compareDiagnostics)) {
		const group = byLine.get(d.line);
		if (group) group.push(d);
		else byLine.set(d.line, [d]);
	}
	return byLine;
}
