/**
 * The chain panel's rows for one hook and one packet, as far as the packet has gone: each table's
 * base chain at that hook with its rules, and under a rule that jumped, the user chain it entered,
 * indented like a call stack. Each rule is matched, not matched (with the skip step that says so,
 * for the why-not) or not reached. A flat list, so the panel can render only the rows in view.
 */
import type { Chain, Hook, Ruleset, TableName } from '../../engine/model';
import type { PacketTrace, Step } from '../../engine/sim/trace';

type RuleStep = Extract<Step, { type: 'rule' }>;
type SkipStep = Extract<Step, { type: 'skip' }>;

/** What happened to a rule: matched at a rule step, or not matched within a skip step. */
export type RuleResult =
	| { status: 'matched'; step: number; rule: RuleStep }
	| { status: 'unmatched'; step: number; skip: SkipStep };

/** One pass of the packet through a chain (a user chain can be entered more than once). */
export interface Invocation {
	table: TableName;
	chain: Chain;
	/** The packet entered it by now (a base chain of a connection's later packet may be skipped). */
	entered: boolean;
	/** The packet enters it at some step of this visit, now or later. */
	traversed: boolean;
	matched: Map<number, RuleResult & { status: 'matched' }>;
	skipped: { from: number; to: number; step: number; skip: SkipStep }[];
	/** Chains entered from rule N (by JUMP or GOTO), in order. */
	calls: Map<number, Invocation[]>;
	/** The policy's verdict when it decided, for base chains. */
	policy: 'ACCEPT' | 'DROP' | null;
}

/** A row: a chain's heading, one of its rules, or a base chain's policy. */
export type ChainRow =
	| { kind: 'chain'; depth: number; call: Invocation }
	| { kind: 'rule'; depth: number; call: Invocation; position: number }
	| { kind: 'policy'; depth: number; call: Invocation };

export interface ChainRows {
	rows: ChainRow[];
	/** Index of the row of the current step's rule, or null. */
	active: number | null;
	/** The chains the active row sits in, outermost first (base chain › user chain › …). */
	stack: Invocation[];
}

/** The result for rule `position` of an invocation, or null when the packet did not reach it. */
export function resultOf(call: Invocation, position: number): RuleResult | null {
	const m = call.matched.get(position);
	if (m) return m;
	for (const s of call.skipped)
		if (position >= s.from && position <= s.to)
			return { status: 'unmatched', step: s.step, skip: s.skip };
	return null;
}

function invocation(table: TableName, chain: Chain, entered: boolean): Invocation {
	return {
		table,
		chain,
		entered,
		traversed: entered,
		matched: new Map(),
		skipped: [],
		calls: new Map(),
		policy: null
	};
}

function chainNamed(ruleset: Ruleset, table: TableName, name: string): Chain | null {
	return ruleset.tables.find((t) => t.name === table)?.chains.find((c) => c.name === name) ?? null;
}

/**
 * The rows for `hook` after steps 0…`upTo` of the packet (its last visit of the hook when it
 * passed it twice). `tables` are the tables whose base chain runs there, in the engine's order
 * (the diagram's cells that are not dimmed). `active` is the row of (table, chain, rule) of the
 * current frame.
 */
export function chainRows(
	ruleset: Ruleset,
	tables: readonly TableName[],
	p: PacketTrace,
	hook: Hook,
	upTo: number,
	current: { table: string | null; chain: string | null; rule: number | null }
): ChainRows {
	const bases = new Map<TableName, Invocation>();
	const reset = () => {
		bases.clear();
		for (const table of tables) {
			const c = chainNamed(ruleset, table, hook);
			if (c) bases.set(table, invocation(table, c, false));
		}
	};
	reset();
	let stack: Invocation[] = [];
	let last: { call: Invocation; position: number } | null = null;
	const end = Math.min(upTo, p.steps.length - 1);
	for (let i = 0; i <= end; i++) {
		const s = p.steps[i];
		if (s.type === 'hook') {
			if (s.hook === hook) reset();
			stack = [];
			continue;
		}
		if (!('hook' in s) || s.hook !== hook) continue;
		const top = stack[stack.length - 1];
		if (s.type === 'chain') {
			const base = bases.get(s.table);
			if (base) base.entered = base.traversed = true;
			stack = base ? [base] : [];
		} else if (s.type === 'skip' && top) {
			top.skipped.push({ from: s.from, to: s.to, step: i, skip: s });
			last = { call: top, position: s.to };
		} else if (s.type === 'rule' && top) {
			top.matched.set(s.rule, { status: 'matched', step: i, rule: s });
			last = { call: top, position: s.rule };
			const target = s.verdict === 'JUMP' || s.verdict === 'GOTO';
			const callee = target ? chainNamed(ruleset, s.table, s.target) : null;
			if (callee) {
				const child = invocation(s.table, callee, true);
				top.calls.set(s.rule, [...(top.calls.get(s.rule) ?? []), child]);
				// GOTO replaces the frame: the callee's end returns to this chain's caller.
				if (s.verdict === 'GOTO') stack.pop();
				stack.push(child);
			}
		} else if (s.type === 'return') {
			stack.pop();
			while (stack.length > 1 && stack[stack.length - 1].chain.name !== s.to) stack.pop();
		} else if (s.type === 'policy') {
			const base = bases.get(s.table);
			if (base) base.policy = s.verdict;
			stack = [];
		}
	}
	// Base chains the packet reaches later at this hook are not reached *yet*.
	for (let i = end + 1; i < p.steps.length; i++) {
		const s = p.steps[i];
		if (s.type === 'chain' && s.hook === hook) {
			const base = bases.get(s.table);
			if (base) base.traversed = true;
		}
	}
	const rows: ChainRow[] = [];
	let active: number | null = null;
	let activeStack: Invocation[] = [];
	const isActive = (call: Invocation, position: number) =>
		last !== null &&
		last.call === call &&
		last.position === position &&
		current.table === call.table &&
		current.chain === call.chain.name &&
		current.rule === position;
	const flatten = (call: Invocation, depth: number, path: Invocation[]) => {
		const n = call.chain.rules.length;
		for (let position = 1; position <= n; position++) {
			if (isActive(call, position)) {
				active = rows.length;
				activeStack = [...path, call];
			}
			rows.push({ kind: 'rule', depth, call, position });
			for (const child of call.calls.get(position) ?? []) {
				rows.push({ kind: 'chain', depth: depth + 1, call: child });
				flatten(child, depth + 1, [...path, call]);
			}
		}
	};
	for (const base of bases.values()) {
		rows.push({ kind: 'chain', depth: 0, call: base });
		flatten(base, 0, []);
		rows.push({ kind: 'policy', depth: 0, call: base });
	}
	return { rows, active, stack: activeStack };
}
