/**
 * Turns what `xtables-monitor --trace` printed while a scenario's packets were sent into the
 * `--format kernel` lines nfwalk prints (`# packet N`, `table:chain:rule:POS:VERDICT`,
 * `table:chain:policy:VERDICT`). Pure: the recorder hands it the monitor's lines cut into one
 * window per scenario packet, the rule handles of every chain and which raw chains the scenario
 * declared.
 *
 * What it undoes: rule handles become 1-based positions (the recorder's TRACE rule, first in raw
 * PREROUTING/OUTPUT, is not counted and its events are dropped, as are all events of a raw chain
 * the scenario did not declare: the TRACE rules created it); `0xfffffffb` is RETURN and an
 * NF_QUEUE verdict (low byte 3) is QUEUE; trace ids become packets — the scenario's packet first,
 * then every packet the host generated while handling it (`N.1`, `N.2`, … in order of first
 * appearance), a loopback re-entry kept with the packet it continues, and an id the kernel reuses
 * for a later packet split off when it re-enters an earlier hook position.
 */

/** `table:chain` → rule handles in the chain's order (as `nft -a list table ip T` lists them). */
export type HandleMap = ReadonlyMap<string, readonly number[]>;

export interface NormaliseInput {
	/** One array of monitor lines per scenario packet, in scenario order. */
	windows: readonly (readonly string[])[];
	/**
	 * What each window's packet looked like when sent (its addresses), when known: lines that come
	 * in a window before that packet's first event are late lines of the packet before (a loaded
	 * machine can deliver them after the next send) and move back to it.
	 */
	sent?: readonly ({ src: string; dst: string } | null)[];
	handles: HandleMap;
	/** The recorder's own TRACE rules as `table:chain:handle` (handles are numbered per table). */
	traceHandles: ReadonlySet<string>;
	/** `raw:PREROUTING` / `raw:OUTPUT` when the scenario declared them. */
	declaredRaw: ReadonlySet<string>;
	/**
	 * Drop what the kernel retransmits on its own: a SYN-ACK the host sends again (after 1 s without
	 * the handshake's ACK) has the headers of an earlier one. Only SYN-ACKs: two ICMP errors or echo
	 * replies with equal headers are two answers to two packets.
	 */
	dropRetransmissions?: boolean;
}

export interface NormaliseResult {
	/** The kernel lines, each packet headed by `# packet ID`, ending with a newline. */
	text: string;
	/** What was dropped or could not be placed, for the recording's `## ` header. */
	notes: string[];
}

const HOOK_RANK: Record<string, number> = {
	PREROUTING: 1,
	OUTPUT: 1,
	INPUT: 2,
	FORWARD: 2,
	POSTROUTING: 3
};
const TABLE_PRIO: Record<string, number> = {
	raw: -300,
	mangle: -150,
	filter: 0,
	security: 150
};

/** Where a base chain runs on a packet's way: hook rank, then table priority. */
function position(table: string, chain: string): number | null {
	const rank = HOOK_RANK[chain];
	if (rank === undefined) return null;
	const prio =
		table === 'nat'
			? chain === 'PREROUTING' || chain === 'OUTPUT'
				? -100
				: 100
			: (TABLE_PRIO[table] ?? 0);
	return rank * 10_000 + prio;
}

interface PacketLine {
	kind: 'packet';
	id: string;
	fields: string;
}
interface TraceLine {
	kind: 'trace';
	id: string;
	table: string;
	chain: string;
	/** `rule:0x5:ACCEPT`, `policy:DROP`, `rule:0x6:0xfffffffb`, `rule:0x4:JUMP:MYC`, `return:`. */
	rest: string;
}

const PACKET_RE = /^PACKET: \d+ ([0-9a-f]+) (.*)$/;
const TRACE_RE = /^\s*TRACE: \d+ ([0-9a-f]+) ([^:\s]+):([^:\s]+):(\S*)/;

function parseLine(line: string): PacketLine | TraceLine | null {
	let m = PACKET_RE.exec(line);
	if (m) return { kind: 'packet', id: m[1], fields: m[2] };
	m = TRACE_RE.exec(line);
	if (m) return { kind: 'trace', id: m[1], table: m[2], chain: m[3], rest: m[4] };
	return null;
}

/** The verdict as nfwalk spells it: RETURN for 0xfffffffb, QUEUE for any NF_QUEUE value. */
function verdictOf(parts: string[]): string {
	const v = parts.join(':');
	if (/^0x[0-9a-f]+$/i.test(v)) {
		const n = Number.parseInt(v, 16);
		if (n === 0xfffffffb) return 'RETURN';
		if ((n & 0xff) === 3) return 'QUEUE';
	}
	return v;
}

/** A packet of the kernel's trace: its events and where its last base chain was. */
interface Group {
	lines: string[];
	last: number;
	/** The last PACKET line's fields, for loopback and retransmission checks. */
	fields: string;
	firstFields: string;
	/** Waiting to come back in over lo (its last base chain was POSTROUTING with OUT=lo). */
	toLoopback: boolean;
}

