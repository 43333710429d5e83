/**
 * The scenarios users open from the start page (rules-examples/): each reads without errors,
 * has a title and description, gives exactly the kernel's own trace in `--format kernel`
 * (NAME.kernel.txt, recorded with kernel-trace.sh), and matches its reviewed golden text trace
 * (NAME.trace.txt; regenerate with `npx tsx scripts/update-golden.ts` and review the diff).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, exampleNames, traceExample } from '../support/examples';

describe.each(exampleNames())('rules-examples/%s', (name) => {
	const ex = traceExample(name);

	it('reads without errors and says what it is about', () => {
		expect(ex.errors).toEqual([]);
		expect(ex.title?.length).toBeGreaterThan(10);
		expect(ex.description?.length).toBeGreaterThan(80);
	});

	it('gives, in --format kernel, exactly the lines the kernel gave', () => {
		expect(ex.recorded, `${name}.kernel.txt is missing`).not.toBeNull();
		expect(ex.kernel.trimEnd()).toBe(ex.recorded!.trimEnd());
	});

	it('matches its reviewed golden text trace', () => {
		const golden = readFileSync(join(EXAMPLES_DIR, `${name}.trace.txt`), 'utf8');
		expect(ex.text).toBe(golden);
	});
});
