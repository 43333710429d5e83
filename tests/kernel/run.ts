/**
 * `npm run test:kernel [-- OPTIONS] [SCENARIO…]` (root): records every suite scenario live on this
 * machine's kernel and fails when the kernel disagrees with the stored recording or with the
 * simulator.
 *
 *   --update        write the live recording as the stored one (new scenarios, or a reviewed change)
 *   --random N      instead: N random scenarios (see random.ts), recorded and compared with nfwalk
 *   --seed S        seed of the random scenarios (default 1)
 *   --json FILE     also write { passed, failed } for .ci/summarize.mjs
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { recordScenario, Unrecordable } from './recorder/record';
import { Sender } from './recorder/sender';
import { sweepStale } from './recorder/netns';
import { lineDiff, readText, recordedLines, simulatedLines, suiteScenarios } from './suite';
import { runRandom } from './random';

const { values, positionals } = parseArgs({
	options: {
		update: { type: 'boolean' },
		random: { type: 'string' },
		seed: { type: 'string' },
		json: { type: 'string' }
	},
	allowPositionals: true
});

if (process.getuid?.() !== 0) {
	console.error('test:kernel needs root: it builds network namespaces and loads rules in them');
	process.exit(2);
}

const FAMILY = 'nfk';
const prefix = `${FAMILY}${process.pid % 100000}-`;
sweepStale(`${FAMILY}${process.pid % 100000}-`);
const sender = await Sender.start();
const started = Date.now();
let passed = 0;
let failed = 0;

try {
	if (values.random) {
		const r = await runRandom(sender, prefix, Number(values.random), Number(values.seed ?? 1));
		passed += r.passed;
		failed += r.failed;
	} else {
		const wanted = positionals.map((p) => resolve(p));
		const list = suiteScenarios().filter((s) => wanted.length === 0 || wanted.includes(s.file));
		for (const s of list) {
			const text = s.text();
			if (text === null) {
				console.log(`- ${s.name}: skipped, its rule set is not in ../shared/corpus/real`);
				continue;
			}
			let live: string;
			try {
				const rec = await recordScenario(text, sender, prefix);
				live = rec.lines;
				if (values.update || !existsSync(s.recording)) writeFileSync(s.recording, rec.text);
			} catch (e) {
				failed++;
				const why = e instanceof Unrecordable ? 'cannot be recorded' : 'recording failed';
				console.log(`✗ ${s.name}: ${why}: ${(e as Error).message}`);
				continue;
			}
			const stored = recordedLines(readText(s.recording));
			const simulated = simulatedLines(text);
			const problems: string[] = [];
			if (live !== stored)
				problems.push(
					`the kernel now disagrees with the stored recording:\n${lineDiff(stored, live, ['stored', 'live'])}`
				);
			if (live !== simulated)
				problems.push(`nfwalk disagrees with the kernel:\n${lineDiff(live, simulated)}`);
			if (problems.length === 0) {
				passed++;
				console.log(`✓ ${s.name}`);
			} else {
				failed++;
				console.log(`✗ ${s.name}: ${problems.join('\n')}`);
			}
		}
	}
} finally {
	sender.stop();
}

const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(`kernel (live): ${passed}/${passed + failed} scenarios identical in ${secs} s`);
if (values.json) writeFileSync(values.json, JSON.stringify({ passed, failed }));
process.exit(failed === 0 ? 0 : 1);
