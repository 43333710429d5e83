/**
 * nfwalk over the real-world corpus (../shared/corpus/real): errors on files iptables accepts,
 * diagnostics on files it rejects, and whether they sit on the line iptables complains about.
 *   npx tsx scripts/corpus-report.ts [--verbose]
 */
import { parseRuleset } from '../src/lib/engine/index';
import { corpusFiles } from '../tests/support/corpus';
import { hasShared, SKIP_MESSAGE } from '../tests/support/shared';
import { judgeCorpusFile } from '../tests/support/judge-corpus';

if (!hasShared) {
	console.log(SKIP_MESSAGE);
	process.exit(0);
}
const verbose = process.argv.includes('--verbose');
let goodOk = 0;
let goodTotal = 0;
let badOk = 0;
let badTotal = 0;
const started = performance.now();
for (const f of corpusFiles()) {
	const { diagnostics } = parseRuleset(f.text);
	const verdict = judgeCorpusFile(f, diagnostics);
	if (f.nftOk && f.legacyOk) {
		goodTotal++;
		if (verdict.pass) goodOk++;
	} else if (!f.nftOk && !f.legacyOk) {
		badTotal++;
		if (verdict.pass) badOk++;
	}
	if (!verdict.pass || verbose) {
		console.log(`${verdict.pass ? 'ok  ' : 'MISS'} ${f.file}: ${verdict.why}`);
		if (verbose || !verdict.pass) {
			for (const d of diagnostics.slice(0, 8))
				console.log(`      ${d.line}:${d.column} ${d.severity} ${d.message} [${d.code}]`);
		}
	}
}
console.log(`accepted by both iptables backends: ${goodOk}/${goodTotal} files give 0 errors`);
console.log(
	`rejected by both: ${badOk}/${badTotal} files get a diagnostic on the line iptables names`
);
console.log(
	`time: ${(performance.now() - started).toFixed(0)} ms for ${corpusFiles().length} files`
);
