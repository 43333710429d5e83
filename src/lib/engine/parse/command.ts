/**
 * One iptables command line (`-A INPUT -p tcp --dport 22 -j ACCEPT`) into a command and a rule,
 * the way iptables' getopt loop reads it: options in any order, `!` before an option inverts it,
 * long options may be abbreviated while unambiguous, and extension options become available once
 * `-m NAME` / `-j NAME` has loaded the extension.
 */
import type { MatchCall, OptionValue, Rule, SourceSpan, Target, TableName } from '../model';
import { lookupMatch, lookupTarget } from '../extensions/registry';
import type { ExtensionSpec, OptionParseContext, OptionSpec } from '../extensions/types';
import { isError, parseCidr } from './values';
import { protocolName, protocolNumber } from './protocols';
import type { Reporter } from './report';
import { spanBetween, type Word } from './words';

/** The command letter, e.g. `A` for `-A`/`--append`. */
export type CommandLetter =
	'A' | 'C' | 'D' | 'I' | 'R' | 'L' | 'S' | 'F' | 'Z' | 'N' | 'X' | 'P' | 'E';

/** A parsed command line, e.g. `-I INPUT 2 -j DROP` → `{ command: 'I', chain: 'INPUT', positional: ['2'], … }`. */
export interface ParsedCommand {
	command: CommandLetter | null;
	commandSpan: SourceSpan | null;
	chain: Word | null;
	/** Words after the chain: rule number, policy, new name. */
	positional: Word[];
	table: Word | null;
	rule: Rule;
	/** True when any rule-spec option was given (so `-D CHAIN` with a spec deletes by spec). */
	hasRuleSpec: boolean;
	/** `-c PKTS BYTES`. */
	counters: { packets: number; bytes: number } | null;
	/** Option lists of extensions one of whose options was refused (their final checks are skipped). */
	incomplete: ReadonlySet<readonly OptionValue[]>;
}

type Arity = 'none' | 'required' | 'optional' | 'two';

/** Built-in options: long name → letter, and how many words each letter takes. */
const BUILTIN_LONG: readonly [string, string][] = [
	['append', 'A'],
	['check', 'C'],
	['delete', 'D'],
	['insert', 'I'],
	['replace', 'R'],
	['list', 'L'],
	['list-rules', 'S'],
	['flush', 'F'],
	['zero', 'Z'],
	['new-chain', 'N'],
	['delete-chain', 'X'],
	['policy', 'P'],
	['rename-chain', 'E'],
	['protocol', 'p'],
	['source', 's'],
	['src', 's'],
	['destination', 'd'],
	['dst', 'd'],
	['in-interface', 'i'],
	['out-interface', 'o'],
	['fragment', 'f'],
	['fragments', 'f'],
	['jump', 'j'],
	['goto', 'g'],
	['match', 'm'],
	['set-counters', 'c'],
	['table', 't'],
	['numeric', 'n'],
	['verbose', 'v'],
	['wait', 'w'],
	['wait-interval', 'W'],
	['exact', 'x'],
	['line-numbers', '0'],
	['modprobe', 'M'],
	['version', 'V'],
	['help', 'h'],
	['ipv4', '4'],
	['ipv6', '6']
];
const ARITY: Readonly<Record<string, Arity>> = {
	A: 'required',
	C: 'required',
	D: 'required',
	I: 'required',
	R: 'required',
	N: 'required',
	E: 'required',
	P: 'required',
	L: 'optional',
	S: 'optional',
	F: 'optional',
	Z: 'optional',
	X: 'optional',
	p: 'required',
	s: 'required',
	d: 'required',
	i: 'required',
	o: 'required',
	j: 'required',
	g: 'required',
	m: 'required',
	t: 'required',
	M: 'required',
	W: 'optional',
	w: 'optional',
	c: 'two',
	f: 'none',
	n: 'none',
	v: 'none',
	x: 'none',
	V: 'none',
	h: 'none',
	'0': 'none',
	'4': 'none',
	'6': 'none'
};
const BUILTIN_BY_NAME = new Map(BUILTIN_LONG);
const NOTHING_INCOMPLETE: ReadonlySet<readonly OptionValue[]> = new Set();
const COMMANDS = 'ACDIRLSFZNXPE';

