/**
 * Text to throw at parseRuleset: random characters, soups of iptables words, and real rule sets
 * from the corpus with lines and words dropped, repeated, swapped, cut, quoted many times over or
 * buried in random bytes. Mutations are values fast-check can shrink (indices, not closures), so a
 * failure comes back as a short list of edits to one window of one file.
 */
import fc from 'fast-check';

/** Words the parser gives meaning to, and a few it should refuse gracefully. */
const WORDS = [
	'*filter',
	'*nat',
	'*mangle',
	'*raw',
	'*security',
	'*bogus',
	':INPUT',
	':FORWARD',
	':OUTPUT',
	':PREROUTING',
	':POSTROUTING',
	':USER',
	'ACCEPT',
	'DROP',
	'-',
	'[0:0]',
	'[12:840]',
	'[1:',
	'COMMIT',
	'iptables',
	'sudo',
	'/sbin/iptables',
	'$IPT',
	'IPT=/sbin/iptables',
	'WAN=eth0',
	'$WAN',
	'${WAN}',
	'-t',
	'nat',
	'-A',
	'-I',
	'-D',
	'-R',
	'-N',
	'-X',
	'-E',
	'-F',
	'-P',
	'-Z',
	'-L',
	'INPUT',
	'OUTPUT',
	'FORWARD',
	'USER',
	'1',
	'0',
	'-p',
	'tcp',
	'udp',
	'icmp',
	'all',
	'!',
	'-s',
	'-d',
	'10.0.0.0/8',
	'10.0.0.1',
	'256.1.1.1',
	'example.com',
	'-i',
	'-o',
	'eth0',
	'eth+',
	'-f',
	'-m',
	'-j',
	'-g',
	'RETURN',
	'QUEUE',
	'LOG',
	'REJECT',
	'MASQUERADE',
	'DNAT',
	'SNAT',
	'MARK',
	'CT',
	'conntrack',
	'state',
	'multiport',
	'comment',
	'recent',
	'limit',
	'set',
	'u32',
	'string',
	'--ctstate',
	'NEW,ESTABLISHED',
	'--dport',
	'--dports',
	'--sport',
	'22',
	'1:65535',
	'80,443',
	'--comment',
	'"a b"',
	'"',
	"'",
	'\\',
	'\\"',
	'--to-destination',
	'10.0.0.2:8080',
	'--to-source',
	'--set-xmark',
	'0x1/0xff',
	'--log-prefix',
	'--reject-with',
	'tcp-reset',
	'--tcp-flags',
	'SYN,ACK',
	'SYN',
	'--syn',
	'--state',
	'--name',
	'--rcheck',
	'--seconds',
	'60',
	'--limit',
	'5/min',
	'--match-set',
	'src',
	'--u32',
	'"0>>22&0x3C@12>>26&0x3C@0=0x3C"',
	'--algo',
	'bm',
	'--string',
	'--hex-string',
	'"|00|"',
	'--',
	'---',
	'=',
	'--dport=22',
	'#',
	';',
	'&&',
	'||',
	'|',
	'2>/dev/null'
];

const word = fc.constantFrom(...WORDS);
const blank = fc.constantFrom(' ', ' ', ' ', '\t', '\n', '\n', '\r\n', '  ');

/** Parser words with the blank after each: lines that mostly get past the first check. */
export type Soup = [word: string, blank: string][];

export const soup: fc.Arbitrary<Soup> = fc.array(fc.tuple(word, blank), { maxLength: 60 });

export function soupText(parts: Soup): string {
	return parts.map(([w, b]) => w + b).join('');
}

/** Any UTF-16 text, lone surrogates and control characters included. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 300 }),
	fc.string({
		unit: fc.constantFrom(
			'"',
			'\\',
			"'",
			' ',
			'\n',
			'-',
			'!',
			'*',
			':',
			'[',
			']',
			'$',
			'#',
			'a',
			'0'
		),
		maxLength: 200
	})
);

/** One edit of a corpus window; indices are reduced modulo what they index. */
export type Mutation =
	| { kind: 'drop-line' | 'dup-line' | 'crlf'; line: number }
	| { kind: 'swap-lines'; line: number; other: number }
	| { kind: 'cut-line'; line: number; at: number }
	| { kind: 'drop-word' | 'dup-word'; line: number; word: number }
	| { kind: 'swap-words'; line: number; word: number; other: number }
	| { kind: 'cut-word'; line: number; word: number; at: number }
	| { kind: 'replace-word'; line: number; word: number; text: string }
	| { kind: 'insert-bytes'; line: number; at: number; text: string }
	| { kind: 'insert-line'; line: number; soup: Soup }
	| { kind: 'huge-line'; line: number; word: number; times: number }
	| { kind: 'deep-quote'; line: number; word: number; depth: number };

