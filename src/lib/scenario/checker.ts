/**
 * Typed reads of positioned JSON values, each reporting a diagnostic at the value when it is not
 * what the format wants. Every message names the field path (`packets[2].dport`) and says what to
 * write; the codes are stable and listed in docs/scenario-format.md.
 */
import type { Diagnostic } from '../engine/diagnostics';
import { parseIPv4, parseUnsigned, isError } from '../engine/parse/values';
import type { JsonNode, JsonPos } from './json-reader';

/** Stable diagnostic codes of the scenario format. */
export type ScenarioCode =
	| 'json-syntax'
	| 'duplicate-field'
	| 'unknown-field'
	| 'missing-field'
	| 'wrong-type'
	| 'bad-value'
	| 'unknown-version'
	| 'unknown-interface'
	| 'field-not-applicable'
	| 'duplicate-name'
	| 'time-goes-backwards'
	| 'too-many-packets';

type Kind = JsonNode['type'];
type NodeOf<K extends Kind> = Extract<JsonNode, { type: K }>;

const KIND_WORDS: Record<Kind, string> = {
	object: 'an object ({…})',
	array: 'an array ([…])',
	string: 'a string ("…")',
	number: 'a number',
	boolean: 'true or false',
	null: 'null'
};

/** The object's fields by name; absent fields are undefined. */
export type Fields = Partial<Record<string, JsonNode>>;

export class Checker {
	readonly diagnostics: Diagnostic[] = [];
	/** Where each object member's key was written, for errors that say "remove this field". */
	private readonly keys = new WeakMap<JsonNode, JsonPos>();

	/** The position of the key a value was written under (the value's own when it has none). */
	keyOf(node: JsonNode): JsonPos {
		return this.keys.get(node) ?? node.pos;
	}

	report(pos: JsonPos, code: ScenarioCode, message: string): null {
		this.diagnostics.push({ code, severity: 'error', ...pos, message });
		return null;
	}

	/** The node if it is of one of `kinds`, else a wrong-type error saying what to write. */
	kind<K extends Kind>(
		node: JsonNode,
		path: string,
		kinds: K[],
		example: string
	): NodeOf<K> | null {
		if ((kinds as Kind[]).includes(node.type)) return node as NodeOf<K>;
		const want = kinds.map((k) => KIND_WORDS[k]).join(' or ');
		return this.report(
			node.pos,
			'wrong-type',
			`${path || 'the document'} must be ${want}, not ${KIND_WORDS[node.type]}; e.g. ${example}`
		);
	}

	/**
	 * An object's fields, after checking that every field is known, none is repeated and every
	 * required one is there. Unknown and duplicate fields are errors: a misspelt optional field
	 * would otherwise silently take its default.
	 */
	object(
		node: JsonNode,
		path: string,
		known: readonly string[],
		required: readonly string[],
		example = '{ … }'
	): Fields | null {
		const obj = this.kind(node, path, ['object'], example);
		if (!obj) return null;
		const fields: Fields = {};
		for (const m of obj.members) {
			const where = path ? `${path}.${m.key}` : m.key;
			if (!known.includes(m.key)) {
				const near = nearest(m.key, known);
				this.report(
					m.keyPos,
					'unknown-field',
					`${where}: unknown field${near ? ` (did you mean "${near}"?)` : ''}; the fields here are ${known.join(', ')}`
				);
			} else if (Object.hasOwn(fields, m.key)) {
				this.report(m.keyPos, 'duplicate-field', `${where} is given twice; keep one`);
			} else {
				fields[m.key] = m.value;
				this.keys.set(m.value, m.keyPos);
			}
		}
		this.require(fields, obj.pos, path, required);
		return fields;
	}

	/** A missing-field error at the object for each of `names` it lacks; `why` says when they are required. */
	require(fields: Fields, pos: JsonPos, path: string, names: readonly string[], why = ''): boolean {
		let ok = true;
		for (const name of names) {
			if (fields[name] !== undefined) continue;
			ok = false;
			this.report(
				pos,
				'missing-field',
				`${path || 'the document'}: "${name}" is required${why}${requiredHint(name)}`
			);
		}
		return ok;
	}

	string(node: JsonNode, path: string, example: string): string | null {
		return this.kind(node, path, ['string'], example)?.value ?? null;
	}

	boolean(node: JsonNode, path: string): boolean | null {
		return this.kind(node, path, ['boolean'], 'true')?.value ?? null;
	}

	array(node: JsonNode, path: string, example: string): JsonNode[] | null {
		return this.kind(node, path, ['array'], example)?.items ?? null;
	}

	/** An integer in [min, max]. */
	integer(node: JsonNode, path: string, min: number, max: number, example: string): number | null {
		const n = this.kind(node, path, ['number'], example);
		if (!n) return null;
		if (!Number.isInteger(n.value) || n.value < min || n.value > max) {
			return this.report(
				n.pos,
				'bad-value',
				`${path} must be a whole number from ${min} to ${max}, not ${n.text}`
			);
		}
		return n.value;
	}

	/** A 32-bit value as a number or a string in C notation (`"0x10"`), as marks are usually written. */
	unsigned32(node: JsonNode, path: string): number | null {
		const n = this.kind(node, path, ['number', 'string'], '"0x10" or 16');
		if (!n) return null;
		if (n.type === 'number') return this.integer(n, path, 0, 0xffffffff, '"0x10"');
		const v = parseUnsigned(n.value.trim());
		if (isError(v)) {
			return this.report(
				n.pos,
				'bad-value',
				`${path}: ${v.error}; write a number 0–0xffffffff, e.g. "0x10"`
			);
		}
		return v;
	}

	ipv4(node: JsonNode, path: string): number | null {
		const s = this.string(node, path, '"10.0.1.2"');
		if (s === null) return null;
		const a = parseIPv4(s);
		if (a === null) {
			return this.report(
				node.pos,
				'bad-value',
				`${path}: "${s}" is not an IPv4 address; write four numbers 0–255, e.g. "10.0.1.2"`
			);
		}
		return a;
	}
}

const HINTS: Record<string, string> = {
	nfwalk: ': the format version, "nfwalk": 1, tells nfwalk how to read the file',
	dport: ', e.g. "dport": 80',
	sport: ', e.g. "sport": 40000',
	flags: ', e.g. "flags": ["SYN"] (an empty list is a segment with no flags)',
	type: ', e.g. "type": 8 for an echo request',
	code: ', e.g. "code": 0',
	id: ', e.g. "id": 7 (echo and timestamp messages carry an identifier)',
	src: ', e.g. "src": "10.0.1.2" (only "from": "local" packets may leave it to routing)',
	dst: ', e.g. "dst": "10.0.2.2"',
	proto: ', e.g. "proto": "tcp"',
	from: ', e.g. "from": "eth0" or "from": "local"',
	addresses: ', e.g. "addresses": ["10.0.1.1/24"]'
};

function requiredHint(name: string): string {
	return HINTS[name] ?? '';
}

/** The known name closest to a misspelt one (at most two edits away), or undefined. */
function nearest(name: string, known: readonly string[]): string | undefined {
	let best: string | undefined;
	let bestDistance = 3;
	for (const k of known) {
		const d = editDistance(k.toLowerCase(), name.toLowerCase());
		if (d < bestDistance) [best, bestDistance] = [k, d];
	}
	return best;
}

/** Levenshtein distance, for "did you mean" on misspelt field names. */
function editDistance(a: string, b: string): number {
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		for (let j = 1; j <= b.length; j++) {
			row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		}
		prev = row;
	}
	return prev[b.length];
}
