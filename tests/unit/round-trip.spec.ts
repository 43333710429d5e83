/**
 * parse → print → parse gives the same model, over every corpus file nfwalk reads without
 * errors and every iptables vector it accepts. Source positions differ by construction and are
 * left out of the comparison; everything else must be equal.
 */
import { describe, expect, it } from 'vitest';
import { parseRuleset, printRuleset } from '../../src/lib/engine/index';
import { corpusFiles } from '../support/corpus';
import { countedVectors, hasShared, SKIP_MESSAGE } from '../support/shared';
import { stripSpans } from '../support/strip-spans';

if (!hasShared) console.warn(SKIP_MESSAGE);

/** 64-bit values (quota, connbytes) are BigInts, which JSON cannot write by itself. */
const stableJson = (ruleset: unknown) =>
	JSON.stringify(stripSpans(ruleset), (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));

function roundTrip(text: string) {
	const first = parseRuleset(text);
	const printed = printRuleset(first.ruleset);
	const second = parseRuleset(printed, 'restore');
	return { first, printed, second };
}

describe('round trip on built-in examples', () => {
	it('keeps counters, policies, user chains, quoting and inversions', () => {
		const text =
			'*filter\n:INPUT DROP [5:300]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:LOGGING - [0:0]\n[2:120] -A INPUT ! -s 10.0.0.0/8 -p tcp -m tcp ! --dport 22 -m comment --comment "a \\"b\\" c" -j LOGGING\n-A LOGGING -j DROP\nCOMMIT\n';
		const { first, printed, second } = roundTrip(text);
		expect(first.diagnostics).toEqual([]);
		expect(printed).toBe(text);
		expect(stripSpans(second.ruleset)).toEqual(stripSpans(first.ruleset));
	});
});

describe.skipIf(!hasShared)('round trip over the corpus and the vectors', () => {
	const files = hasShared ? corpusFiles() : [];
	const clean = files.filter(
		(f) => !parseRuleset(f.text).diagnostics.some((d) => d.severity === 'error')
	);

	it('covers most of the corpus', () => {
		expect(clean.length).toBeGreaterThanOrEqual(58);
	});

	it.each(clean.map((f) => [f.file, f.text] as const))('%s', (_name, text) => {
		const { first, second } = roundTrip(text);
		expect(second.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
		expect(stripSpans(second.ruleset)).toEqual(stripSpans(first.ruleset));
	});

	it('holds for every vector nfwalk accepts', () => {
		const failures: string[] = [];
		for (const v of hasShared ? countedVectors() : []) {
			const text = `*${v.table}\n:${v.chain} ACCEPT [0:0]\n-A ${v.chain} ${v.argv.map((w) => (/^[^\s"\\]+$/.test(w) ? w : '"' + w.replace(/[\\"]/g, (c) => '\\' + c) + '"')).join(' ')}\nCOMMIT\n`;
			const { first, printed, second } = roundTrip(text);
			if (first.diagnostics.some((d) => d.severity === 'error')) continue;
			if (stableJson(first.ruleset) !== stableJson(second.ruleset)) {
				failures.push(
					`${v.file}:${v.line} ${v.rule}\n  printed: ${printed.split('\n').find((l) => l.startsWith('-A'))}`
				);
			}
		}
		expect(failures).toEqual([]);
	});
});