const idx = fc.nat({ max: 1_000_000 });

export function mutation(hugeTimes: number): fc.Arbitrary<Mutation> {
	const cheap: fc.Arbitrary<Mutation>[] = [
		fc.record({ kind: fc.constantFrom('drop-line', 'dup-line', 'crlf'), line: idx }),
		fc.record({ kind: fc.constant('swap-lines'), line: idx, other: idx }),
		fc.record({ kind: fc.constant('cut-line'), line: idx, at: idx }),
		fc.record({ kind: fc.constantFrom('drop-word', 'dup-word'), line: idx, word: idx }),
		fc.record({ kind: fc.constant('swap-words'), line: idx, word: idx, other: idx }),
		fc.record({ kind: fc.constant('cut-word'), line: idx, word: idx, at: idx }),
		fc.record({ kind: fc.constant('replace-word'), line: idx, word: idx, text: word }),
		fc.record({
			kind: fc.constant('insert-bytes'),
			line: idx,
			at: idx,
			text: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 })
		}),
		fc.record({ kind: fc.constant('insert-line'), line: idx, soup })
	];
	const costly: fc.Arbitrary<Mutation>[] = [
		fc.record({
			kind: fc.constant('huge-line'),
			line: idx,
			word: idx,
			times: fc.integer({ min: 100, max: hugeTimes })
		}),
		fc.record({
			kind: fc.constant('deep-quote'),
			line: idx,
			word: idx,
			depth: fc.integer({ min: 1, max: 10 })
		})
	];
	// Huge lines and deep quoting cost a thousand times more to parse: drawn 1 edit in 50.
	return fc.oneof(
		...cheap.map((arbitrary) => ({ arbitrary, weight: 10 })),
		...costly.map((arbitrary) => ({ arbitrary, weight: 1 }))
	);
}

/** Words with their offsets, split on blanks as both readers do. */
function wordsOf(line: string): { start: number; end: number }[] {
	const out: { start: number; end: number }[] = [];
	for (const m of line.matchAll(/[^ \t]+/g))
		out.push({ start: m.index, end: m.index + m[0].length });
	return out;
}

