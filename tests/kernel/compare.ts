/**
 * `npm run test:conformance`: the simulator against every stored kernel recording, no root needed.
 * Prints `kernel conformance: M/N scenarios identical` (the project's own scenarios and the
 * examples) and the corpus scenarios' count apart (skipped with a message when ../shared is absent);
 * a line diff for each difference. Exits 1 on any difference or on a scenario without a recording.
 */
import { existsSync } from 'node:fs';
import { lineDiff, readText, recordedLines, simulatedLines, suiteScenarios } from './suite';

const count = { own: { same: 0, total: 0 }, corpus: { same: 0, total: 0, skipped: 0 } };
const problems: string[] = [];
for (const s of suiteScenarios()) {
	const c = s.corpus ? count.corpus : count.own;
	const text = s.text();
	if (text === null) {
		count.corpus.skipped++;
		continue;
	}
	c.total++;
	if (!existsSync(s.recording)) {
		problems.push(
			`${s.name}: no recording (run npm run test:kernel -- --update ${s.name} as root)`
		);
		continue;
	}
	const recorded = recordedLines(readText(s.recording));
	let simulated: string;
	try {
		simulated = simulatedLines(text);
	} catch (e) {
		problems.push(`${s.name}: ${(e as Error).message}`);
		continue;
	}
	if (recorded === simulated) c.same++;
	else problems.push(`${s.name} differs from its recording:\n${lineDiff(recorded, simulated)}`);
}
for (const p of problems) console.log(p);
console.log(`kernel conformance: ${count.own.same}/${count.own.total} scenarios identical`);
if (count.corpus.skipped)
	console.log(
		`kernel conformance, real rule sets: skipped ${count.corpus.skipped} (../shared/corpus/real is not on this machine)`
	);
else
	console.log(
		`kernel conformance, real rule sets: ${count.corpus.same}/${count.corpus.total} scenarios identical`
	);
const ok = count.own.same === count.own.total && count.corpus.same === count.corpus.total;
process.exit(ok ? 0 : 1);
