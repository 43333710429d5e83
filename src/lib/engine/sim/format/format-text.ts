/**
 * `--format text`: a trace as a readable walk for a terminal. Per packet: its headers, then each
 * hook with its chains, the rules that matched (source line, verdict, effect), the runs that did
 * not match with the first failing test of each rule, conntrack, routing and the fate. Colour is
 * ANSI and only when asked; the words never depend on it.
 */
import type { Ruleset } from '../../model';
import { formatIPv4 } from '../../parse/values';
import { applyStep } from '../packet-at';
import { failedTestOf, type PacketTrace, type Step, type Trace, type Verdict } from '../trace';
import { describeEffect, describeEntry, describeFate, describePacket } from './describe';
import { failedTest, findRule } from './why-not';

export interface TextOptions {
	/** The rule set the trace was computed from: gives the why-not of skipped rules. */
	ruleset?: Ruleset;
	/** The rules text, for quoting rule lines and failing tests as written. */
	source?: string;
	colour?: boolean;
	/** Rules listed per run of non-matching rules before the rest is summed up (default 10). */
	skipLimit?: number;
}

type Paint = (s: string) => string;
const ansi =
	(code: string): Paint =>
	(s) =>
		`\x1b[${code}m${s}\x1b[0m`;
const PLAIN: Paint = (s) => s;

interface Palette {
	head: Paint;
	hook: Paint;
	good: Paint;
	bad: Paint;
	dim: Paint;
	note: Paint;
}

function palette(colour: boolean): Palette {
	if (!colour)
		return { head: PLAIN, hook: PLAIN, good: PLAIN, bad: PLAIN, dim: PLAIN, note: PLAIN };
	return {
		head: ansi('1'),
		hook: ansi('1;36'),
		good: ansi('32'),
		bad: ansi('31'),
		dim: ansi('2'),
		note: ansi('33')
	};
}

const VERDICT_WORDS: Record<Verdict, string> = {
	ACCEPT: 'ACCEPT',
	DROP: 'DROP',
	REJECT: 'REJECT (error sent, packet dropped)',
	CONTINUE: 'continue',
	JUMP: 'jump',
	GOTO: 'goto',
	RETURN: 'RETURN',
	QUEUE: 'QUEUE'
};

class TextWriter {
	/** The packet as it is at the current step (NAT applied); its addresses give the why-not of skipped rules. */
	private current: PacketTrace['packet'] | null = null;
	private readonly out: string[] = [];
	private readonly lines: string[] | null;
	private readonly p: Palette;
	/** User chains entered and not yet left, for indentation. */
	private depth = 0;

	constructor(private readonly o: TextOptions) {
		this.lines = o.source === undefined ? null : o.source.split('\n');
		this.p = palette(o.colour ?? false);
	}

	text(): string {
		return this.out.join('\n') + '\n';
	}

	line(indent: number, s: string): void {
		this.out.push('  '.repeat(indent) + s);
	}

	packet(t: PacketTrace): void {
		this.current = { ...t.packet };
		const cause = t.cause ? ` (${t.cause})` : '';
		this.line(0, this.p.head(`packet ${t.id}${cause}: ${describePacket(t.packet)}`));
		for (const s of t.steps) this.step(s);
		const fate = describeFate(t.fate);
		const paint = t.fate.type === 'delivered' || t.fate.type === 'sent' ? this.p.good : this.p.bad;
		this.line(1, paint(`=> ${fate}`));
	}

	private ruleLine(line: number): string {
		const text = this.lines?.[line - 1]?.trim();
		return text ? `line ${line}: ${text}` : `line ${line}`;
	}

