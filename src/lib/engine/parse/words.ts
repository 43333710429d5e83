/**
 * Splitting a line into words the way iptables-restore and a POSIX shell do, keeping each
 * word's column so every diagnostic can point at the exact word.
 */
import type { SourceSpan } from '../model';

/** One argument word, e.g. `{ text: 'a b', span: {line: 3, column: 40, endColumn: 45}, quoted: true }`. */
export interface Word {
	text: string;
	span: SourceSpan;
	/** True when any part of the word was quoted, so `"!"` is a literal and not an inversion. */
	quoted: boolean;
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

function word(
	text: string,
	line: number,
	column: number,
	endColumn: number,
	quoted: boolean
): Word {
	return { text, span: { line, column, endColumn }, quoted };
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
		const span = { line, column: startColumn + start, endColumn: startColumn + i };
		if (quote) {
			return {
				words,
				problem: { message: `unterminated quoted string: add the closing ${quote}`, span }
			};
		}
		if (i > start) words.push({ text: value, span, quoted });
		if (text[i] === ';') {
			// `a; b` holds two commands: an unquoted `;` word lets the script reader split them.
			words.push({
				text: ';',
				span: { line, column: startColumn + i, endColumn: startColumn + i + 1 },
				quoted: false
			});
			i++;
		}
	}
	return { words, problem: null };
}
