/**
 * Which field a scenario diagnostic is about, so a form can show it beside that field: every
 * message of the scenario parser starts with the field's path (`host.routes[0].via: …`).
 */
import type { Diagnostic } from '../../engine/diagnostics';

/** Paths start at a top-level field of the document. */
const PATH =
	/^((?:host|packets|rules|title|description|nfwalk)(?:\.[A-Za-z]+|\[\d+\])*)(?=[:\s]|$)/;

/** The field path a diagnostic names first, e.g. `packets[2].dport`, or null. */
export function pathOf(d: Diagnostic): string | null {
	return PATH.exec(d.message)?.[1] ?? null;
}

/** The diagnostics about `path` itself or any field inside it. */
export function diagnosticsUnder(diagnostics: readonly Diagnostic[], path: string): Diagnostic[] {
	return diagnostics.filter((d) => {
		const p = pathOf(d);
		return p !== null && (p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`));
	});
}