/** Each extension's options by every name they answer to, built once per extension. */
const OPTIONS_BY_NAME = new WeakMap<ExtensionSpec, Map<string, OptionSpec>>();
function optionsByName(spec: ExtensionSpec): Map<string, OptionSpec> {
	let map = OPTIONS_BY_NAME.get(spec);
	if (!map) {
		map = new Map();
		for (const o of spec.options) {
			for (const n of [o.name, ...(o.aliases ?? [])]) if (!map.has(n)) map.set(n, o);
		}
		OPTIONS_BY_NAME.set(spec, map);
	}
	return map;
}
const INVERTIBLE = 'psdiof';

/** An extension loaded on this line, with the call its options go to. */
interface Loaded {
	spec: ExtensionSpec;
	options: OptionValue[];
	kind: 'match' | 'target';
}

type Resolved =
	| { type: 'builtin'; letter: string }
	| { type: 'ext'; loaded: Loaded; spec: OptionSpec }
	| { type: 'ambiguous'; names: string[] }
	| { type: 'unknown' };

const IFNAMSIZ = 16;

function hasName(options: readonly OptionValue[], name: string): boolean {
	for (let i = 0; i < options.length; i++) if (options[i].name === name) return true;
	return false;
}

export function emptyRule(span: SourceSpan): Rule {
	return {
		span,
		counters: null,
		protocol: null,
		source: null,
		destination: null,
		inInterface: null,
		outInterface: null,
		fragment: null,
		matches: [],
		target: null
	};
}

/** Parses one command's words (without the leading `iptables`). */
export function parseCommand(
	words: readonly Word[],
	lineSpan: SourceSpan,
	table: TableName,
	report: Reporter
): ParsedCommand {
	return new CommandParser(words, lineSpan, table, report).run();
}

class CommandParser {
	private i = 0;
	private invert: Word | null = null;
	private loaded: Loaded[] = [];
	/** Words kept for an unknown `-m` module until the next option nfwalk knows. */
	private unknownMatch: MatchCall | null = null;
	private protoMatchLoaded = false;
	private readonly out: ParsedCommand;
	/** What option parsers see; one object per line rather than one per option. */
	private readonly parseContext: OptionParseContext;

	constructor(
		private readonly words: readonly Word[],
		lineSpan: SourceSpan,
		private readonly table: TableName,
		private readonly report: Reporter
	) {
		this.out = {
			command: null,
			commandSpan: null,
			chain: null,
			positional: [],
			table: null,
			rule: emptyRule(lineSpan),
			hasRuleSpec: false,
			incomplete: NOTHING_INCOMPLETE,
			counters: null
		};
		this.parseContext = { rule: this.out.rule, table };
	}

	run(): ParsedCommand {
		while (this.i < this.words.length) {
			const w = this.words[this.i++];
			if (w.text === '!' && !w.quoted) {
				if (this.invert)
					this.report.error('double-negation', w.span, 'two `!` in a row: remove one');
				this.invert = w;
				continue;
			}
			if (w.text.startsWith('--') && w.text.length > 2 && !w.quoted) this.longOption(w);
			else if (w.text.startsWith('-') && w.text.length > 1 && !w.quoted) this.shortOptions(w);
			else this.positional(w);
		}
		this.fillDefaults();
		if (this.invert) {
			this.report.error(
				'dangling-negation',
				this.invert.span,
				'`!` at the end of the line inverts nothing: remove it or put an option after it'
			);
		}
		return this.out;
	}

	private fillDefaults(): void {
		for (const l of this.loaded) {
			if (!l.spec.defaults || this.out.incomplete.has(l.options)) continue;
			const span = l.kind === 'target' ? this.out.rule.target!.span : this.matchSpan(l.options);
			for (const d of l.spec.defaults(l.options)) {
				if (!hasName(l.options, d.name)) {
					l.options.push({ name: d.name, inverted: false, value: d.value, span });
				}
			}
		}
	}

