/**
 * What every trace must satisfy, whatever the rules and packets: one trace and one fate per
 * packet, a fate the steps lead to, hooks in one of the kernel's paths, tables and conntrack in
 * priority order within a hook, conntrack states that move only the ways the kernel moves them
 * (../shared/netfilter-semantics.md §3), and counters equal to the rule steps that matched.
 * Each check returns what it found wrong, so a fuzz run can count and print violations.
 */
import type { Hook } from '../../../src/lib/engine/model';
import { hookSlots } from '../../../src/lib/engine/sim/hooks';
import { applyStep } from '../../../src/lib/engine/sim/packet-at';
import type { ScenarioPacket } from '../../../src/lib/engine/sim/simulate';
import type { PacketTrace, Step, Trace } from '../../../src/lib/engine/sim/trace';

const FATES = new Set(['delivered', 'sent', 'dropped', 'stolen', 'discarded']);

/** The hook sequences a packet can take (§1.2): an arriving one, and a locally generated one. */
const ARRIVING = [
	'',
	'PREROUTING',
	'PREROUTING INPUT',
	'PREROUTING FORWARD',
	'PREROUTING FORWARD POSTROUTING'
];
const LOCAL = [
	'',
	'OUTPUT',
	'OUTPUT POSTROUTING',
	'OUTPUT POSTROUTING PREROUTING',
	'OUTPUT POSTROUTING PREROUTING INPUT'
];

export function traceViolations(
	trace: Trace,
	packets: readonly ScenarioPacket[],
	backend: 'nft' | 'legacy'
): string[] {
	const out: string[] = [];
	out.push(...idViolations(trace, packets.length));
	for (const t of trace.packets) {
		const local = t.id.includes('.') || packets[Number(t.id) - 1]?.from === 'local';
		const say = (what: string) => out.push(`packet ${t.id}: ${what}`);
		fateViolations(t, say);
		hookViolations(t, local, backend, say);
		conntrackStepViolations(t, say);
	}
	out.push(...conntrackHistoryViolations(trace));
	out.push(...counterViolations(trace));
	return out;
}

/** Scenario packets 1..n in order, each followed by the packets it caused (`n.1`, `n.2` …). */
function idViolations(trace: Trace, count: number): string[] {
	const top = trace.packets.filter((t) => !t.id.includes('.')).map((t) => t.id);
	const want = Array.from({ length: count }, (_, i) => String(i + 1));
	const out: string[] = [];
	if (top.join() !== want.join()) out.push(`packet ids ${top.join()} instead of ${want.join()}`);
	const seen = new Set<string>();
	for (const t of trace.packets) {
		if (seen.has(t.id)) out.push(`packet ${t.id} traced twice`);
		seen.add(t.id);
	}
	return out;
}

function hooksOf(t: PacketTrace): Hook[] {
	return t.steps.flatMap((s) => (s.type === 'hook' ? [s.hook] : []));
}

/** The last step that decided something in a chain: a rule that matched or a policy. */
function lastDecision(t: PacketTrace): Step | undefined {
	return t.steps.findLast((s) => s.type === 'rule' || s.type === 'policy');
}

