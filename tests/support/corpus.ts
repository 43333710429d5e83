/**
 * The real-world rule sets in ../shared/corpus/real and what the real iptables said of each
 * (SOURCES.md, last two columns: iptables-restore --test with the nft and legacy backends).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR, sharedFile } from './shared';

export interface CorpusFile {
	file: string;
	text: string;
	nftOk: boolean;
	legacyOk: boolean;
	/** The legacy error as SOURCES.md gives it, e.g. "host/network `ntp.example.net' not found". */
	legacyError: string;
	/** A line number the error names ("line 2 table name …"), if any. */
	errorLine: number | null;
	/** The word the error quotes (`…'), which the offending line contains, if any. */
	errorToken: string | null;
}

export function corpusFiles(): CorpusFile[] {
	const rows = sharedFile('corpus', 'real', 'SOURCES.md')
		.split('\n')
		.filter((l) => l.startsWith('| `'));
	const byName = new Map<string, string[]>();
	for (const r of rows) {
		const cells = r
			.trim()
			.replace(/^\||\|$/g, '')
			.split('|')
			.map((c) => c.trim());
		byName.set(cells[0].replace(/`/g, ''), cells);
	}
	return readdirSync(join(SHARED_DIR, 'corpus', 'real'))
		.filter((f) => f.endsWith('.rules'))
		.sort()
		.map((file) => {
			const cells = byName.get(file) ?? [];
			const nft = cells[cells.length - 2] ?? '';
			const legacy = cells[cells.length - 1] ?? '';
			const lineMatch = /line ([0-9]+)/.exec(legacy) ?? /line ([0-9]+)/.exec(nft);
			const token = /`([^']+)'/.exec(legacy);
			return {
				file,
				text: sharedFile('corpus', 'real', file),
				nftOk: nft.startsWith('ok'),
				legacyOk: legacy.startsWith('ok'),
				legacyError: legacy,
				errorLine: lineMatch ? Number(lineMatch[1]) : null,
				errorToken: token ? token[1] : null
			};
		});
}
