/** What the issue asks of nfwalk for one corpus file, as a pass/fail with the reason. */
import type { Diagnostic } from '../../src/lib/engine/index';
import type { CorpusFile } from './corpus';

export interface CorpusVerdict {
	pass: boolean;
	why: string;
}

export function judgeCorpusFile(f: CorpusFile, diagnostics: Diagnostic[]): CorpusVerdict {
	const errors = diagnostics.filter((d) => d.severity === 'error');
	if (f.nftOk && f.legacyOk) {
		return errors.length === 0
			? { pass: true, why: `0 errors, ${diagnostics.length} warnings` }
			: { pass: false, why: `${errors.length} errors on a file both iptables backends accept` };
	}
	if (f.nftOk || f.legacyOk)
		return {
			pass: true,
			why: `backends disagree (${f.legacyError.slice(0, 60)}); ${errors.length} errors`
		};
	if (diagnostics.length === 0)
		return { pass: false, why: `no diagnostic; iptables: ${f.legacyError}` };
	const lines = f.text.split('\n');
	const onLine = (d: Diagnostic) =>
		f.errorLine !== null
			? d.line === f.errorLine
			: f.errorToken !== null
				? (lines[d.line - 1] ?? '').includes(f.errorToken)
				: true;
	const hit = diagnostics.find(onLine);
	return hit
		? { pass: true, why: `${hit.severity} on line ${hit.line}: ${hit.message.slice(0, 80)}` }
		: {
				pass: false,
				why: `no diagnostic on the line iptables names (${f.errorLine ?? f.errorToken}); iptables: ${f.legacyError.slice(0, 90)}`
			};
}
