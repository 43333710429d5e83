/**
 * Highlighting for iptables-save/restore files and `iptables …` command scripts: one small
 * line tokenizer (CodeMirror's StreamLanguage), so a 10,000-line dump highlights only the lines
 * in view and re-tokenizes only the line being typed on.
 */
import { HighlightStyle, StreamLanguage, type StringStream } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

/** What the next word on the line is, given the option before it. */
export type Expect = 'any' | 'chain' | 'policyChain' | 'policy' | 'table' | 'module' | 'target';

/** The tokenizer's state: only what carries from one word to the next on the same line. */
export interface LineState {
	expect: Expect;
	/** True at the start of a line, before its first word. */
	lineStart: boolean;
}

/** Verdicts the kernel itself knows (not extensions, not chains). */
export const VERDICTS: readonly string[] = ['ACCEPT', 'DROP', 'RETURN', 'QUEUE'];

/** Options whose next word is a chain, e.g. `-A INPUT`. */
const CHAIN_COMMANDS = new Set([
	...['-A', '-I', '-D', '-R', '-N', '-F', '-Z', '-X', '-E', '-L', '-S'],
	...['--append', '--insert', '--delete', '--replace', '--new-chain', '--flush', '--zero'],
	...['--delete-chain', '--rename-chain', '--list', '--list-rules']
]);
const POLICY_COMMANDS = new Set(['-P', '--policy']);
const TABLE_OPTIONS = new Set(['-t', '--table']);
const MODULE_OPTIONS = new Set(['-m', '--match']);
const TARGET_OPTIONS = new Set(['-j', '--jump', '-g', '--goto']);
/** Words that start a command line in a script. */
const COMMAND_WORDS =
	/^(sudo|(\S*\/)?(ip6?tables(-legacy|-nft)?(-restore|-save)?)|\$\{?[A-Za-z_]+\}?)$/;

const NUMBER_LIKE =
	/^(\d+(\.\d+){3}(\/\d+(\.\d+){3}|\/\d+)?|\d+(\.\d+){3}-\d+(\.\d+){3}|0x[0-9a-fA-F]+(\/0x[0-9a-fA-F]+)?|\d+([:-]\d+)?(,\d+([:-]\d+)?)*|\[\d+:\d+\])$/;

export function startState(): LineState {
	return { expect: 'any', lineStart: true };
}

/** What the word after `word` is expected to be. */
export function expectAfter(word: string, current: Expect): Expect {
	// `-P CHAIN POLICY`: the policy follows the chain.
	if (current === 'policyChain') return 'policy';
	if (CHAIN_COMMANDS.has(word)) return 'chain';
	if (POLICY_COMMANDS.has(word)) return 'policyChain';
	if (TABLE_OPTIONS.has(word)) return 'table';
	if (MODULE_OPTIONS.has(word)) return 'module';
	if (TARGET_OPTIONS.has(word)) return 'target';
	return 'any';
}

/** The style name of one word (`tags` names, as StreamLanguage reads them); null for plain text. */
export function wordStyle(word: string, expect: Expect): string | null {
	switch (expect) {
		case 'chain':
		case 'policyChain':
			return 'labelName';
		case 'policy':
			return 'atom';
		case 'table':
			return 'heading';
		case 'module':
			return 'namespace';
		case 'target':
			if (VERDICTS.includes(word)) return 'atom';
			return /^[A-Z][A-Z0-9_]*$/.test(word) && word.length > 1 ? 'className' : 'labelName';
	}
	if (word === '!') return 'operator';
	if (word.startsWith('--')) return 'propertyName';
	if (/^-[A-Z]$/.test(word)) return 'keyword';
	if (/^-[a-z0-9]$/.test(word)) return 'propertyName';
	if (NUMBER_LIKE.test(word)) return 'number';
	return null;
}

function readWord(stream: StringStream): string {
	stream.eatWhile(/[^\s"]/);
	return stream.current();
}

/** One token: a comment, a quoted string, a line keyword or one word. */
export function token(stream: StringStream, state: LineState): string | null {
	if (stream.sol()) {
		state.expect = 'any';
		state.lineStart = true;
	}
	if (stream.eatSpace()) return null;
	const first = state.lineStart;
	state.lineStart = false;
	const ch = stream.peek();
	if (ch === '#' && (first || /\s/.test(stream.string.charAt(stream.pos - 1)))) {
		stream.skipToEnd();
		return 'comment';
	}
	if (ch === '"' || ch === "'") {
		stream.next();
		// A backslash escapes the next character inside double quotes, as iptables-restore reads them.
		while (!stream.eol()) {
			const c = stream.next();
			if (c === '\\' && ch === '"') stream.next();
			else if (c === ch) break;
		}
		state.expect = 'any';
		return 'string';
	}
	if (first && ch === '*') {
		stream.skipToEnd();
		return 'heading';
	}
	if (first && ch === ':') {
		readWord(stream);
		state.expect = 'policy';
		return 'labelName.definition';
	}
	const word = readWord(stream);
	if (word === '') {
		stream.next();
		return null;
	}
	if (first && word === 'COMMIT') return 'keyword';
	if (first && COMMAND_WORDS.test(word)) {
		state.lineStart = word === 'sudo';
		return 'keyword';
	}
	const style = wordStyle(word, state.expect);
	state.expect = expectAfter(word, state.expect);
	return style;
}

/** The language: line comments with `#`, so toggle-comment works. */
export const iptablesLanguage = StreamLanguage.define<LineState>({
	name: 'iptables',
	startState,
	token,
	languageData: { commentTokens: { line: '#' } }
});

/** Colours from the page's own variables, so light and dark schemes both read well. */
export const iptablesHighlight = HighlightStyle.define([
	{ tag: t.comment, color: 'var(--muted)', fontStyle: 'italic' },
	{ tag: t.heading, color: 'var(--accent)', fontWeight: '700' },
	{ tag: t.keyword, color: 'var(--t-raw)', fontWeight: '600' },
	{ tag: [t.labelName, t.definition(t.labelName)], color: 'var(--accent)' },
	{ tag: t.definition(t.labelName), fontWeight: '600' },
	{ tag: t.propertyName, color: 'var(--t-filter)' },
	{ tag: t.namespace, color: 'var(--t-raw)' },
	{ tag: t.atom, color: 'var(--t-security)', fontWeight: '700' },
	{ tag: t.className, color: 'var(--t-nat)', fontWeight: '700' },
	{ tag: t.number, color: 'var(--t-mangle)' },
	{ tag: t.string, color: 'var(--accept)' },
	{ tag: t.operator, color: 'var(--error)', fontWeight: '700' }
]);
