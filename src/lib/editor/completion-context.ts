/**
 * What the word at the cursor is, read from the line before it: a chain after `-A`, a target
 * after `-j`, a module after `-m`, an option name after `--`… Pure, so a table of lines tests it.
 */
import { TABLE_NAMES, type TableName } from '../engine/model';
import { LIST_OPTIONS } from './option-values';

export type CompletionKind =
	| 'table'
	| 'command'
	| 'chain'
	| 'policy'
	| 'target'
	| 'goto'
	| 'module'
	| 'option'
	| 'protocol'
	| 'interface'
	| 'address'
	| 'value'
	| 'none';

export interface LineContext {
	kind: CompletionKind;
	/** Offset in the line where the word being completed starts. */
	from: number;
	/** The part of that word typed so far. */
	prefix: string;
	/**
	 * The table the line works on: `-t` on a script line (else filter), the nearest `*table` above
	 * a restore line (else filter). Only looked up when there is something to complete.
	 */
	table: TableName;
	/** The chain the line adds to (`-A CHAIN`), if it names one. */
	chain: string | null;
	/** Match modules loaded before the cursor (`-m NAME`, and `-p PROTO` loads PROTO's), latest first. */
	modules: string[];
	/** The target named before the cursor (`-j NAME`): options after it are the target's. */
	target: string | null;
	/** For `value`: the option (without dashes) whose value is being typed. */
	option: string | null;
	/** True for an `iptables …` command line, false for a line of a restore file. */
	script: boolean;
}

interface Word {
	text: string;
	from: number;
}

const CHAIN_COMMANDS = new Set(
	['-A', '-I', '-D', '-R', '-F', '-Z', '-X', '-E', '-L', '-S', '-P'].concat(
		['--append', '--insert', '--delete', '--replace', '--flush', '--zero', '--delete-chain'],
		['--rename-chain', '--list', '--list-rules', '--policy']
	)
);
const NEW_CHAIN = new Set(['-N', '--new-chain']);
const INTERFACE_OPTIONS = new Set(
	['-i', '-o', '--in-interface', '--out-interface', '--physdev-in', '--physdev-out'].concat([
		'--oif'
	])
);
const ADDRESS_OPTIONS = new Set(
	['-s', '-d', '--source', '--destination', '--src', '--dst'].concat(
		['--to-destination', '--to-source', '--to', '--on-ip', '--gateway'],
		['--ctorigsrc', '--ctorigdst', '--ctreplsrc', '--ctrepldst', '--src-range', '--dst-range']
	)
);
const SCRIPT_COMMAND = /^(sudo|(\S*\/)?ip6?tables(-legacy|-nft)?|\$\{?[A-Za-z_]+\}?)$/;

/** Splits on blanks; a quoted part stays in its word. `open` when the text ends inside quotes. */
export function splitBefore(before: string): { words: Word[]; open: boolean } {
	const words: Word[] = [];
	let i = 0;
	let quote: string | null = null;
	let start = -1;
	for (; i < before.length; i++) {
		const c = before[i];
		if (quote) {
			if (c === '\\' && quote === '"') i++;
			else if (c === quote) quote = null;
			continue;
		}
		if (c === ' ' || c === '\t') {
			if (start >= 0) words.push({ text: before.slice(start, i), from: start });
			start = -1;
			continue;
		}
		if (start < 0) start = i;
		if (c === '"' || c === "'") quote = c;
	}
	if (start >= 0) words.push({ text: before.slice(start), from: start });
	return { words, open: quote !== null };
}

function isTable(name: string): name is TableName {
	return (TABLE_NAMES as readonly string[]).includes(name);
}

/** The table of the nearest `*table` line at or above `lineNumber` (1-based), or null. */
export function tableAbove(lineText: (n: number) => string, lineNumber: number): TableName | null {
	for (let n = lineNumber; n >= 1; n--) {
		const m = /^\s*\*(\S+)/.exec(lineText(n));
		if (m) return isTable(m[1]) ? m[1] : null;
	}
	return null;
}

