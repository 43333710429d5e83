/**
 * What a form field shows for a value of the scenario, and the value its text stands for. Text
 * that is not what the field wants (letters in a port) is kept as written, so the scenario
 * parser reports it beside the field instead of the form silently dropping it.
 */

/** How a field's text reads: `number-or-text` is a table (`7` or `main`) or a mark (`0x10`). */
export type FieldKind = 'text' | 'number' | 'number-or-text' | 'list' | 'choice';

/** A column of a record table, e.g. `{ key: 'via', label: 'via', kind: 'text' }`. */
export interface Column {
	key: string;
	label: string;
	kind: FieldKind;
	/** For `choice`. */
	options?: readonly string[];
	placeholder?: string;
	/** An empty required field stays an empty string (the parser says what to write). */
	required?: boolean;
}

export function fieldText(value: unknown, kind: FieldKind): string {
	if (value === undefined || value === null) return '';
	if (kind === 'list' && Array.isArray(value)) return value.join(', ');
	return String(value);
}

/** The value for a field's text; undefined removes an optional field. */
export function fieldValue(text: string, column: Pick<Column, 'kind' | 'required'>): unknown {
	const t = text.trim();
	if (column.kind === 'list') return t.split(/[\s,]+/).filter(Boolean);
	if (t === '') return column.required ? '' : undefined;
	if (column.kind === 'number') return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
	if (column.kind === 'number-or-text') return /^\d+$/.test(t) ? Number(t) : t;
	return t;
}
