// Prints "N passed, N failed[, N skipped]" from the Vitest, Playwright and kernel-suite JSON reports; a report
// that is missing (its runner never ran) counts nothing. A test file that failed to load and a
// Playwright error outside any test (a web server that did not start) each count as one failure.
import { existsSync, readFileSync } from 'node:fs';

const [vitestFile, playwrightFile, kernelFile] = process.argv.slice(2);

const read = (file) => (file && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);

let passed = 0;
let failed = 0;
let skipped = 0;

const vitest = read(vitestFile);
if (vitest) {
	passed += vitest.numPassedTests;
	failed += vitest.numFailedTests;
	skipped += vitest.numPendingTests + vitest.numTodoTests;
	failed += vitest.testResults.filter(
		(file) => file.status === 'failed' && file.assertionResults.length === 0
	).length;
}

const playwright = read(playwrightFile);
if (playwright) {
	const { expected, unexpected, flaky, skipped: notRun } = playwright.stats;
	passed += expected + flaky;
	failed += unexpected + (playwright.errors?.length ?? 0);
	skipped += notRun;
}

// The live kernel suite: { passed, failed } scenarios.
const kernel = read(kernelFile);
if (kernel) {
	passed += kernel.passed;
	failed += kernel.failed;
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
