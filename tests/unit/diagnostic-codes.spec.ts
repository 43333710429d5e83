/** Every diagnostic code the engine can emit is documented in docs/diagnostics.md. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emittedCodes } from '../support/diagnostic-codes';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const docs = readFileSync(join(root, 'docs/diagnostics.md'), 'utf8');
const codes = [...emittedCodes(join(root, 'src/lib/engine'))].sort();

describe('diagnostic codes', () => {
	it('finds the codes in the engine source', () => {
		// A scanner that found nothing would pass the test below vacuously.
		expect(codes.length).toBeGreaterThan(50);
		expect(codes).toContain('unknown-target');
		expect(codes).toContain('kernel-refuses');
	});

	it.each(codes)('`%s` is documented', (code) => {
		expect(docs).toContain('`' + code + '`');
	});
});
