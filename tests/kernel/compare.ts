/**
 * `npm run test:conformance`: the simulator against every stored kernel recording, no root needed.
 * Prints `kernel conformance: M/N scenarios identical`, and for each difference a line diff; exits 1
 * on any difference or on a scenario without a recording.
 */
import { existsSync } from 'node:fs';
import { lineDiff, readText, recordedLines, simulatedLines, suiteScenarios } from './suite';

let same = 0;
let total = 0;
const problems: string[] = [];
for (const s of suiteScenarios()) {
	total++;
	if (!existsSync(s.recording)) {
		problems.push(
			`${s.name}: no recording (run npm run test:kernel -- --update ${s.name} as root)`
		);
		continue;
	}
	const recorded = recordedLines(readText(s.recording));
	let simulated: string;
	try {
		simulated = simulatedLines(readText(s.file));
	} catch (e) {
		problems.push(`${s.name}: ${(e as Error).message}`);
		continue;
	}
	if (recorded === simulated) same++;
	else problems.push(`${s.name} differs from its recording:\n${lineDiff(recorded, simulated)}`);
}
for (const p of problems) console.log(p);
console.log(`kernel conformance: ${same}/${total} scenarios identical`);
process.exit(same === total ? 0 : 1);
