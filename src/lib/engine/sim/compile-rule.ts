/**
 * Rules compiled once per scenario: the built-in options become plain numbers the chain walk
 * checks inline (no call per rule for `-d 10.96.0.10/32`), matches and targets become functions.
 */
import type { Chain, Rule, Ruleset, TableName } from '../model';
import { protocolNumber } from '../parse/protocols';
import type { CompiledMatch, CompiledTarget } from './compile-types';
import { compileMatch } from './matches/index';
import { compileTarget } from './targets/index';
import type { Packet } from './packet';

/** What a matched rule does next. */
export type CompiledAction =
	| { kind: 'none' }
	| { kind: 'verdict'; verdict: 'ACCEPT' | 'DROP' | 'RETURN' | 'QUEUE' }
	| { kind: 'jump' | 'goto'; chain: CompiledChain | null; name: string }
	| { kind: 'extension'; name: string; target: CompiledTarget };

/** An interface test: `eth+` compares the prefix `eth`, `eth0` the whole name. */
interface IfaceTest {
	name: string;
	wildcard: boolean;
	inverted: boolean;
}

export interface CompiledRule {
	rule: Rule;
	/** 1-based position in its chain, as the kernel holds it. */
	position: number;
	/** -1 when the rule has no `-p` (or `-p all`). */
	proto: number;
	protoInv: boolean;
	/** Address tests: `mask` 0 with `has` false when absent. */
	hasSrc: boolean;
	srcAddr: number;
	srcMask: number;
	srcInv: boolean;
	hasDst: boolean;
	dstAddr: number;
	dstMask: number;
	dstInv: boolean;
	inIface: IfaceTest | null;
	outIface: IfaceTest | null;
	/** `-f` (true: only non-first fragments), `! -f` (false), or null. */
	fragment: boolean | null;
	matches: CompiledMatch[];
	action: CompiledAction;
	/** Assumptions the engine makes for this rule (unknown or unsimulated extensions). */
	note: string | null;
	packets: number;
	bytes: number;
}

/**
 * The `-p`, `-s` and `-d` tests of a chain's rules side by side in typed arrays, so a packet
 * crossing thousands of rules reads a few contiguous numbers per rule instead of each rule object.
 */
export interface PackedTests {
	/** Protocol number, or -1 for none. */
	proto: Int16Array;
	/** Signed 32-bit views: a load above 2^31 from a Uint32Array is a heap number, which is slow. */
	srcAddr: Int32Array;
	srcMask: Int32Array;
	dstAddr: Int32Array;
	dstMask: Int32Array;
	/** PACK_* bits. */
	flags: Uint8Array;
	/**
	 * Runs of rules with `-d ADDR/32` and no `-s` (kube-proxy's service lists): `runEnd[i]` is the
	 * index after the run rule `i` belongs to, or 0. A packet skips such a run up to the first rule
	 * whose address is its destination, found in `byDst`, without testing each rule in between —
	 * they all fail on -p or -d, which the trace derives on demand.
	 */
	runEnd: Int32Array;
	byDst: Map<number, number[]>;
}

export const PACK_PROTO_INV = 1;
export const PACK_HAS_SRC = 2;
export const PACK_SRC_INV = 4;
export const PACK_HAS_DST = 8;
export const PACK_DST_INV = 16;
/** The rule has tests beyond -p/-s/-d (interfaces, -f, matches). */
export const PACK_MORE = 32;
/** The rule tests -i or -o, which the kernel checks before -p. */
export const PACK_IFACE = 64;