	private matchSpan(options: OptionValue[]): SourceSpan {
		return this.out.rule.matches.find((m) => m.options === options)?.span ?? this.out.rule.span;
	}

	private positional(w: Word): void {
		if (this.unknownMatch) {
			this.unknownMatch.raw!.push(w.text);
			return;
		}
		const c = this.out.command;
		const takes = c === 'P' || c === 'E' ? 1 : 'IDRZLS'.includes(c ?? '') ? 1 : 0;
		if (this.out.chain && this.out.positional.length < takes) {
			this.out.positional.push(w);
			return;
		}
		if (c && this.out.chain === null && 'LSFZX'.includes(c)) {
			this.out.chain = w;
			return;
		}
		if (w.text === '!' && w.quoted === false) return;
		const prev = this.words[this.i - 2];
		if (prev && prev.text === '!' && !prev.quoted) {
			this.report.error(
				'old-negation-syntax',
				prev.span,
				'a `!` after the option is the pre-1.4 syntax iptables no longer accepts: put it before the option (`! -s ADDR`)'
			);
		} else {
			this.report.error(
				'unexpected-argument',
				w.span,
				`unexpected word "${w.text}" (iptables: Bad argument): it belongs to no option; quote it if it is part of a value`
			);
		}
	}

	private shortOptions(w: Word): void {
		if (w.text.length === 2) {
			// The common case, `-A`, `-p`, `-j`: one letter, no slicing.
			const letter = w.text[1];
			if (ARITY[letter] === undefined) {
				this.report.error('unknown-option', w.span, `unknown option -${letter}`);
				return;
			}
			this.builtin(letter, w, w.text, null);
			return;
		}
		const letters = w.text.slice(1);
		for (let k = 0; k < letters.length; k++) {
			const letter = letters[k];
			const arity = ARITY[letter];
			if (arity === undefined) {
				this.report.error('unknown-option', w.span, `unknown option -${letter}`);
				return;
			}
			const rest = letters.slice(k + 1);
			if (rest && arity !== 'none') {
				// iptables 1.8.9 takes the whole word as the value, which never works: say so plainly.
				this.report.error(
					'attached-value',
					w.span,
					`write a space between -${letter} and its value: -${letter} ${rest}`
				);
				return;
			}
			this.builtin(letter, w, `-${letter}`, null);
		}
	}

	private longOption(w: Word): void {
		const eq = w.text.indexOf('=');
		const name = eq < 0 ? w.text.slice(2) : w.text.slice(2, eq);
		const inline = eq < 0 ? null : w.text.slice(eq + 1);
		let r = this.resolve(name);
		// Words after an unknown `-m` module are its own; never load the protocol match for them.
		if (r.type === 'unknown' && !this.unknownMatch && this.loadProtocolMatch())
			r = this.resolve(name);
		if (r.type === 'ambiguous') {
			this.report.error(
				'ambiguous-option',
				w.span,
				`option --${name} is ambiguous (could be ${r.names.map((n) => '--' + n).join(', ')}): write it out in full`
			);
			this.skipValues();
			return;
		}
		if (r.type === 'unknown') {
			if (this.unknownMatch) {
				this.unknownMatch.raw!.push(w.text);
				return;
			}
			this.unknownOption(w, name);
			return;
		}
		if (r.type === 'builtin') {
			if (inline !== null && 'psdioj'.includes(r.letter)) {
				this.report.error(
					'attached-value',
					w.span,
					`write --${name} and its value as two words: --${name} ${inline}`
				);
				return;
			}
			this.builtin(r.letter, w, `--${name}`, inline);
			return;
		}
		this.unknownMatch = null;
		this.extensionOption(r.loaded, r.spec, w, inline);
	}

