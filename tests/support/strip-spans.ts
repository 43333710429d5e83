/**
 * A deep copy without `span` fields, so two parses of different text can be compared. The options
 * of one match or target are sorted by name: within one extension their order means nothing to
 * the kernel (it stores one struct), and iptables prints them in its own fixed order.
 */
export function stripSpans(value: unknown, key = ''): unknown {
	if (Array.isArray(value)) {
		const items = value.map((v) => stripSpans(v));
		if (key === 'options') {
			items.sort((a, b) =>
				String((a as { name: string }).name).localeCompare(String((b as { name: string }).name))
			);
		}
		return items;
	}
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) if (k !== 'span') out[k] = stripSpans(v, k);
		return out;
	}
	return value;
}