	private step(s: Step): void {
		const p = this.p;
		const at = 3 + this.depth;
		// The packet as this step leaves it: later skips are explained against its headers.
		if (this.current) applyStep(this.current, s);
		switch (s.type) {
			case 'hook':
				this.depth = 0;
				this.line(1, p.hook(s.hook));
				return;
			case 'chain':
				this.depth = 0;
				this.line(2, `${s.table} ${s.chain}`);
				return;
			case 'skip':
				this.skip(s, at);
				return;
			case 'rule': {
				const v = s.verdict;
				const paint = v === 'ACCEPT' ? p.good : v === 'DROP' || v === 'REJECT' ? p.bad : PLAIN;
				const what =
					v === 'JUMP' || v === 'GOTO' ? `${VERDICT_WORDS[v]} ${s.target}` : VERDICT_WORDS[v];
				const chain = s.chain === s.hook ? '' : ` of ${s.chain}`;
				this.line(
					at,
					`${paint('✓')} rule ${s.rule}${chain} matched → ${paint(what)}   ${p.dim(this.ruleLine(s.line))}`
				);
				if (s.effect) this.line(at + 2, describeEffect(s.effect));
				if (s.note) this.line(at + 2, p.note(`note: ${s.note}`));
				if (v === 'JUMP') this.depth++;
				if (v === 'GOTO' && this.depth === 0) this.depth = 1;
				return;
			}
			case 'return':
				this.depth = Math.max(0, this.depth - 1);
				this.line(
					3 + this.depth,
					p.dim(`${s.implicit ? `end of ${s.chain}, back` : `back from ${s.chain}`} to ${s.to}`)
				);
				return;
			case 'policy': {
				this.depth = 0;
				const paint = s.verdict === 'ACCEPT' ? p.good : p.bad;
				this.line(3, `policy of ${s.table} ${s.chain}: ${paint(s.verdict)}`);
				return;
			}
			case 'conntrack': {
				const entry = s.entry ? `, ${describeEntry(s.entry)}` : '';
				const what =
					s.phase === 'lookup'
						? `${s.state} (${s.dir.toLowerCase()} direction)`
						: s.phase === 'bind'
							? (s.text ?? 'bound')
							: 'entry confirmed';
				this.line(2, `conntrack ${s.phase}: ${what}${entry}`);
				return;
			}
			case 'route': {
				const out = s.outIface ? ` out ${s.outIface}` : '';
				const via = s.via !== null ? ` via ${formatIPv4(s.via)}` : '';
				this.line(2, `routing: ${s.decision}${out}${via} (${s.reason})`);
				return;
			}
			case 'effect':
				this.line(2, `${describeEffect(s.effect)} (${s.why})`);
				return;
			case 'note':
				this.line(2, p.note(`note: ${s.text}`));
				return;
			default:
				this.line(2, JSON.stringify(s));
		}
	}

	private skip(s: Extract<Step, { type: 'skip' }>, at: number): void {
		const count = s.to - s.from + 1;
		const limit = this.o.skipLimit ?? 10;
		const range = count === 1 ? `rule ${s.from}` : `rules ${s.from}–${s.to}`;
		const chain = s.chain === s.hook ? '' : ` of ${s.chain}`;
		this.line(at, this.p.dim(`✗ ${range}${chain} did not match`));
		const ruleset = this.o.ruleset;
		if (!ruleset) return;
		for (let i = 0; i < Math.min(count, limit); i++) {
			const n = s.from + i;
			const rule = findRule(ruleset, s.table, s.chain, n);
			const test =
				rule &&
				this.current &&
				failedTest(rule, failedTestOf(s, n, rule, this.current), this.lines);
			const why = test ? `${test} did not match` : 'did not match';
			this.line(at + 1, this.p.dim(`${n}: ${why}${rule ? ` (line ${rule.span.line})` : ''}`));
		}
		if (count > limit) this.line(at + 1, this.p.dim(`… and ${count - limit} more`));
	}
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The whole trace as text, packets in order, then the counters that moved. */
export function formatText(trace: Trace, options: TextOptions = {}): string {
	const w = new TextWriter(options);
	for (const [i, t] of trace.packets.entries()) {
		if (i > 0) w.line(0, '');
		w.packet(t);
	}
	const moved = trace.counters.filter((c) => c.packets > 0);
	if (moved.length) {
		w.line(0, '');
		w.line(0, 'counters:');
		for (const c of moved) {
			const what = c.rule === 0 ? 'policy' : `rule ${c.rule}`;
			w.line(
				1,
				`${c.table} ${c.chain} ${what}: ${count(c.packets, 'packet')}, ${count(c.bytes, 'byte')}`
			);
		}
	}
	return w.text();
}
