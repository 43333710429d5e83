/**
 * iptables upstream's own parser vectors, each checked against the real iptables-legacy 1.8.9
 * (../shared/corpus/iptables-t/vectors.jsonl): nfwalk must accept/reject as legacy did on
 * ≥ 98 % and print exactly legacy's listing on ≥ 95 % of the accepted ones.
 * `npx tsx scripts/vectors-report.ts --misses` lists every miss.
 */
import { describe, expect, it } from 'vitest';
import { countedVectors, hasShared, SKIP_MESSAGE } from '../support/shared';
import { runVector } from '../support/run-vector';

if (!hasShared) console.warn(SKIP_MESSAGE);

describe.skipIf(!hasShared)('iptables upstream parser vectors', () => {
	const vectors = hasShared ? countedVectors() : [];
	const outcomes = vectors.map((v) => ({ v, out: runVector(v) }));

	it('counts the vectors the issue counts', () => {
		// 2,013 vectors less those with a setup and those the kernel lacked a module for.
		expect(vectors.length).toBeGreaterThan(1850);
		expect(vectors.length).toBeLessThan(1950);
	});

	it('accepts and rejects as iptables-legacy does on at least 98 %', () => {
		const agree = outcomes.filter(({ v, out }) => out.accepted === v.legacy_ok).length;
		expect(agree / vectors.length).toBeGreaterThanOrEqual(0.98);
	});

	it('prints exactly the legacy listing for at least 95 % of the accepted vectors', () => {
		const accepted = outcomes.filter(({ v }) => v.legacy_ok);
		const exact = accepted.filter(({ v, out }) => out.canonical === v.legacy_canonical).length;
		expect(exact / accepted.length).toBeGreaterThanOrEqual(0.95);
	});
});
