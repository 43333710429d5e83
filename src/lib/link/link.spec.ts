import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ScenarioJson } from '../scenario/scenario';
import { fromBase64url, toBase64url } from './base64url';
import { crc32 } from './crc32';
import { decodeLink, encodeLink, linkUrl, looksLikeLink } from './link';
import { MAX_SCENARIO_BYTES } from './limits';

const homeRouter = JSON.parse(
	readFileSync(new URL('../../../rules-examples/home-router.json', import.meta.url), 'utf8')
) as ScenarioJson;

/** A payload built by hand: CRC of `json` (or `crc`), then raw deflate of `json`. */
function payload(json: Uint8Array, crc = crc32(json)): string {
	const packed = deflateRawSync(json);
	const out = new Uint8Array(4 + packed.length);
	new DataView(out.buffer).setUint32(0, crc);
	out.set(packed, 4);
	return toBase64url(out);
}

const utf8 = (s: string) => new TextEncoder().encode(s);

async function failure(input: string): Promise<string> {
	const r = await decodeLink(input);
	if (r.ok) throw new Error('decoded');
	return r.message;
}

describe('base64url', () => {
	it.each([0, 1, 2, 3, 4, 5, 255, 256, 1000])('round-trips %i random bytes', (n) => {
		const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) & 0xff);
		const text = toBase64url(bytes);
		expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
		expect(text).toBe(Buffer.from(bytes).toString('base64url'));
		expect(fromBase64url(text)).toEqual({ ok: true, bytes });
	});
	it.each([
		['ab+c', 2],
		['ab/c', 2],
		['abc=', 3],
		['abcde', 4],
		['abé', 2]
	])('%s is refused at index %i', (text, at) => {
		expect(fromBase64url(text)).toEqual({ ok: false, at });
	});
});

describe('crc32', () => {
	it('is the IEEE CRC zlib computes', () => {
		expect(crc32(utf8('123456789'))).toBe(0xcbf43926);
		expect(crc32(new Uint8Array())).toBe(0);
	});
});

describe('share links', () => {
	it('round-trips a scenario and a position', async () => {
		const fragment = await encodeLink(homeRouter, { packet: 2, step: 7 });
		expect(fragment).toMatch(/^v=1&s=[A-Za-z0-9_-]+&p=3&t=7$/);
		const r = await decodeLink(linkUrl('https://x.example/#old', fragment));
		expect(r.ok && r.doc).toEqual(homeRouter);
		expect(r.ok && r.position).toEqual({ packet: 2, step: 7 });
	});

	it('has no position when the link says none, or an impossible one', async () => {
		const fragment = await encodeLink(homeRouter);
		expect(fragment).not.toContain('&p=');
		for (const tail of ['', '&p=0&t=1', '&p=x&t=2', '&p=2&t=-1'])
			expect(await decodeLink(fragment + tail)).toMatchObject({ ok: true, position: null });
	});

	it('ignores line breaks and spaces a chat tool put into it', async () => {
		const fragment = await encodeLink(homeRouter);
		const wrapped = fragment.replace(/(.{60})/g, '$1\n  ');
		expect(await decodeLink(wrapped)).toMatchObject({ ok: true, doc: homeRouter });
	});

	it('is far smaller than the JSON', async () => {
		const fragment = await encodeLink(homeRouter);
		expect(fragment.length).toBeLessThan(JSON.stringify(homeRouter).length / 2);
	});

	it('recognises link text', () => {
		expect(looksLikeLink('https://a/#v=1&s=abc')).toBe(true);
		expect(looksLikeLink('v=1&s=abc')).toBe(true);
		expect(looksLikeLink('scenario.json')).toBe(false);
	});

	it.each([
		['https://a.example/', /not an nfwalk link/],
		['#v=1', /not an nfwalk link/],
		['#v=2&s=AAAA', /newer nfwalk \(link version 2\)/],
		['#v=1&s=AA', /damaged/],
		['#v=1&s=AAAA%3C', /character 5/],
		['#v=1&s=' + payload(utf8('[1,2]')), /not a JSON object/],
		['#v=1&s=' + payload(utf8('{"a":')), /not JSON/],
		['#v=1&s=' + payload(utf8('{"nfwalk":2}')), /format 2, made by a newer nfwalk/],
		['#v=1&s=' + payload(utf8('{"nfwalk":"1"}')), /"nfwalk" field is missing or not 1/],
		['#v=1&s=' + payload(new Uint8Array([0xff, 0xfe])), /damaged/],
		['#v=1&s=' + payload(utf8('{}'), 12345), /checksum does not match/]
	])('%s is refused with a message', async (link, message) => {
		expect(await failure(link)).toMatch(message);
	});

	it('reports a scenario with errors at lines of a readable copy', async () => {
		const bad = { ...homeRouter, packets: [{ ...homeRouter.packets[0], from: 'nowhere' }] };
		const r = await decodeLink(await encodeLink(bad as ScenarioJson));
		expect(r.ok).toBe(false);
		if (r.ok || !r.details) throw new Error('no details');
		expect(r.message).toMatch(/error/);
		const d = r.details.diagnostics[0];
		expect(r.details.text.split('\n')[d.line - 1]).toContain('"from"');
	});

	it('refuses too many packets', async () => {
		const packet = homeRouter.packets[0];
		const many = { ...homeRouter, packets: Array.from({ length: 1001 }, () => packet) };
		expect(await failure(await encodeLink(many))).toMatch(
			/1,001 packets; a link may carry at most 1,000/
		);
	});

	it('every truncation and every changed character is refused or decodes to the scenario', async () => {
		const fragment = await encodeLink(homeRouter);
		const start = fragment.indexOf('s=') + 2;
		const end = fragment.length;
		let refused = 0;
		for (let cut = start; cut < end; cut += 7) {
			const r = await decodeLink(fragment.slice(0, cut));
			expect(r.ok).toBe(false);
			refused++;
		}
		for (let i = start; i < end; i += 3) {
			const c = fragment[i];
			const flipped = fragment.slice(0, i) + (c === 'A' ? 'B' : 'A') + fragment.slice(i + 1);
			const r = await decodeLink(flipped);
			// The last character's low bits may be padding: then the scenario is unchanged.
			if (r.ok) expect(r.doc).toEqual(homeRouter);
			else refused++;
		}
		expect(refused).toBeGreaterThan(100);
	});

	it('stops unpacking a deflate bomb at the cap', async () => {
		// 64 MiB of spaces inside a JSON string: ~64 kB of deflate, 8× the cap when unpacked.
		const size = 64 * 1024 * 1024;
		const json = new Uint8Array(size).fill(0x20);
		json.set(utf8('{"nfwalk":1,"title":"'), 0);
		const link = '#v=1&s=' + payload(json);
		expect(link.length).toBeLessThan(200_000);
		const started = performance.now();
		expect(await failure(link)).toMatch(
			new RegExp(`more than ${MAX_SCENARIO_BYTES / 1024 / 1024} MiB`)
		);
		expect(performance.now() - started).toBeLessThan(5_000);
	});
});
