/**
 * A JSON reader that keeps where every value was written, so a scenario's diagnostics can point
 * at the offending value (`packets[2].dport` at 14:17) instead of at "somewhere in the file".
 * JSON.parse cannot: it reports positions only for syntax errors, and not the same way in every
 * engine. Strict RFC 8259: no comments, no trailing commas, one value per document.
 */

/** Where a value starts and, on its first line, ends (exclusive); 1-based. */
export interface JsonPos {
	line: number;
	column: number;
	endColumn: number;
}

/** One property of an object, with where its key was written (for "unknown field" errors). */
export interface JsonMember {
	key: string;
	keyPos: JsonPos;
	value: JsonNode;
}

/** A parsed value with its position, discriminated by `type`, e.g. `{ type: 'number', value: 80, … }`. */
export type JsonNode =
	| { type: 'object'; members: JsonMember[]; pos: JsonPos }
	| { type: 'array'; items: JsonNode[]; pos: JsonPos }
	| { type: 'string'; value: string; pos: JsonPos }
	| { type: 'number'; value: number; text: string; pos: JsonPos }
	| { type: 'boolean'; value: boolean; pos: JsonPos }
	| { type: 'null'; pos: JsonPos };

/** A syntax error at a position, e.g. `expected "," or "}" after a property`. */
export interface JsonSyntaxError {
	message: string;
	pos: JsonPos;
}

export type JsonReadResult = { ok: true; node: JsonNode } | { ok: false; error: JsonSyntaxError };

/** Thrown inside the reader only; readJson turns it into a result. */
class Stop {
	constructor(readonly error: JsonSyntaxError) {}
}

const ESCAPES: Record<string, string> = {
	'"': '"',
	'\\': '\\',
	'/': '/',
	b: '\b',
	f: '\f',
	n: '\n',
	r: '\r',
	t: '\t'
};

/**
 * Arrays and objects inside each other. A scenario nests five deep; the reader recurses once per
 * level, and text like `[[[[…` 10,000 deep would otherwise overflow the call stack.
 */
export const MAX_JSON_DEPTH = 64;

const NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

class Reader {
	private i = 0;
	private line = 1;
	private lineStart = 0;
	private depth = 0;

	constructor(private readonly text: string) {}

	read(): JsonNode {
		// A byte-order mark is what some editors write first; JSON.parse refuses it, people should not have to.
		if (this.text.charCodeAt(0) === 0xfeff) this.i = this.lineStart = 1;
		this.skipSpace();
		const node = this.value();
		this.skipSpace();
		if (this.i < this.text.length) this.fail('unexpected text after the end of the document');
		return node;
	}

	private pos(start = this.i, end = start + 1): JsonPos {
		const column = start - this.lineStart + 1;
		return { line: this.line, column, endColumn: Math.max(column + 1, end - this.lineStart + 1) };
	}

	private fail(message: string, pos = this.pos()): never {
		throw new Stop({ message, pos });
	}

	private skipSpace(): void {
		const t = this.text;
		while (this.i < t.length) {
			const c = t[this.i];
			if (c === '\n') {
				this.line++;
				this.lineStart = ++this.i;
			} else if (c === ' ' || c === '\t' || c === '\r') this.i++;
			else if (c === '/' && (t[this.i + 1] === '/' || t[this.i + 1] === '*'))
				this.fail('comments are not allowed in JSON; move the note into "description"');
			else break;
		}
	}

	private value(): JsonNode {
		const c = this.text[this.i];
		if (c === '{') return this.object();
		if (c === '[') return this.array();
		if (c === '"') {
			const start = this.i;
			const value = this.string();
			return { type: 'string', value, pos: this.pos(start, this.i) };
		}
		if (c === '-' || (c >= '0' && c <= '9')) return this.number();
		for (const [word, node] of [
			['true', { type: 'boolean', value: true }],
			['false', { type: 'boolean', value: false }],
			['null', { type: 'null' }]
		] as const) {
			if (this.text.startsWith(word, this.i)) {
				const pos = this.pos(this.i, this.i + word.length);
				this.i += word.length;
				return { ...node, pos } as JsonNode;
			}
		}
		if (c === undefined) this.fail('unexpected end of the document: a value is missing');
		if (c === "'") this.fail('strings in JSON use double quotes (")');
		this.fail(`unexpected character ${JSON.stringify(c)}: expected a value`);
	}

