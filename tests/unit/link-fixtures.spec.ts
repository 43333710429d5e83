/** Links made by earlier versions of nfwalk (tests/fixtures/links) still open to the same scenario. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeLink } from '../../src/lib/link/index';

const DIR = new URL('../fixtures/links/', import.meta.url);
const NAMES = readdirSync(DIR)
	.filter((f) => f.endsWith('.link'))
	.map((f) => f.replace(/\.link$/, ''));

describe('link fixtures', () => {
	it('there are fixtures', () => expect(NAMES.length).toBeGreaterThanOrEqual(3));

	it.each(NAMES)('%s opens to its scenario and position', async (name) => {
		const link = readFileSync(new URL(`${name}.link`, DIR), 'utf8');
		const expected = JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8'));
		const r = await decodeLink(link);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.doc).toEqual(expected);
		const at = /-packet-(\d+)-step-(\d+)$/.exec(name);
		expect(r.position).toEqual(at ? { packet: Number(at[1]) - 1, step: Number(at[2]) } : null);
	});
});