	private unknownOption(w: Word, name: string): void {
		const target = this.out.rule.target;
		const hint =
			target && target.type === 'chain'
				? ` (-j ${target.chain} is not a target nfwalk knows, so it takes no options)`
				: this.loaded.length
					? ` for ${this.loaded.map((l) => (l.kind === 'match' ? '-m ' : '-j ') + l.spec.name).join(', ')}`
					: this.out.rule.protocol
						? ''
						: ' (did you mean to give -p or -m first?)';
		this.report.error('unknown-option', w.span, `unknown option --${name}${hint}`);
		this.skipValues();
	}

	/** After an unusable option, skip the words that look like its values. */
	private skipValues(): void {
		while (
			this.i < this.words.length &&
			!this.words[this.i].text.startsWith('-') &&
			this.words[this.i].text !== '!'
		)
			this.i++;
		this.invert = null;
	}

	private resolve(name: string): Resolved {
		// getopt's table order: built-ins, then the newest extension's options first.
		const letter = BUILTIN_BY_NAME.get(name);
		if (letter !== undefined) return { type: 'builtin', letter };
		for (let k = this.loaded.length - 1; k >= 0; k--) {
			const spec = optionsByName(this.loaded[k].spec).get(name);
			if (spec) return { type: 'ext', loaded: this.loaded[k], spec };
		}
		const order = [...this.loaded].reverse();
		const found: { key: string; label: string; r: Resolved }[] = [];
		for (const [n, letter] of BUILTIN_LONG) {
			if (n.startsWith(name))
				found.push({ key: 'b' + letter, label: n, r: { type: 'builtin', letter } });
		}
		for (const l of order) {
			for (const spec of l.spec.options) {
				for (const n of [spec.name, ...(spec.aliases ?? [])]) {
					if (n.startsWith(name))
						found.push({
							key: l.spec.name + '/' + spec.name,
							label: n,
							r: { type: 'ext', loaded: l, spec }
						});
				}
			}
		}
		const keys = new Set(found.map((f) => f.key));
		if (keys.size === 1) return found[0].r;
		if (keys.size > 1) return { type: 'ambiguous', names: [...new Set(found.map((f) => f.label))] };
		return { type: 'unknown' };
	}

	/** `-p tcp --dport 22` loads `-m tcp` implicitly, once, as iptables does for an unknown option. */
	private loadProtocolMatch(): boolean {
		const proto = this.out.rule.protocol;
		if (!proto || proto.inverted || this.protoMatchLoaded) return false;
		this.protoMatchLoaded = true;
		const spec = lookupMatch(proto.value);
		if (!spec || this.loaded.some((l) => l.spec === spec)) return false;
		this.addMatch(spec, proto.span);
		return true;
	}

	private addMatch(spec: ExtensionSpec, span: SourceSpan): void {
		const call: MatchCall = { name: spec.name, known: true, options: [], span };
		this.out.rule.matches.push(call);
		this.loaded.push({ spec, options: call.options, kind: 'match' });
	}

	private takeValue(w: Word, label: string, inline: string | null, arity: Arity): Word[] | null {
		if (arity === 'none') {
			if (inline !== null) this.report.error('unexpected-value', w.span, `${label} takes no value`);
			return [];
		}
		if (inline !== null) return [w.withText(inline)];
		const next = this.words[this.i];
		if (arity === 'optional') {
			if (next && !next.text.startsWith('-')) {
				this.i++;
				return [next];
			}
			return [];
		}
		const need = arity === 'two' ? 2 : 1;
		// Exact-size arrays: a pushed-to empty array reserves 17 slots, and this runs per option.
		if (this.i + need <= this.words.length) {
			const first = this.words[this.i++];
			return need === 1 ? [first] : [first, this.words[this.i++]];
		}
		this.i = this.words.length;
		this.report.error(
			'missing-value',
			w.span,
			`option ${label} requires ${need === 2 ? 'two values' : 'a value'}`
		);
		return null;
	}

	private takeInvert(label: string, allowed: boolean): boolean {
		const inv = this.invert;
		this.invert = null;
		if (inv && !allowed)
			this.report.error(
				'cannot-invert',
				inv.span,
				`${label} cannot be inverted with \`!\`: remove the \`!\``
			);
		return inv !== null && allowed;
	}

