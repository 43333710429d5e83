/**
 * Whether an earlier rule matches every packet a later rule matches, from their conditions:
 * each condition of the earlier rule must follow from one condition of the later rule.
 */
import type { Condition } from './conditions';
import { identical, impliedBy, interfaces, masked, ports, single, states } from './sets';

/** Whether every packet meeting `inner` (of the later rule) meets `outer` (of the earlier rule). */
export function conditionImplies(inner: Condition, outer: Condition): boolean {
	if (outer.type === 'either-port') return eitherPortImpliedBy(outer, inner);
	if (inner.key !== outer.key) return false;
	switch (outer.type) {
		case 'masked':
			return inner.type === outer.type && impliedBy(masked, outer, inner);
		case 'interface':
			return inner.type === outer.type && impliedBy(interfaces, outer, inner);
		case 'single':
			return inner.type === outer.type && impliedBy(single, outer, inner);
		case 'ports':
			return inner.type === outer.type && impliedBy(ports, outer, inner);
		case 'states':
			return inner.type === outer.type && impliedBy(states, outer, inner);
		case 'identical':
			return inner.type === outer.type && impliedBy(identical, outer, inner);
	}
}

/**
 * `--ports X` (source or destination in X) follows from `--sport`, `--dport` or `--ports` inside X;
 * `! --ports X` only from `! --ports Y` with Y holding X. A later `--ports Y` apart from X proves
 * nothing: one end may be in Y and the other in X.
 */
function eitherPortImpliedBy(
	outer: Extract<Condition, { type: 'either-port' }>,
	inner: Condition
): boolean {
	if (outer.inverted)
		return (
			inner.type === 'either-port' &&
			inner.key === outer.key &&
			inner.inverted &&
			ports.subset(outer.value, inner.value)
		);
	const sameProtocol =
		inner.key === outer.key ||
		inner.key === `${outer.protocol}:sport` ||
		inner.key === `${outer.protocol}:dport`;
	return (
		sameProtocol &&
		(inner.type === 'ports' || inner.type === 'either-port') &&
		!inner.inverted &&
		ports.subset(inner.value, outer.value)
	);
}

/** Whether a packet meeting all of `later` meets all of `earlier`. */
export function covers(earlier: readonly Condition[], later: readonly Condition[]): boolean {
	return earlier.every((e) => later.some((l) => conditionImplies(l, e)));
}