/**
 * The completion context at the end of `before` (the line's text up to the cursor); `above`
 * finds the `*table` a restore line belongs to, asked only when the answer depends on it.
 */
export function lineContext(before: string, above: () => TableName | null): LineContext {
	const ctx = wordContext(before);
	if (!ctx.script && ctx.kind !== 'none') ctx.table = above() ?? 'filter';
	return ctx;
}

function wordContext(before: string): LineContext {
	const { words, open } = splitBefore(before);
	const ends = before === '' || /\s$/.test(before);
	const partial: Word = ends ? { text: '', from: before.length } : words.pop()!;
	const ctx: LineContext = {
		kind: 'none',
		from: partial.from,
		prefix: partial.text,
		table: 'filter',
		chain: null,
		modules: [],
		target: null,
		option: null,
		script: false
	};
	// Nothing to complete inside quotes or a comment (a `#` word starts one, as in the shell).
	if (open || words.some((w) => w.text.startsWith('#')) || partial.text.startsWith('#')) return ctx;

	// A script line names its table with -t (default filter); a restore line sits under `*table`.
	let i = 0;
	while (i < words.length && SCRIPT_COMMAND.test(words[i].text)) i++;
	const script = i > 0;
	ctx.script = script;
	let command: string | null = null;
	for (let k = i; k < words.length; k++) {
		const w = words[k].text;
		const next = words[k + 1]?.text;
		if ((w === '-t' || w === '--table') && next && isTable(next)) ctx.table = next;
		if (CHAIN_COMMANDS.has(w) || NEW_CHAIN.has(w)) {
			command = w;
			ctx.chain = next ?? null;
		}
		if ((w === '-m' || w === '--match') && next) ctx.modules.unshift(next);
		if ((w === '-p' || w === '--protocol') && next) ctx.modules.unshift(next.toLowerCase());
		if ((w === '-j' || w === '--jump') && next) ctx.target = next;
	}

	const first = words.length === i;
	if (!script && first && partial.text.startsWith('*')) return kindAt(ctx, 'table', 1);
	if (!script && words[0]?.text.startsWith(':'))
		return words.length === 1 ? { ...ctx, kind: 'policy' } : ctx;

	const prev = words[words.length - 1]?.text;
	const prev2 = words[words.length - 2]?.text;
	if (prev === undefined || first) {
		return partial.text.startsWith('-') || script ? { ...ctx, kind: 'command' } : ctx;
	}
	if (prev2 === '-P' || prev2 === '--policy') return { ...ctx, kind: 'policy' };
	if (CHAIN_COMMANDS.has(prev)) return { ...ctx, kind: 'chain' };
	if (NEW_CHAIN.has(prev)) return ctx;
	if (prev === '-j' || prev === '--jump') return { ...ctx, kind: 'target' };
	if (prev === '-g' || prev === '--goto') return { ...ctx, kind: 'goto' };
	if (prev === '-m' || prev === '--match') return { ...ctx, kind: 'module' };
	if (prev === '-t' || prev === '--table') return { ...ctx, kind: 'table' };
	if (prev === '-p' || prev === '--protocol') return { ...ctx, kind: 'protocol' };
	if (INTERFACE_OPTIONS.has(prev)) return { ...ctx, kind: 'interface' };
	if (ADDRESS_OPTIONS.has(prev)) return { ...ctx, kind: 'address' };
	if (partial.text.startsWith('-')) return { ...ctx, kind: command ? 'option' : 'command' };
	if (prev.startsWith('--')) {
		const option = prev.slice(2);
		// In a list (`--ctstate NEW,EST`) only the item after the last comma is being typed.
		const skip = LIST_OPTIONS.has(option) ? partial.text.lastIndexOf(',') + 1 : 0;
		return { ...kindAt(ctx, 'value', skip), option };
	}
	return ctx;
}

/** The context with the word starting `skip` characters later (after `*` in `*nat`). */
function kindAt(ctx: LineContext, kind: CompletionKind, skip: number): LineContext {
	return { ...ctx, kind, from: ctx.from + skip, prefix: ctx.prefix.slice(skip) };
}
