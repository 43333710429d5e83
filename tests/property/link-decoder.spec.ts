/**
 * The link decoder against whatever a stranger can put in a URL: it never throws, and whatever
 * it inflates stays under its cap.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { toBase64url } from '../../src/lib/link/base64url';
import { inflateRaw } from '../../src/lib/link/deflate';
import { decodeLink, encodeLink } from '../../src/lib/link/link';

const SEED = 20261122;
const home = JSON.parse(
	readFileSync(new URL('../../rules-examples/home-router.json', import.meta.url), 'utf8')
);
const good = await encodeLink(home, { packet: 1, step: 3 });

/** A valid link with one edit: a character replaced, inserted or removed, or the end cut. */
const mutatedLink = fc
	.tuple(
		fc.nat({ max: good.length - 1 }),
		fc.constantFrom('replace', 'insert', 'delete', 'truncate'),
		fc.string({ minLength: 1, maxLength: 3, unit: 'binary' })
	)
	.map(([at, how, text]) => {
		if (how === 'replace') return good.slice(0, at) + text + good.slice(at + text.length);
		if (how === 'insert') return good.slice(0, at) + text + good.slice(at);
		if (how === 'delete') return good.slice(0, at) + good.slice(at + 1);
		return good.slice(0, at);
	});

describe('decodeLink on hostile input', () => {
	it('never throws on any text', async () => {
		await fc.assert(
			fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 400 }), async (s) => {
				const r = await decodeLink(s);
				expect(typeof r.ok).toBe('boolean');
			}),
			{ seed: SEED, numRuns: 500 }
		);
	});

	it('never throws on link-shaped text with random payloads', async () => {
		await fc.assert(
			fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
				const r = await decodeLink('#v=1&s=' + toBase64url(bytes));
				expect(r.ok).toBe(false);
			}),
			{ seed: SEED, numRuns: 500 }
		);
	});

	it('a changed link is refused, or opens to a scenario that passed every check', async () => {
		await fc.assert(
			fc.asyncProperty(mutatedLink, async (link) => {
				const r = await decodeLink(link);
				if (r.ok) expect(r.doc.nfwalk).toBe(1);
				else expect(r.message.length).toBeGreaterThan(20);
			}),
			{ seed: SEED, numRuns: 500 }
		);
	});

	it('inflation never returns more than its cap', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.uint8Array({ maxLength: 4096 }),
				fc.nat({ max: 20 }),
				fc.integer({ min: 1, max: 4096 }),
				async (seed, repeat, cap) => {
					// Repetitive input inflates far beyond its packed size.
					const plain = new Uint8Array(seed.length * (repeat + 1));
					for (let i = 0; i <= repeat; i++) plain.set(seed, i * seed.length);
					const r = await inflateRaw(deflateRawSync(plain), cap);
					if (r.ok) {
						expect(r.bytes.length).toBeLessThanOrEqual(cap);
						expect(r.bytes).toEqual(plain);
					} else expect(plain.length > cap ? 'too-big' : 'damaged').toBe(r.reason);
				}
			),
			{ seed: SEED, numRuns: 300 }
		);
	});
});
