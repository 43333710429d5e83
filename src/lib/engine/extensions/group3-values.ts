/**
 * Value parsers shared by the header matches of work package 3: unsigned ranges written `a:b`
 * (SPIs, lengths) and name tables looked up the iptables way.
 */
import { isError, parseUnsigned, type Parsed } from '../parse/values';

/** An inclusive unsigned range; `from > to` is kept, as iptables 1.8.9 keeps it. */
export interface UintRange {
	from: number;
	to: number;
}

/** `5`, `3:9`, `:9` (from 0), `3:` (to max), `:` (everything), as xtables' XTTYPE_*RC reads them. */
export function parseUintRange(text: string, max: number): Parsed<UintRange> {
	const colon = text.indexOf(':');
	const one = (w: string, dflt: number): Parsed<number> => {
		if (w === '') return dflt;
		const n = parseUnsigned(w, 0, max);
		return isError(n) ? { error: `"${text}" is not a number or range a:b within 0–${max}` } : n;
	};
	if (colon < 0) {
		if (text === '') return { error: `a number 0–${max} or a range a:b is needed` };
		const n = one(text, 0);
		return isError(n) ? n : { from: n, to: n };
	}
	const from = one(text.slice(0, colon), 0);
	if (isError(from)) return from;
	const to = one(text.slice(colon + 1), max);
	if (isError(to)) return to;
	return { from, to };
}

export function formatUintRange(r: UintRange): string {
	return r.from === r.to ? String(r.from) : `${r.from}:${r.to}`;
}

/** Case-insensitive exact lookup in a name → number table. */
export function lookupName(
	table: readonly (readonly [string, number])[],
	word: string
): number | undefined {
	const w = word.toLowerCase();
	return table.find(([n]) => n.toLowerCase() === w)?.[1];
}
