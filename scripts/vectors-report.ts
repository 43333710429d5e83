/**
 * Measures nfwalk against iptables' own parser vectors (../shared/corpus/iptables-t):
 * accept/reject agreement with iptables-legacy 1.8.9 and exact canonical listings.
 *   npx tsx scripts/vectors-report.ts [--file libxt_tcp.t] [--misses]
 */
import { countedVectors, hasShared, SKIP_MESSAGE } from '../tests/support/shared';
import { runVector } from '../tests/support/run-vector';

if (!hasShared) {
	console.log(SKIP_MESSAGE);
	process.exit(0);
}
const args = process.argv.slice(2);
const fileFilter = args.includes('--file') ? args[args.indexOf('--file') + 1] : null;
const showMisses = args.includes('--misses');
const vectors = countedVectors().filter((v) => !fileFilter || v.file === fileFilter);
let agree = 0;
let accepted = 0;
let canonicalOk = 0;
const missesByFile = new Map<string, number>();
for (const v of vectors) {
	let out;
	try {
		out = runVector(v);
	} catch (e) {
		console.log(`THROW ${v.file}:${v.line} ${v.rule}: ${(e as Error).stack}`);
		missesByFile.set(v.file, (missesByFile.get(v.file) ?? 0) + 1);
		continue;
	}
	const okAgree = out.accepted === v.legacy_ok;
	if (okAgree) agree++;
	let canonOk = true;
	if (v.legacy_ok && out.accepted) {
		accepted++;
		canonOk = out.canonical === v.legacy_canonical;
		if (canonOk) canonicalOk++;
	}
	if (!okAgree || !canonOk) {
		missesByFile.set(v.file, (missesByFile.get(v.file) ?? 0) + 1);
		if (showMisses) {
			const why = !okAgree
				? v.legacy_ok
					? `nfwalk rejects: ${out.messages.join(' | ')}`
					: `nfwalk accepts; iptables: ${(v.legacy_error ?? '').slice(0, 120)}`
				: `canonical\n    want: ${v.legacy_canonical}\n    got:  ${out.canonical}`;
			console.log(`${v.file}:${v.line} [${v.table} ${v.chain}] ${v.rule}\n  ${why}`);
		}
	}
}
const legacyAccepted = vectors.filter((v) => v.legacy_ok).length;
console.log(`vectors: ${vectors.length}`);
console.log(
	`accept/reject agrees with iptables-legacy: ${agree}/${vectors.length} = ${((100 * agree) / vectors.length).toFixed(2)} %`
);
console.log(
	`canonical listing exact: ${canonicalOk}/${legacyAccepted} accepted by both (${accepted}) = ${((100 * canonicalOk) / Math.max(1, legacyAccepted)).toFixed(2)} % of legacy-accepted`
);
console.log(
	'misses by file: ' +
		[...missesByFile]
			.sort((a, b) => b[1] - a[1])
			.map(([f, n]) => `${f} ${n}`)
			.join(', ')
);