const field = (fields: string, name: string) =>
	new RegExp(`(?:^| )${name}=(\\S*)`).exec(fields)?.[1] ?? '';

const isSynAck = (fields: string) =>
	!field(fields, 'IN') && / SYN /.test(` ${fields} `) && / ACK /.test(` ${fields} `);

/** The headers that identify a retransmission: addresses, ports and TCP flags. */
function headerKey(fields: string): string {
	const flags = fields
		.split(' ')
		.filter((w) => /^(SYN|ACK|FIN|RST|PSH|URG)$/.test(w))
		.join(',');
	return (
		['SRC', 'DST', 'PROTO', 'SPORT', 'DPORT'].map((k) => field(fields, k)).join('|') + '|' + flags
	);
}

/** Moves each window's lines before its own packet's first PACKET line back to the window before. */
function realign(
	windows: readonly (readonly string[])[],
	sent: readonly ({ src: string; dst: string } | null)[]
): string[][] {
	const out = windows.map((w) => [...w]);
	for (let k = 1; k < out.length; k++) {
		const want = sent[k];
		if (!want) continue;
		const first = out[k].findIndex((l) => {
			const m = PACKET_RE.exec(l);
			return !!m && field(m[2], 'SRC') === want.src && field(m[2], 'DST') === want.dst;
		});
		if (first > 0) out[k - 1].push(...out[k].splice(0, first));
	}
	return out;
}

export function normaliseTrace(input: NormaliseInput): NormaliseResult {
	const out: string[] = [];
	const notes: string[] = [];
	const seenGenerated = new Set<string>();
	const windows = input.sent ? realign(input.windows, input.sent) : input.windows;
	windows.forEach((window, index) => {
		const n = index + 1;
		const groups: Group[] = [];
		/** Trace id → its current group. */
		const byId = new Map<string, Group>();
		/** Trace id → the PACKET line that precedes its next event (a base chain starts). */
		const entering = new Map<string, string>();
		for (const raw of window) {
			const line = parseLine(raw);
			if (!line) continue;
			if (line.kind === 'packet') {
				entering.set(line.id, line.fields);
				continue;
			}
			const fields = entering.get(line.id);
			let group = byId.get(line.id);
			if (fields !== undefined) {
				entering.delete(line.id);
				const pos = position(line.table, line.chain);
				const loIn = field(fields, 'IN') === 'lo';
				if (group && pos !== null && pos <= group.last && !(loIn && group.toLoopback))
					group = undefined;
				if (!group && loIn) {
					// The loopback re-entry may carry a new trace id: continue the packet that left over lo.
					group = [...groups].reverse().find((g) => g.toLoopback);
				}
				if (!group) {
					group = { lines: [], last: -Infinity, fields, firstFields: fields, toLoopback: false };
					groups.push(group);
				}
				byId.set(line.id, group);
				if (pos !== null) group.last = pos;
				// Leaving over lo (seen at any base chain of the output side): it will come back in.
				if (loIn) group.toLoopback = false;
				else if (field(fields, 'OUT') === 'lo') group.toLoopback = true;
				group.fields = fields;
			} else if (!group) {
				group = { lines: [], last: -Infinity, fields: '', firstFields: '', toLoopback: false };
				groups.push(group);
				byId.set(line.id, group);
			}
			const event = kernelLine(line, input);
			if (event) group.lines.push(event);
		}
		let k = 0;
		groups.forEach((g, i) => {
			if (i > 0 && input.dropRetransmissions && isSynAck(g.firstFields)) {
				const key = headerKey(g.firstFields);
				if (seenGenerated.has(key)) {
					notes.push(
						`packet ${n}: dropped a retransmission by the kernel (${g.firstFields.trim()})`
					);
					return;
				}
				seenGenerated.add(key);
			}
			out.push(`# packet ${i === 0 ? n : `${n}.${++k}`}`, ...g.lines);
		});
		if (groups.length === 0) out.push(`# packet ${n}`);
	});
	return { text: out.length ? out.join('\n') + '\n' : '', notes };
}

/** One monitor event as a kernel line, or null for the recorder's own TRACE rule and undeclared raw chains. */
function kernelLine(line: TraceLine, input: NormaliseInput): string | null {
	const chain = `${line.table}:${line.chain}`;
	if (line.table === 'raw' && (line.chain === 'PREROUTING' || line.chain === 'OUTPUT')) {
		if (!input.declaredRaw.has(chain)) return null;
	}
	const parts = line.rest.split(':');
	const what = parts[0];
	if (what === 'policy') return `${chain}:policy:${parts[1]}`;
	if (what !== 'rule') return null; // `return:` (implicit end of a user chain): no line in nfwalk either.
	const handle = Number.parseInt(parts[1], 16);
	const isTrace = (h: number) => input.traceHandles.has(`${chain}:${h}`);
	if (isTrace(handle)) return null;
	const list = (input.handles.get(chain) ?? []).filter((h) => !isTrace(h));
	const pos = list.indexOf(handle) + 1;
	return `${chain}:rule:${pos === 0 ? `?${parts[1]}` : pos}:${verdictOf(parts.slice(2))}`;
}
