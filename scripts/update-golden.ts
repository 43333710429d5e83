/**
 * Regenerates the golden text traces of rules-examples/ (NAME.trace.txt). Review the diff before
 * committing: a change there is a change in what nfwalk tells its users.
 *   npx tsx scripts/update-golden.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES_DIR, exampleNames, traceExample } from '../tests/support/examples';

for (const name of exampleNames()) {
	const ex = traceExample(name);
	if (ex.errors.length) {
		console.error(`${name}: ${ex.errors.join('; ')}`);
		process.exitCode = 1;
		continue;
	}
	writeFileSync(join(EXAMPLES_DIR, `${name}.trace.txt`), ex.text);
	console.log(`wrote rules-examples/${name}.trace.txt`);
}
