/**
 * The packet sets a rule's conditions describe, with the two questions shadowing asks of them:
 * is one set inside another, and do two sets share no packet. Every answer is conservative:
 * `false` whenever the answer is not certain (an empty set included), so a doubt never flags a rule.
 */
import type { PortRange, ValueMask } from '../parse/values';

/** Subset and disjointness over one kind of value. */
export interface SetAlgebra<T> {
	/** Every packet in `inner` is in `outer`. */
	subset(inner: T, outer: T): boolean;
	/** No packet is in both. */
	disjoint(a: T, b: T): boolean;
}

/** Whether a negatable condition `outer` holds for every packet that satisfies `inner`. */
export function impliedBy<T>(
	algebra: SetAlgebra<T>,
	outer: { inverted: boolean; value: T },
	inner: { inverted: boolean; value: T }
): boolean {
	if (!outer.inverted && !inner.inverted) return algebra.subset(inner.value, outer.value);
	// ¬Y ⊆ ¬X exactly when X ⊆ Y.
	if (outer.inverted && inner.inverted) return algebra.subset(outer.value, inner.value);
	if (outer.inverted) return algebra.disjoint(outer.value, inner.value);
	// `X` covering `! Y` needs X ∪ Y to be everything; never worth deciding.
	return false;
}

const u32 = (n: number) => n >>> 0;
const nonEmpty = (s: ValueMask) => u32(s.value & ~s.mask) === 0;

/** `{x : x & mask == value}`: addresses with any mask, and `--mark value/mask`. */
export const masked: SetAlgebra<ValueMask> = {
	subset: (inner, outer) =>
		nonEmpty(inner) &&
		u32(outer.mask & ~inner.mask) === 0 &&
		u32(inner.value & outer.mask) === u32(outer.value),
	disjoint: (a, b) => nonEmpty(a) && nonEmpty(b) && u32((a.value ^ b.value) & a.mask & b.mask) !== 0
};

/** One value per packet (a protocol, "first fragment or later"). */
export const single: SetAlgebra<string> = {
	subset: (inner, outer) => inner === outer,
	disjoint: (a, b) => a !== b
};

/** Options compared as written: the same text is the same set; nothing more is known. */
export const identical: SetAlgebra<string> = {
	subset: (inner, outer) => inner === outer,
	disjoint: () => false
};

const overlaps = (a: PortRange, b: PortRange) => a.from <= b.to && b.from <= a.to;

// iptables takes `--dport 100:50` without complaint; whatever the kernel then does, say nothing.
const wellFormed = (list: readonly PortRange[]) =>
	list.length > 0 && list.every((r) => r.from <= r.to);

/** Port lists (one range for `--dport`, up to 15 for multiport). */
export const ports: SetAlgebra<readonly PortRange[]> = {
	subset: (inner, outer) =>
		wellFormed(inner) && wellFormed(outer) && inner.every((r) => coveredByUnion(r, outer)),
	disjoint: (a, b) =>
		wellFormed(a) && wellFormed(b) && !a.some((r) => b.some((o) => overlaps(r, o)))
};

/** `r` inside the union of `ranges`, also when no single range holds it (22:23 in 22,23). */
function coveredByUnion(r: PortRange, ranges: readonly PortRange[]): boolean {
	let next = r.from;
	for (const o of [...ranges].sort((x, y) => x.from - y.from)) {
		if (o.from > next) break;
		next = Math.max(next, o.to + 1);
		if (next > r.to) return true;
	}
	return false;
}

/** An interface name as `-i` takes it: exact, or a prefix when it ends in `+` (`+` alone: any). */
export interface InterfacePattern {
	prefix: string;
	wildcard: boolean;
}

export function interfacePattern(text: string): InterfacePattern {
	return text.endsWith('+')
		? { prefix: text.slice(0, -1), wildcard: true }
		: { prefix: text, wildcard: false };
}

export const interfaces: SetAlgebra<InterfacePattern> = {
	subset: (inner, outer) =>
		outer.wildcard
			? inner.prefix.startsWith(outer.prefix)
			: !inner.wildcard && inner.prefix === outer.prefix,
	disjoint(a, b) {
		if (!a.wildcard && !b.wildcard) return a.prefix !== b.prefix;
		if (a.wildcard && b.wildcard)
			return !a.prefix.startsWith(b.prefix) && !b.prefix.startsWith(a.prefix);
		const [wild, exact] = a.wildcard ? [a, b] : [b, a];
		return !exact.prefix.startsWith(wild.prefix);
	}
};

/** The conntrack states a packet has exactly one of; SNAT and DNAT may come on top of it. */
const BASE_STATES = new Set(['INVALID', 'NEW', 'ESTABLISHED', 'RELATED', 'UNTRACKED']);
const onlyBase = (s: readonly string[]) => s.every((name) => BASE_STATES.has(name));

/**
 * `--state`/`--ctstate` lists: a packet matches when one of its state bits is in the list, so a
 * smaller list is inside a larger one whatever the bits. Lists apart share no packet only without
 * SNAT and DNAT: a new DNATed connection is both NEW and DNAT.
 */
export const states: SetAlgebra<readonly string[]> = {
	subset: (inner, outer) => inner.length > 0 && inner.every((name) => outer.includes(name)),
	disjoint: (a, b) =>
		a.length > 0 && b.length > 0 && onlyBase(a) && onlyBase(b) && !a.some((s) => b.includes(s))
};