function pack(rules: CompiledRule[]): PackedTests {
	const n = rules.length;
	const packed: PackedTests = {
		proto: new Int16Array(n),
		srcAddr: new Int32Array(n),
		srcMask: new Int32Array(n),
		dstAddr: new Int32Array(n),
		dstMask: new Int32Array(n),
		flags: new Uint8Array(n),
		runEnd: new Int32Array(n),
		byDst: new Map()
	};
	const inRun = (r: CompiledRule) => r.hasDst && !r.dstInv && r.dstMask === 0xffffffff && !r.hasSrc;
	rules.forEach((r, i) => {
		packed.proto[i] = r.proto;
		packed.srcAddr[i] = r.srcAddr;
		packed.srcMask[i] = r.srcMask;
		packed.dstAddr[i] = r.dstAddr;
		packed.dstMask[i] = r.dstMask;
		packed.flags[i] =
			(r.protoInv ? PACK_PROTO_INV : 0) |
			(r.hasSrc ? PACK_HAS_SRC : 0) |
			(r.srcInv ? PACK_SRC_INV : 0) |
			(r.hasDst ? PACK_HAS_DST : 0) |
			(r.dstInv ? PACK_DST_INV : 0) |
			(r.inIface || r.outIface || r.fragment !== null || r.matches.length ? PACK_MORE : 0) |
			(r.inIface || r.outIface ? PACK_IFACE : 0);
	});
	// Runs shorter than this are cheaper to test rule by rule.
	const MIN_RUN = 16;
	for (let i = 0; i < n;) {
		let j = i;
		while (j < n && inRun(rules[j])) j++;
		if (j - i >= MIN_RUN) {
			for (let k = i; k < j; k++) {
				packed.runEnd[k] = j;
				const key = rules[k].dstAddr | 0;
				const list = packed.byDst.get(key);
				if (list) list.push(k);
				else packed.byDst.set(key, [k]);
			}
		}
		i = j === i ? i + 1 : j;
	}
	return packed;
}

export interface CompiledChain {
	chain: Chain;
	table: TableName;
	rules: CompiledRule[];
	packed: PackedTests;
	policyPackets: number;
	policyBytes: number;
}

/** Every chain of every table, compiled, with jumps resolved to compiled chains. */
export type CompiledRuleset = Map<TableName, Map<string, CompiledChain>>;

function iface(n: Rule['inInterface']): IfaceTest | null {
	if (!n) return null;
	const wildcard = n.value.endsWith('+');
	return { name: wildcard ? n.value.slice(0, -1) : n.value, wildcard, inverted: n.inverted };
}

function compileRule(rule: Rule, position: number): CompiledRule {
	const proto = rule.protocol ? (protocolNumber(rule.protocol.value) ?? 0) : 0;
	const matches = rule.matches.map((m) => compileMatch(m, rule));
	const target = rule.target;
	let action: CompiledAction = { kind: 'none' };
	let targetNote: string | undefined;
	if (target?.type === 'verdict') action = { kind: 'verdict', verdict: target.verdict };
	else if (target?.type === 'chain')
		action = { kind: target.goto ? 'goto' : 'jump', chain: null, name: target.chain };
	else if (target?.type === 'extension') {
		const compiled = compileTarget(rule);
		if (compiled) {
			action = { kind: 'extension', name: target.name, target: compiled };
			targetNote = compiled.note;
		}
	}
	const notes = [...matches.map((m) => m.note), targetNote].filter((n): n is string => !!n);
	return {
		rule,
		position,
		proto: proto === 0 ? -1 : proto,
		protoInv: rule.protocol?.inverted ?? false,
		hasSrc: rule.source !== null,
		srcAddr: rule.source?.value.address ?? 0,
		srcMask: rule.source?.value.mask ?? 0,
		srcInv: rule.source?.inverted ?? false,
		hasDst: rule.destination !== null,
		dstAddr: rule.destination?.value.address ?? 0,
		dstMask: rule.destination?.value.mask ?? 0,
		dstInv: rule.destination?.inverted ?? false,
		inIface: iface(rule.inInterface),
		outIface: iface(rule.outInterface),
		fragment: rule.fragment ? !rule.fragment.inverted : null,
		matches,
		action,
		note: notes.length ? notes.join('; ') : null,
		packets: 0,
		bytes: 0
	};
}