function fateViolations(t: PacketTrace, say: (what: string) => void): void {
	const f = t.fate;
	if (!f || !FATES.has(f.type)) return say(`fate ${JSON.stringify(f)} is not one of ${[...FATES]}`);
	const hooks = hooksOf(t);
	const last = hooks[hooks.length - 1];
	if (f.type === 'sent' && last !== 'POSTROUTING') say(`sent, but its last hook is ${last}`);
	if (f.type === 'delivered' && last !== 'INPUT') say(`delivered, but its last hook is ${last}`);
	if (f.type === 'dropped') {
		const d = lastDecision(t);
		const place = `${f.by.table} ${f.by.chain} ${f.by.rule ?? 'policy'}`;
		if (f.by.hook !== last) say(`dropped at ${f.by.hook}, but its last hook is ${last}`);
		if (f.by.rule === null) {
			if (
				d?.type !== 'policy' ||
				d.verdict !== 'DROP' ||
				d.table !== f.by.table ||
				d.chain !== f.by.chain
			)
				say(`dropped by ${place}, but the last decision is ${JSON.stringify(d)}`);
		} else if (
			d?.type !== 'rule' ||
			!['DROP', 'REJECT'].includes(d.verdict) ||
			d.rule !== f.by.rule ||
			d.table !== f.by.table ||
			d.chain !== f.by.chain
		)
			say(`dropped by ${place}, but the last decision is ${JSON.stringify(d)}`);
	}
	if (f.type === 'stolen') {
		const d = lastDecision(t);
		if (d?.type !== 'rule' || d.verdict !== 'QUEUE')
			say(`stolen, but the last decision is ${JSON.stringify(d)}`);
	}
	for (const s of t.steps) {
		if (
			(s.type === 'rule' || s.type === 'policy') &&
			(s.verdict === 'DROP' || s.verdict === 'REJECT') &&
			s !== lastDecision(t)
		)
			say(`a ${s.verdict} at ${s.table} ${s.chain} did not end the walk`);
	}
}

type SlotKey = string;

function slotKey(s: Step): SlotKey | null {
	if (s.type === 'chain') return s.table;
	if (s.type === 'conntrack' && s.phase === 'lookup') return 'ct-lookup';
	if (s.type === 'conntrack' && s.phase === 'confirm') return 'ct-confirm';
	return null;
}

/** Hooks in a kernel path; within each hook, tables and conntrack in priority order, once each. */
function hookViolations(
	t: PacketTrace,
	local: boolean,
	backend: 'nft' | 'legacy',
	say: (what: string) => void
): void {
	const path = hooksOf(t).join(' ');
	if (!(local ? LOCAL : ARRIVING).includes(path))
		say(
			`hooks ${path || '(none)'} are not a path a${local ? ' local' : 'n arriving'} packet takes`
		);
	let hook: Hook | null = null;
	let order: SlotKey[] = [];
	let at = -1;
	let table: string | null = null;
	for (const s of t.steps) {
		if (s.type === 'hook') {
			hook = s.hook;
			order = hookSlots(s.hook, backend).map((x) => (x.type === 'table' ? x.table : x.type));
			at = -1;
			table = null;
			continue;
		}
		const key = slotKey(s);
		if (key !== null) {
			if (!hook) {
				say(`${s.type} step before any hook`);
				continue;
			}
			const k = order.indexOf(key);
			if (k <= at)
				say(`${key} at ${hook} comes after slot ${order[at]} (order ${order.join(', ')})`);
			at = Math.max(at, k);
			if (s.type === 'chain') {
				table = s.table;
				if (s.hook !== hook || s.chain !== hook)
					say(`base chain ${s.table} ${s.chain} at ${s.hook} inside ${hook}`);
			}
		}
		if (s.type === 'rule' || s.type === 'skip' || s.type === 'policy' || s.type === 'return') {
			if (s.hook !== hook || s.table !== table)
				say(
					`${s.type} step in ${s.table} ${s.chain} at ${s.hook} while walking ${table} at ${hook}`
				);
		}
	}
}

/**
 * Within one packet, the conntrack state and direction never change after the lookup (the
 * kernel sets ctinfo once), and they agree with the entry: NEW is the original direction of an
 * entry without a reply; ESTABLISHED has an entry; INVALID and UNTRACKED have none.
 */