	private checkOldNegation(values: Word[], label: string): boolean {
		if (values.length && values[0].text === '!' && !values[0].quoted) {
			this.report.error(
				'old-negation-syntax',
				values[0].span,
				`\`${label} ! VALUE\` is the pre-1.4 syntax iptables no longer accepts: write \`! ${label} VALUE\``
			);
			this.skipValues();
			return true;
		}
		return false;
	}

	private builtin(letter: string, w: Word, label: string, inline: string | null): void {
		const inverted = this.takeInvert(label, INVERTIBLE.includes(letter));
		const values = this.takeValue(w, label, inline, ARITY[letter]);
		if (values === null) return;
		if (this.checkOldNegation(values, label)) return;
		if (letter !== 'm') this.unknownMatch = null;
		const rule = this.out.rule;
		const at = values.length ? spanBetween(w, values[values.length - 1]) : w.span;
		const v = values[0];
		if (COMMANDS.includes(letter)) {
			if (this.out.command) {
				this.report.error(
					'two-commands',
					w.span,
					`only one command per line: ${label} comes after -${this.out.command}`
				);
				return;
			}
			this.out.command = letter as CommandLetter;
			this.out.commandSpan = w.span;
			if (v) this.out.chain = v;
			return;
		}
		if ('psdiofjgmc'.includes(letter)) this.out.hasRuleSpec = true;
		switch (letter) {
			case 'p':
				return this.setProtocol(v, inverted, at);
			case 's':
			case 'd': {
				const c = parseCidr(v.text);
				if (isError(c)) {
					if (/resolve/.test(c.error)) return this.report.error('hostname', v.span, c.error);
					return this.report.error('bad-address', v.span, c.error);
				}
				const field = letter === 's' ? 'source' : 'destination';
				if (rule[field])
					this.report.error('duplicate-option', w.span, `${label} given twice: keep one`);
				rule[field] = { inverted, value: c, span: at };
				return;
			}
			case 'i':
			case 'o':
				return this.setInterface(letter, v, inverted, at, label);
			case 'f':
				rule.fragment = { inverted, value: true, span: w.span };
				return;
			case 'j':
			case 'g':
				return this.setTarget(letter, v, at);
			case 'm':
				return this.loadMatch(v, at);
			case 't':
				this.out.table = v;
				return;
			case 'c':
				return this.setCounters(values);
			default:
				// -n, -v, -x, -w, -4 … change how iptables runs, not what the rule is.
				return;
		}
	}

	private setProtocol(v: Word, inverted: boolean, at: SourceSpan): void {
		const n = protocolNumber(v.text);
		if (n === null) {
			return this.report.error(
				'unknown-protocol',
				v.span,
				`unknown protocol "${v.text}": use a name such as tcp, udp, icmp, or a number 0–255`
			);
		}
		if (n === 0 && inverted) {
			return this.report.error(
				'never-matches',
				at,
				'`! -p all` (or `! -p 0`) would never match a packet; iptables refuses it'
			);
		}
		this.out.rule.protocol = { inverted, value: protocolName(n), span: at };
	}

	private setInterface(
		letter: string,
		v: Word,
		inverted: boolean,
		at: SourceSpan,
		label: string
	): void {
		if (v.text.length >= IFNAMSIZ) {
			return this.report.error(
				'interface-name-too-long',
				v.span,
				`interface name "${v.text}" is longer than 15 characters (IFNAMSIZ)`
			);
		}
		if (/[\s/]/.test(v.text) || v.text === '') {
			return this.report.error(
				'bad-interface-name',
				v.span,
				`"${v.text}" is not a valid interface name for ${label}`
			);
		}
		const field = letter === 'i' ? 'inInterface' : 'outInterface';
		this.out.rule[field] = { inverted, value: v.text, span: at };
	}

	private setCounters(values: Word[]): void {
		const [p, b] = values.map((x) => (/^[0-9]+$/.test(x.text) ? Number(x.text) : NaN));
		if (Number.isNaN(p) || Number.isNaN(b)) {
			return this.report.error(
				'bad-counters',
				values[0].span,
				'-c takes two numbers: packets and bytes'
			);
		}
		this.out.counters = { packets: p, bytes: b };
	}