/** `w` quoted once more, escaping what is inside as iptables-restore and a shell both read it. */
function quote(w: string): string {
	return '"' + w.replace(/["\\]/g, (c) => '\\' + c) + '"';
}

function editWord(
	lines: string[],
	m: { line: number; word: number },
	edit: (w: string, all: { start: number; end: number }[], k: number) => string | null
): void {
	if (lines.length === 0) return;
	const li = m.line % lines.length;
	const line = lines[li];
	const ws = wordsOf(line);
	if (ws.length === 0) return;
	const k = m.word % ws.length;
	const replaced = edit(line.slice(ws[k].start, ws[k].end), ws, k);
	if (replaced === null) return;
	lines[li] = line.slice(0, ws[k].start) + replaced + line.slice(ws[k].end);
}

/** Applies the edits in order to a copy of `lines`. */
export function applyMutations(source: readonly string[], edits: readonly Mutation[]): string[] {
	const lines = [...source];
	for (const m of edits) {
		const n = lines.length;
		const li = n ? m.line % n : 0;
		switch (m.kind) {
			case 'drop-line':
				lines.splice(li, 1);
				break;
			case 'dup-line':
				if (n) lines.splice(li, 0, lines[li]);
				break;
			case 'crlf':
				if (n) lines[li] += '\r';
				break;
			case 'swap-lines':
				if (n) [lines[li], lines[m.other % n]] = [lines[m.other % n], lines[li]];
				break;
			case 'cut-line':
				if (n) lines[li] = lines[li].slice(0, m.at % (lines[li].length + 1));
				break;
			case 'insert-line':
				lines.splice(li, 0, soupText(m.soup));
				break;
			case 'insert-bytes':
				if (n) {
					const at = m.at % (lines[li].length + 1);
					lines[li] = lines[li].slice(0, at) + m.text + lines[li].slice(at);
				} else lines.push(m.text);
				break;
			case 'drop-word':
				editWord(lines, m, () => '');
				break;
			case 'dup-word':
				editWord(lines, m, (w) => `${w} ${w}`);
				break;
			case 'cut-word':
				editWord(lines, m, (w) => w.slice(0, m.at % (w.length + 1)));
				break;
			case 'replace-word':
				editWord(lines, m, () => m.text);
				break;
			case 'huge-line':
				editWord(lines, m, (w) => Array(m.times).fill(w).join(' '));
				break;
			case 'deep-quote':
				editWord(lines, m, (w) => {
					let q = w;
					for (let d = 0; d < m.depth; d++) q = quote(q);
					return q;
				});
				break;
			case 'swap-words': {
				if (!n) break;
				const ws = wordsOf(lines[li]);
				if (ws.length < 2) break;
				const a = ws[m.word % ws.length];
				const b = ws[m.other % ws.length];
				if (a === b) break;
				const [x, y] = a.start < b.start ? [a, b] : [b, a];
				const t = lines[li];
				lines[li] =
					t.slice(0, x.start) +
					t.slice(y.start, y.end) +
					t.slice(x.end, y.start) +
					t.slice(x.start, x.end) +
					t.slice(y.end);
				break;
			}
		}
	}
	return lines;
}

/** A corpus window and the edits made to it, as a value fast-check can print and shrink. */
export interface CorpusMutant {
	file: number;
	/** Start line, reduced modulo the file's line count. */
	from: number;
	lines: number;
	edits: Mutation[];
}

export function corpusMutant(
	maxWindow: number,
	maxEdits: number,
	hugeTimes: number,
	fromStart = false
): fc.Arbitrary<CorpusMutant> {
	return fc.record({
		file: fc.nat(),
		// Scenario files are JSON: a window from their middle would only test the syntax error.
		from: fromStart ? fc.constant(0) : fc.nat(),
		lines: fc.integer({ min: 1, max: maxWindow }),
		edits: fc.array(mutation(hugeTimes), { maxLength: maxEdits })
	});
}

/** The text a mutant stands for: the window of the file, edited; header lines kept for context. */
export function mutantText(files: readonly string[][], m: CorpusMutant): string {
	const lines = files[m.file % files.length];
	const from = lines.length ? m.from % lines.length : 0;
	const window = lines.slice(from, from + m.lines);
	// A window from the middle of a table still gets its *table line most of the time.
	const header = lines.slice(0, from).findLast((l) => l.startsWith('*'));
	const start = header && m.from % 4 !== 0 ? [header, ...window] : window;
	return applyMutations(start, m.edits).join('\n') + (m.lines % 3 === 0 ? '' : '\n');
}

/** One input for the parser: plain text, a word soup or a corpus mutant, kept shrinkable. */
export type ParserCase = { text: string } | { soup: Soup } | { mutant: CorpusMutant };

/** `files` are the corpus files as lines; without them only random text and soups are drawn. */
export function parserCase(
	files: readonly string[][],
	sizes = { window: 200, edits: 8, hugeTimes: 20_000 }
): fc.Arbitrary<ParserCase> {
	const text = fc.record({ text: anyText });
	const soups = fc.record({ soup });
	if (!files.length) return fc.oneof(text, soups);
	const mutant = fc.record({ mutant: corpusMutant(sizes.window, sizes.edits, sizes.hugeTimes) });
	return fc.oneof(
		{ arbitrary: text, weight: 1 },
		{ arbitrary: soups, weight: 1 },
		{ arbitrary: mutant, weight: 3 }
	);
}

export function parserCaseText(files: readonly string[][], c: ParserCase): string {
	if ('text' in c) return c.text;
	if ('soup' in c) return soupText(c.soup);
	return mutantText(files, c.mutant);
}

/**
 * Scenario files' text to throw at parseScenario: random text and JSON, and whole example files
 * with a few edits (parserCaseText turns a mutant into text with the same files).
 */
export function scenarioCase(): fc.Arbitrary<ParserCase> {
	return fc.oneof(
		{ arbitrary: fc.record({ text: anyText }), weight: 1 },
		{ arbitrary: fc.record({ text: fc.json({ maxDepth: 4 }) }), weight: 1 },
		{ arbitrary: fc.record({ mutant: corpusMutant(100_000, 3, 2_000, true) }), weight: 4 }
	);
}