export function compileRuleset(ruleset: Ruleset): CompiledRuleset {
	const out: CompiledRuleset = new Map();
	for (const t of ruleset.tables) {
		const chains = new Map<string, CompiledChain>();
		for (const c of t.chains) {
			const rules = c.rules.map((r, i) => compileRule(r, i + 1));
			chains.set(c.name, {
				chain: c,
				table: t.name,
				rules,
				packed: pack(rules),
				policyPackets: 0,
				policyBytes: 0
			});
		}
		for (const c of chains.values()) {
			for (const r of c.rules) {
				if (r.action.kind === 'jump' || r.action.kind === 'goto')
					r.action.chain = chains.get(r.action.name) ?? null;
			}
		}
		out.set(t.name, chains);
	}
	return out;
}

function ifaceMatches(test: IfaceTest, name: string | null): boolean {
	const n = name ?? '';
	const hit = test.wildcard ? n.startsWith(test.name) : n === test.name;
	return hit !== test.inverted;
}

/**
 * The index of the rule's first test the packet fails (0 -p, 1 -s, 2 -d, 3 -i, 4 -o, 5 -f, 6 + k
 * the k-th match), or -1 when all pass — in the kernel's order (ip_packet_match): -s, -d, -i, -o,
 * -p, -f, then the matches in the order written, stopping at the first that fails.
 */
/**
 * Where a packet to `dst` next stops in the address run that rule `i` belongs to: the first rule
 * at or after `i` whose address is `dst`, or the run's end.
 */
export function nextInRun(t: PackedTests, i: number, dst: number): number {
	const end = t.runEnd[i];
	const list = t.byDst.get(dst);
	if (list) {
		let lo = 0;
		let hi = list.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (list[mid] < i) lo = mid + 1;
			else hi = mid;
		}
		if (lo < list.length && list[lo] < end) return list[lo];
	}
	return end;
}

/**
 * The first failing -p/-s/-d test of rule `i` from the packed arrays, or -1 when they pass. The
 * packet's fields come as plain numbers: read once per run of rules, not once per rule.
 */
export function packedFailure(
	t: PackedTests,
	i: number,
	proto: number,
	src: number,
	dst: number
): number {
	const f = t.flags[i];
	// ip_packet_match's order: addresses, interfaces, then the protocol.
	if (f & PACK_HAS_SRC && ((src & t.srcMask[i]) === t.srcAddr[i]) === ((f & PACK_SRC_INV) !== 0))
		return 1;
	if (f & PACK_HAS_DST && ((dst & t.dstMask[i]) === t.dstAddr[i]) === ((f & PACK_DST_INV) !== 0))
		return 2;
	// With interfaces to test first, the protocol waits for failingAfterAddresses.
	if (f & PACK_IFACE) return -1;
	const want = t.proto[i];
	if (want !== -1 && (proto === want) === ((f & PACK_PROTO_INV) !== 0)) return 0;
	return -1;
}

export function firstFailingTest(
	r: CompiledRule,
	p: Packet,
	env: Parameters<CompiledMatch['test']>[1]
): number {
	if (r.hasSrc && ((p.src & r.srcMask) >>> 0 === r.srcAddr) === r.srcInv) return 1;
	if (r.hasDst && ((p.dst & r.dstMask) >>> 0 === r.dstAddr) === r.dstInv) return 2;
	return failingAfterAddresses(r, p, env);
}

/** `firstFailingTest` for a rule whose -p/-s/-d already passed (the packed tests checked them). */
export function failingAfterAddresses(
	r: CompiledRule,
	p: Packet,
	env: Parameters<CompiledMatch['test']>[1]
): number {
	if (r.inIface && !ifaceMatches(r.inIface, p.inIface)) return 3;
	if (r.outIface && !ifaceMatches(r.outIface, p.outIface)) return 4;
	if (r.proto !== -1 && (p.proto === r.proto) === r.protoInv) return 0;
	// Conntrack reassembles before raw (§3.8): a simulated packet is never a non-first fragment.
	if (r.fragment === true) return 5;
	const m = r.matches;
	for (let k = 0; k < m.length; k++) if (!m[k].test(p, env)) return 6 + k;
	return -1;
}
