/** A deep copy without `span` fields, so two parses of different text can be compared. */
export function stripSpans(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(stripSpans);
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) if (k !== 'span') out[k] = stripSpans(v);
		return out;
	}
	return value;
}