function conntrackStepViolations(t: PacketTrace, say: (what: string) => void): void {
	let first: { state: string; dir: string; entry: number | null } | null = null;
	for (const s of t.steps) {
		if (s.type !== 'conntrack') continue;
		const entry = s.entry?.id ?? null;
		// A looped-back packet that was INVALID is looked up again on the way in (§3.5).
		if (first && s.phase === 'lookup' && first.state === 'INVALID') first = null;
		if (!first) first = { state: s.state, dir: s.dir, entry };
		else if (s.state !== first.state || s.dir !== first.dir)
			say(`conntrack ${s.phase}: ${s.state} ${s.dir} after ${first.state} ${first.dir}`);
		if ((s.state === 'INVALID' || s.state === 'UNTRACKED') && s.entry)
			say(`${s.state} with entry ${s.entry.id}`);
		if ((s.state === 'NEW' || s.state === 'ESTABLISHED') && !s.entry)
			say(`${s.state} without an entry`);
		if (s.state === 'NEW' && s.dir !== 'ORIGINAL') say(`NEW in the ${s.dir} direction`);
		if (s.state === 'NEW' && s.phase === 'lookup' && s.entry?.status.seenReply)
			say(`NEW on entry ${s.entry.id}, which has seen a reply`);
		// Only the original direction confirms: REJECT's error about a first packet carries that
		// packet's unconfirmed entry in the reply direction, and confirm leaves it be (§3.6).
		if (s.phase === 'confirm' && s.entry && s.dir === 'ORIGINAL' && !s.entry.status.confirmed)
			say(`entry ${s.entry.id} not confirmed after its confirm step`);
	}
}

/**
 * Across packets, an entry's SEEN_REPLY, ASSURED and CONFIRMED bits are never cleared, and once
 * a reply was seen its original direction is ESTABLISHED, never NEW again.
 */
function conntrackHistoryViolations(trace: Trace): string[] {
	const out: string[] = [];
	const bits = new Map<number, { seenReply: boolean; assured: boolean; confirmed: boolean }>();
	for (const t of trace.packets) {
		for (const s of t.steps) {
			if (s.type !== 'conntrack' || !s.entry) continue;
			const now = s.entry.status;
			const before = bits.get(s.entry.id);
			if (before) {
				for (const b of ['seenReply', 'assured', 'confirmed'] as const)
					if (before[b] && !now[b]) out.push(`packet ${t.id}: entry ${s.entry.id} lost ${b}`);
				if (before.seenReply && s.state === 'NEW')
					out.push(`packet ${t.id}: entry ${s.entry.id} is NEW again after a reply`);
			}
			bits.set(s.entry.id, {
				seenReply: now.seenReply || !!before?.seenReply,
				assured: now.assured || !!before?.assured,
				confirmed: now.confirmed || !!before?.confirmed
			});
		}
	}
	return out;
}

/** Each rule's counter is the number of rule steps that name it; each policy's, its policy steps. */
function counterViolations(trace: Trace): string[] {
	const want = new Map<string, { packets: number; bytes: number }>();
	const add = (key: string, bytes: number) => {
		const c = want.get(key) ?? { packets: 0, bytes: 0 };
		c.packets++;
		c.bytes += bytes;
		want.set(key, c);
	};
	for (const t of trace.packets) {
		// The packet's length as each step sees it, replayed from the start of its trace.
		const p = { ...t.packet };
		for (const s of t.steps) {
			if (s.type === 'rule') add(`${s.table} ${s.chain} ${s.rule}`, p.length);
			else if (s.type === 'policy') add(`${s.table} ${s.chain} 0`, p.length);
			applyStep(p, s);
		}
	}
	const out: string[] = [];
	for (const c of trace.counters) {
		const key = `${c.table} ${c.chain} ${c.rule}`;
		const w = want.get(key) ?? { packets: 0, bytes: 0 };
		want.delete(key);
		if (w.packets !== c.packets || w.bytes !== c.bytes)
			out.push(`counter ${key} is ${c.packets}:${c.bytes}, the steps say ${w.packets}:${w.bytes}`);
	}
	for (const key of want.keys()) out.push(`steps name ${key}, which has no counter`);
	return out;
}
