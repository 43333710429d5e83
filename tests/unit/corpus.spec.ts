/**
 * The real-world corpus (../shared/corpus/real) against what the real iptables said of each file:
 * files both backends accept give 0 errors; files both reject get a diagnostic on the line
 * iptables names; no file throws. Skips with a message when ../shared is absent.
 */
import { describe, expect, it } from 'vitest';
import { parseRuleset } from '../../src/lib/engine/index';
import { corpusFiles } from '../support/corpus';
import { judgeCorpusFile } from '../support/judge-corpus';
import { hasShared, SKIP_MESSAGE } from '../support/shared';

if (!hasShared) console.warn(SKIP_MESSAGE);

describe.skipIf(!hasShared)('real-world corpus', () => {
	const files = hasShared ? corpusFiles() : [];

	it('has the 78 files SOURCES.md describes (58 accepted by both backends, 16 rejected by both)', () => {
		expect(files).toHaveLength(78);
		expect(files.filter((f) => f.nftOk && f.legacyOk)).toHaveLength(58);
		expect(files.filter((f) => !f.nftOk && !f.legacyOk)).toHaveLength(16);
	});

	it.each(files.map((f) => [f.file, f] as const))('%s', (_name, f) => {
		const { diagnostics } = parseRuleset(f.text);
		const verdict = judgeCorpusFile(f, diagnostics);
		expect(verdict.why && verdict.pass, verdict.why).toBe(true);
	});
});