	private setTarget(letter: string, v: Word, at: SourceSpan): void {
		const rule = this.out.rule;
		if (rule.target) {
			this.report.error('two-targets', at, 'a rule has one target: remove the second -j/-g');
			return;
		}
		const name = v.text;
		if (letter === 'g') {
			rule.target = { type: 'chain', chain: name, goto: true, span: at };
			return;
		}
		if (name === 'ACCEPT' || name === 'DROP' || name === 'RETURN' || name === 'QUEUE') {
			rule.target = { type: 'verdict', verdict: name, span: at };
			return;
		}
		const spec = lookupTarget(name);
		if (spec) {
			const target: Target = { type: 'extension', name: spec.name, options: [], span: at };
			rule.target = target;
			this.loaded.push({ spec, options: target.options, kind: 'target' });
			return;
		}
		rule.target = { type: 'chain', chain: name, goto: false, span: at };
	}

	private loadMatch(v: Word, at: SourceSpan): void {
		const spec = lookupMatch(v.text);
		this.unknownMatch = null;
		if (!spec) {
			const call: MatchCall = { name: v.text, known: false, options: [], raw: [], span: at };
			this.out.rule.matches.push(call);
			this.unknownMatch = call;
			this.report.warning(
				'unknown-match',
				v.span,
				`match module "${v.text}" is not one nfwalk knows: the rule is kept, but nfwalk cannot tell what it matches`
			);
			return;
		}
		if (this.out.rule.protocol?.value === spec.name) this.protoMatchLoaded = true;
		this.addMatch(spec, at);
	}

	private extensionOption(l: Loaded, spec: OptionSpec, w: Word, inline: string | null): void {
		const before = this.report.diagnostics.length;
		this.readExtensionOption(l, spec, w, inline);
		// The option was refused and reported; the extension's final checks would only repeat it.
		if (this.report.diagnostics.length > before) {
			if (this.out.incomplete === NOTHING_INCOMPLETE) this.out.incomplete = new Set();
			(this.out.incomplete as Set<readonly OptionValue[]>).add(l.options);
		}
	}

	private readExtensionOption(l: Loaded, spec: OptionSpec, w: Word, inline: string | null): void {
		const label = `--${spec.name}`;
		const inverted = this.takeInvert(label, spec.invertible === true);
		const n = spec.args ?? 1;
		const arity: Arity =
			n === 0 ? 'none' : spec.optionalArg ? 'optional' : n === 2 ? 'two' : 'required';
		let values: Word[] | null;
		if (n > 2) {
			values = [];
			while (values.length < n && this.i < this.words.length) values.push(this.words[this.i++]);
			if (values.length < n) {
				this.report.error('missing-value', w.span, `option ${label} requires ${n} values`);
				return;
			}
		} else values = this.takeValue(w, label, inline, arity);
		if (values === null) return;
		if (this.checkOldNegation(values, label)) return;
		const at = values.length ? spanBetween(w, values[values.length - 1]) : w.span;
		const stored = spec.storeAs ?? spec.name;
		if (!spec.repeatable && hasName(l.options, stored)) {
			const also = stored === spec.name ? '' : ` (it stands for --${stored}, given already)`;
			this.report.error(
				'duplicate-option',
				w.span,
				`${label} may be given only once for ${l.spec.name}${also}`
			);
			return;
		}
		const texts = values.length === 1 ? [values[0].text] : values.map((x) => x.text);
		const parsed = spec.parse
			? spec.parse(texts, this.parseContext)
			: texts.length
				? texts[0]
				: true;
		if (isError(parsed)) {
			this.report.error(
				'bad-value',
				values.length ? spanBetween(values[0], values[values.length - 1]) : w.span,
				`${l.spec.name}: ${parsed.error}`
			);
			return;
		}
		if (!inverted && spec.isDefault?.(parsed)) return;
		l.options.push({ name: stored, inverted, value: parsed, span: at });
	}
}
