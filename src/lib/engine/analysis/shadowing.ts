/**
 * Rules that can never match: an earlier rule of the same chain with a terminal verdict takes
 * every packet they would match. Only what can be decided is flagged (see conditions.ts): an
 * earlier rule with a condition nfwalk cannot read, or a change to the packet in between (a
 * MARK, a user chain that may change it and return), keeps a later rule unflagged.
 */
import type { Chain, Table } from '../model';
import { ruleConditions, type Condition } from './conditions';
import { covers } from './cover';
import { ChainChanges, isTerminal } from './effects';

/** A rule that can never match, e.g. rule 3 of INPUT after rule 2 `-p tcp -j ACCEPT`. */
export interface Shadowed {
	chain: string;
	/** 1-based, as iptables numbers rules. */
	rule: number;
	line: number;
	/** The earlier rule that takes its packets. */
	by: number;
	byLine: number;
	/** The earlier rule has no condition at all: nothing after it in the chain is ever reached. */
	unconditional: boolean;
}

interface Candidate {
	index: number;
	conditions: Condition[];
}

/**
 * Earlier terminal rules filed by what they test, so a chain of thousands of `-d NET -j RETURN`
 * rules asks 33 prefixes per rule instead of every rule before it.
 */
class CandidateIndex {
	private readonly byDst = new Map<number, Candidate[]>();
	private readonly bySrc = new Map<number, Candidate[]>();
	private readonly rest: Candidate[] = [];

	add(c: Candidate): void {
		const filed = fileBy(c.conditions, 'dst') ?? fileBy(c.conditions, 'src');
		if (!filed) return void this.rest.push(c);
		const map = filed.key === 'dst' ? this.byDst : this.bySrc;
		const slot = map.get(filed.at);
		if (slot) slot.push(c);
		else map.set(filed.at, [c]);
	}

	/** The first candidate still `valid` that takes every packet meeting `conditions`. */
	earliestCover(
		conditions: readonly Condition[],
		valid: (c: Candidate) => boolean
	): Candidate | null {
		let by: Candidate | null = null;
		for (const slot of this.lookup(conditions)) {
			// Each slot is in rule order: past the best so far, nothing earlier follows.
			for (const c of slot) {
				if (by && c.index >= by.index) break;
				if (valid(c) && covers(c.conditions, conditions)) by = c;
			}
		}
		return by;
	}

	/** The slots that may hold a candidate covering these conditions. */
	private *lookup(conditions: readonly Condition[]): Generator<Candidate[]> {
		yield this.rest;
		for (const key of ['dst', 'src'] as const) {
			const map = key === 'dst' ? this.byDst : this.bySrc;
			if (map.size === 0) continue;
			const c = conditions.find((x) => x.key === key && !x.inverted);
			if (c?.type !== 'masked') continue;
			for (let prefix = 0; prefix <= 32; prefix++) {
				const mask = prefixMask(prefix);
				if ((mask & ~c.value.mask) >>> 0 !== 0) break;
				const slot = map.get(slotKey(prefix, c.value.value & mask));
				if (slot) yield slot;
			}
		}
	}
}

const prefixMask = (prefix: number) => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);
const slotKey = (prefix: number, address: number) => prefix * 2 ** 32 + (address >>> 0);

/** Where to file a rule that tests a plain network `-d 10.0.0.0/8` (or `-s`). */
function fileBy(conditions: readonly Condition[], key: 'src' | 'dst') {
	const c = conditions.find((x) => x.key === key);
	if (c?.type !== 'masked' || c.inverted) return null;
	for (let prefix = 0; prefix <= 32; prefix++)
		if (prefixMask(prefix) === c.value.mask >>> 0)
			return { key, at: slotKey(prefix, c.value.value) };
	return null;
}

/** The shadowed rules of one chain; rules on `skipLines` (errors: not loadable) are left out. */
export function shadowedInChain(
	chain: Chain,
	changes: ChainChanges,
	skipLines: ReadonlySet<number>
): Shadowed[] {
	const found: Shadowed[] = [];
	const index = new CandidateIndex();
	// Per condition key, the last rule after which a packet may test differently on it.
	const lastChange = new Map<string, number>();
	const changedSince = (c: Candidate) =>
		c.conditions.some((cond) => changedAfter(lastChange, cond.key) > c.index);
	chain.rules.forEach((rule, i) => {
		if (!skipLines.has(rule.span.line)) {
			const { conditions, complete } = ruleConditions(rule);
			const by = index.earliestCover(conditions, (c) => !changedSince(c));
			if (by)
				found.push({
					chain: chain.name,
					rule: i + 1,
					line: rule.span.line,
					by: by.index + 1,
					byLine: chain.rules[by.index].span.line,
					unconditional: by.conditions.length === 0
				});
			if (complete && isTerminal(rule)) index.add({ index: i, conditions });
		}
		// A rule with an error still counts for what its target may change.
		for (const key of changes.ofRule(rule)) lastChange.set(key, i);
	});
	return found;
}

function changedAfter(lastChange: ReadonlyMap<string, number>, key: string): number {
	return Math.max(
		lastChange.get('*') ?? -1,
		lastChange.get(key) ?? -1,
		key.startsWith('m:') ? (lastChange.get('m:*') ?? -1) : -1
	);
}

/** The shadowed rules of every chain of a table. */
export function shadowedInTable(table: Table, skipLines: ReadonlySet<number>): Shadowed[] {
	const changes = new ChainChanges(table);
	return table.chains.flatMap((chain) => shadowedInChain(chain, changes, skipLines));
}
