/**
 * Splitting a line into words the way iptables-restore and a POSIX shell do, keeping each
 * word's column so every diagnostic can point at the exact word.
 */
import type { SourceSpan } from '../model';

/**
 * One argument word with where it stands, e.g. `a b` from `--comment "a b"` on line 3, columns
 * 40–45. A class with a span made on demand: a 50,000-rule file has 750,000 words, and most never
 * need a span object of their own.
 */
export class Word {
	constructor(
		readonly text: string,
		readonly line: number,
		readonly column: number,
		readonly endColumn: number,
		/** True when any part of the word was quoted, so `"!"` is a literal and not an inversion. */
		readonly quoted: boolean
	) {}

	get span(): SourceSpan {
		return { line: this.line, column: this.column, endColumn: this.endColumn };
	}

	/** The same place with other text, e.g. the value part of `--opt=value`. */
	withText(text: string, column = this.column): Word {
		return new Word(text, this.line, column, this.endColumn, this.quoted);
	}
}

/** The span from the start of `a` to the end of `b` (same line). */
export function spanBetween(a: Word, b: Word): SourceSpan {
	return { line: a.line, column: a.column, endColumn: Math.max(a.endColumn, b.endColumn) };
}

/** A word-splitting problem, e.g. an unterminated quote. */
export interface SplitProblem {
	message: string;
	span: SourceSpan;
}

export interface SplitResult {
	words: Word[];
	problem: SplitProblem | null;
}

/**
 * iptables-restore's own splitting (xtables `add_param_to_argv`): blanks separate words, double
 * quotes group, and inside quotes a backslash escapes the next character. Single quotes and
 * backslashes outside quotes are ordinary characters — unlike a shell.
 */
export function splitRestoreLine(text: string, line: number, startColumn = 1): SplitResult {
	const words: Word[] = [];
	const n = text.length;
	let i = 0;
	while (i < n) {
		let c = text.charCodeAt(i);
		if (c === SPACE || c === TAB) {
			i++;
			continue;
		}
		const start = i;
		// Most words have no quote: scan to the next blank and slice, without building a string.
		while (i < n && (c = text.charCodeAt(i)) !== SPACE && c !== TAB && c !== QUOTE) i++;
		if (i >= n || c !== QUOTE) {
			words.push(word(text.slice(start, i), line, startColumn + start, startColumn + i, false));
			continue;
		}
		let value = text.slice(start, i);
		let inQuote = false;
		while (i < n) {
			const ch = text[i];
			if (inQuote) {
				// Copy the run up to the next quote or backslash in one slice, not char by char.
				let j = i;
				while (j < n && (c = text.charCodeAt(j)) !== QUOTE && c !== BACKSLASH) j++;
				if (j > i) {
					value += text.slice(i, j);
					i = j;
					continue;
				}
				if (ch === '\\' && i + 1 < n) {
					value += text[i + 1];
					i += 2;
					continue;
				}
				if (ch === '"') inQuote = false;
				else value += ch;
				i++;
				continue;
			}
			if (ch === ' ' || ch === '\t') break;
			if (ch === '"') inQuote = true;
			else value += ch;
			i++;
		}
		const w = word(value, line, startColumn + start, startColumn + i, true);
		if (inQuote) {
			return {
				words,
				problem: { message: 'unterminated quoted string: add the closing "', span: w.span }
			};
		}
		words.push(w);
	}
	return { words, problem: null };
}

const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const BACKSLASH = 92;

function word(
	text: string,
	line: number,
	column: number,
	endColumn: number,
	quoted: boolean
): Word {
	return new Word(text, line, column, endColumn, quoted);
}

/**
 * POSIX-shell splitting for `iptables …` command scripts: single quotes are literal, double quotes
 * allow `\"` `\\` `\$` escapes, a backslash outside quotes escapes one character. `$VAR` is kept
 * verbatim; the script reader decides what it can expand. A `#` at a word's start ends the line.
 */
export function splitShellLine(text: string, line: number, startColumn = 1): SplitResult {
	const words: Word[] = [];
	let i = 0;
	while (i < text.length) {
		while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
		if (i >= text.length || text[i] === '#') break;
		const start = i;
		let value = '';
		let quoted = false;
		let quote: "'" | '"' | null = null;
		while (i < text.length) {
			const c = text[i];
			if (quote === "'") {
				if (c === "'") quote = null;
				else value += c;
				i++;
				continue;
			}
			if (quote === '"') {
				if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) {
					value += text[i + 1];
					i += 2;
					continue;
				}
				if (c === '"') quote = null;
				else value += c;
				i++;
				continue;
			}
			if (c === ' ' || c === '\t' || c === ';') break;
			if (c === "'" || c === '"') {
				quote = c;
				quoted = true;
			} else if (c === '\\' && i + 1 < text.length) {
				value += text[i + 1];
				quoted = true;
				i += 2;
				continue;
			} else value += c;
			i++;
		}
		const w = word(value, line, startColumn + start, startColumn + i, quoted);
		if (quote) {
			return {
				words,
				problem: { message: `unterminated quoted string: add the closing ${quote}`, span: w.span }
			};
		}
		if (i > start) words.push(w);
		if (text[i] === ';') {
			// `a; b` holds two commands: an unquoted `;` word lets the script reader split them.
			words.push(word(';', line, startColumn + i, startColumn + i + 1, false));
			i++;
		}
	}
	return { words, problem: null };
}
