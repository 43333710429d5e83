/**
 * simulate always ends and every packet ends with exactly one fate, on random valid rule sets
 * and packet sequences (tests/property/gen/scenarios.ts): the kernel suite's random cases, user
 * chains nested to iptables-nft's limit and past it (legacy accepts any depth), chains that each
 * jump twice to the next, and rule sets with thousands of rules. Every trace also keeps the
 * invariants of gen/trace-invariants.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planScenario, scenarioPlan, type ScenarioPlan } from './gen/scenarios';
import { PROPERTY_SEED } from './gen/settings';
import { checkSimulation } from './gen/targets';

describe('simulate on random scenarios', () => {
	it('ends, gives each packet one fate and keeps the trace invariants', () => {
		fc.assert(
			fc.property(scenarioPlan(1500), (plan) => {
				expect(checkSimulation(planScenario(plan)).problems).toEqual([]);
			}),
			{ seed: PROPERTY_SEED, numRuns: 150 }
		);
	}, 60_000);

	const BASE: ScenarioPlan = {
		kind: 'deep',
		seed: 7,
		backend: 'nft',
		table: 'filter',
		depth: 15,
		size: 1,
		batches: 2
	};

	const walk = (plan: ScenarioPlan) => {
		const { problems, trace } = checkSimulation(planScenario(plan));
		expect(problems).toEqual([]);
		const packets = trace!.packets;
		const steps = packets.flatMap((p) => p.steps);
		return {
			deepest: Math.max(
				...steps.map((s) => (s.type === 'rule' ? Number(s.chain.slice(1)) || 0 : 0))
			),
			/** Packets that reached a chain of the table, and those of them the budget stopped. */
			walked: packets.filter((p) => p.steps.some((s) => s.type === 'chain')).length,
			stopped: packets.filter((p) => /nfwalk stopped this packet/.test(JSON.stringify(p.fate)))
				.length
		};
	};

	it.each([
		['15 nested user chains, iptables-nft', { ...BASE }, 15],
		[
			'16 nested user chains (nft refuses, legacy takes)',
			{ ...BASE, depth: 16, backend: 'legacy' },
			16
		],
		['40 nested user chains, legacy', { ...BASE, depth: 40, backend: 'legacy' }, 40],
		['chains in mangle, nested 15', { ...BASE, table: 'mangle' }, 15]
	] as const)('%s: packets walk down to the last chain', (_what, plan, depth) => {
		expect(walk(plan).deepest).toBe(depth);
	});

	it('3,000 rules', () => {
		const w = walk({ ...BASE, kind: 'big', size: 3000 });
		expect(w.walked).toBeGreaterThan(0);
		expect(w.stopped).toBe(0);
	});

	it('16 chains each jumping twice to the next: every walk ends on the step budget', () => {
		const w = walk({ ...BASE, kind: 'fanout', depth: 16 });
		expect(w.walked).toBeGreaterThan(0);
		expect(w.stopped).toBe(w.walked);
	});
});
