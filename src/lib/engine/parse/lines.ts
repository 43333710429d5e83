/** Source lines with their numbers; CRLF endings are accepted with one warning. */
import type { SourceSpan } from '../model';
import type { Reporter } from './report';
import { MAX_LINE_LENGTH } from '../limits';

export interface SourceLine {
	line: number;
	text: string;
	span: SourceSpan;
}

export function* sourceLines(text: string, report: Reporter): Generator<SourceLine> {
	const lines = text.split('\n');
	if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
	let warnedCr = false;
	for (let i = 0; i < lines.length; i++) {
		let t = lines[i];
		if (t.endsWith('\r')) {
			t = t.slice(0, -1);
			// Warn where iptables-restore fails: the first line that is not a comment or blank.
			const meaningful = t.trim() !== '' && !t.trimStart().startsWith('#');
			if (!warnedCr && meaningful) {
				warnedCr = true;
				report.warning(
					'crlf',
					{ line: i + 1, column: t.length + 1, endColumn: t.length + 2 },
					'the file has Windows (CRLF) line endings; iptables-restore refuses them ("table name \'filter\\r\' invalid"): nfwalk reads the file anyway, convert it with dos2unix before loading it'
				);
			}
		}
		if (t.length > MAX_LINE_LENGTH) {
			report.error(
				'line-too-long',
				{ line: i + 1, column: MAX_LINE_LENGTH + 1, endColumn: t.length + 1 },
				`line ${i + 1} has ${t.length.toLocaleString('en')} characters; nfwalk reads lines of at most ${MAX_LINE_LENGTH.toLocaleString('en')} (see docs/limits.md) and skips this one: split the rule, or shorten what is pasted into it`
			);
			t = '';
		}
		yield { line: i + 1, text: t, span: { line: i + 1, column: 1, endColumn: t.length + 1 } };
	}
}