	private object(): JsonNode {
		const pos = this.pos();
		const members: JsonMember[] = [];
		this.enter();
		this.i++;
		this.skipSpace();
		if (this.text[this.i] === '}') {
			this.i++;
			this.depth--;
			return { type: 'object', members, pos };
		}
		for (;;) {
			if (this.text[this.i] !== '"') {
				this.fail(
					this.text[this.i] === '}'
						? 'trailing comma before "}": remove it'
						: 'expected a property name in double quotes'
				);
			}
			const keyStart = this.i;
			const key = this.string();
			const keyPos = this.pos(keyStart, this.i);
			this.skipSpace();
			if (this.text[this.i] !== ':') this.fail(`expected ":" after the property name "${key}"`);
			this.i++;
			this.skipSpace();
			members.push({ key, keyPos, value: this.value() });
			this.skipSpace();
			const c = this.text[this.i];
			this.i++;
			if (c === '}') {
				this.depth--;
				return { type: 'object', members, pos };
			}
			if (c !== ',') {
				this.i--;
				this.fail(`expected "," or "}" after the value of "${key}"`);
			}
			this.skipSpace();
		}
	}

	private array(): JsonNode {
		const pos = this.pos();
		const items: JsonNode[] = [];
		this.enter();
		this.i++;
		this.skipSpace();
		if (this.text[this.i] === ']') {
			this.i++;
			this.depth--;
			return { type: 'array', items, pos };
		}
		for (;;) {
			if (this.text[this.i] === ']') this.fail('trailing comma before "]": remove it');
			items.push(this.value());
			this.skipSpace();
			const c = this.text[this.i];
			this.i++;
			if (c === ']') {
				this.depth--;
				return { type: 'array', items, pos };
			}
			if (c !== ',') {
				this.i--;
				this.fail('expected "," or "]" after an array item');
			}
			this.skipSpace();
		}
	}

	private enter(): void {
		if (++this.depth > MAX_JSON_DEPTH)
			this.fail(
				`arrays and objects nest more than ${MAX_JSON_DEPTH} deep here; a scenario needs five levels at most (see docs/limits.md)`
			);
	}

	private string(): string {
		const t = this.text;
		let out = '';
		let runStart = ++this.i;
		for (;;) {
			const c = t[this.i];
			if (c === undefined || c === '\n')
				this.fail('unterminated string: close it with " (write a line break as \\n)');
			if (c === '"') break;
			if (c < ' ') this.fail('control characters must be escaped in strings (\\t, \\n, \\u0000)');
			if (c !== '\\') {
				this.i++;
				continue;
			}
			out += t.slice(runStart, this.i);
			const e = t[this.i + 1];
			if (e === 'u') {
				const hex = t.slice(this.i + 2, this.i + 6);
				if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('\\u needs four hex digits');
				out += String.fromCharCode(parseInt(hex, 16));
				this.i += 6;
			} else if (e !== undefined && Object.hasOwn(ESCAPES, e)) {
				out += ESCAPES[e];
				this.i += 2;
			} else this.fail(`invalid escape \\${e ?? ''} in a string`, this.pos(this.i, this.i + 2));
			runStart = this.i;
		}
		out += t.slice(runStart, this.i);
		this.i++;
		return out;
	}

	private number(): JsonNode {
		NUMBER.lastIndex = this.i;
		const m = NUMBER.exec(this.text);
		if (!m || m[0] === '-') this.fail('invalid number');
		const start = this.i;
		this.i += m[0].length;
		if (/[0-9.xXeE]/.test(this.text[this.i] ?? ''))
			this.fail(
				'invalid number (JSON has no hex, octal or leading zeros; write hex as a string "0x10")'
			);
		return { type: 'number', value: Number(m[0]), text: m[0], pos: this.pos(start, this.i) };
	}
}

/** Reads one JSON document; never throws for bad input. */
export function readJson(text: string): JsonReadResult {
	try {
		return { ok: true, node: new Reader(text).read() };
	} catch (e) {
		if (e instanceof Stop) return { ok: false, error: e.error };
		throw e;
	}
}
