/**
 * Access to ../shared (the corpus and iptables' own test vectors). It is read at test time and
 * never copied into the project: several corpus files are licensed for non-commercial use only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const SHARED_DIR = process.env.NFWALK_SHARED ?? resolve(here, '../../../shared');
export const hasShared = existsSync(join(SHARED_DIR, 'corpus'));
export const SKIP_MESSAGE = `../shared not found at ${SHARED_DIR}: corpus tests skipped (set NFWALK_SHARED to its path)`;

export function sharedFile(...parts: string[]): string {
	return readFileSync(join(SHARED_DIR, ...parts), 'utf8');
}

/** One record of corpus/iptables-t/vectors.jsonl (the fields nfwalk uses). */
export interface Vector {
	file: string;
	line: number;
	table: string;
	chain: string;
	rule: string;
	argv: string[];
	legacy_ok: boolean;
	legacy_canonical: string | null;
	legacy_reject_stage: 'kernel' | 'userspace' | null;
	legacy_error: string | null;
	legacy_stderr: string | null;
	setup: unknown[];
}

/** The vectors the issue counts: no `setup`, and not refused only for a module this kernel lacks. */
export function countedVectors(): Vector[] {
	return sharedFile('corpus', 'iptables-t', 'vectors.jsonl')
		.split('\n')
		.filter((l) => l.trim())
		.map((l) => JSON.parse(l) as Vector)
		.filter((v) => v.setup.length === 0)
		.filter((v) => {
			if (v.legacy_reject_stage !== 'kernel') return true;
			const err = (v.legacy_stderr ?? '') + (v.legacy_error ?? '');
			return !/No chain\/target\/match by that name|Numerical result out of range/.test(err);
		});
}
