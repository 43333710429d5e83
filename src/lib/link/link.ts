/**
 * Share links: a scenario, and where the viewer stands in its walk, carried in a URL fragment
 * (which browsers never send to a server).
 *
 *   https://HOST/#v=1&s=PAYLOAD&p=2&t=14
 *
 * `v` is the link format. Version 1: PAYLOAD is base64url (no padding) of 4 bytes of CRC-32
 * (big-endian) of the scenario's UTF-8 JSON, then that JSON compressed with raw deflate. `p` is
 * the packet (1-based, in trace order) and `t` the step within it (`data-step`), both optional.
 * The scenario's own `nfwalk` field then picks the scenario decoder. Links made by this version
 * are kept in tests/fixtures/links/ and must open in every later one.
 */
import type { Diagnostic } from '../engine/diagnostics';
import { parseScenario } from '../scenario/index';
import type { ScenarioJson } from '../scenario/scenario';
import { fromBase64url, toBase64url } from './base64url';
import { crc32 } from './crc32';
import { deflateRaw, inflateRaw } from './deflate';
import {
	MAX_LINK_CHARS,
	MAX_LINK_PACKETS,
	MAX_LINK_RULE_LINES,
	MAX_SCENARIO_BYTES
} from './limits';

export const LINK_VERSION = 1;

/** Where the viewer stands: `packet` indexes the trace's packets (0-based), `step` is 1-based. */
export interface LinkPosition {
	packet: number;
	step: number;
}

export type LinkResult =
	| { ok: true; doc: ScenarioJson; text: string; position: LinkPosition | null }
	| {
			ok: false;
			/** What is wrong and what to do, in a sentence or two. */
			message: string;
			/** Problems inside the scenario the link carries, with the JSON text they point into. */
			details?: { text: string; diagnostics: Diagnostic[] };
	  };

/** The fragment (without `#`) for a scenario and a position in its walk. */
export async function encodeLink(doc: ScenarioJson, position?: LinkPosition): Promise<string> {
	const json = new TextEncoder().encode(JSON.stringify(doc));
	const packed = await deflateRaw(json);
	const payload = new Uint8Array(4 + packed.length);
	new DataView(payload.buffer).setUint32(0, crc32(json));
	payload.set(packed, 4);
	let fragment = `v=${LINK_VERSION}&s=${toBase64url(payload)}`;
	if (position) fragment += `&p=${position.packet + 1}&t=${position.step}`;
	return fragment;
}

/** `base` with the fragment: `https://nfwalk.example/#v=1&s=…`. */
export function linkUrl(base: string, fragment: string): string {
	return base.replace(/#.*$/, '') + '#' + fragment;
}

/** True when text looks like an nfwalk link or fragment (so the CLI and page try to decode it). */
export function looksLikeLink(text: string): boolean {
	return /(^|#)v=\d+&s=/.test(text.trim());
}

const fail = (message: string): LinkResult => ({ ok: false, message });

function positionOf(params: URLSearchParams): LinkPosition | null {
	const p = params.get('p');
	if (p === null) return null;
	const packet = Number(p);
	const step = Number(params.get('t') ?? '1');
	if (!Number.isSafeInteger(packet) || packet < 1 || !Number.isSafeInteger(step) || step < 1)
		return null;
	return { packet: packet - 1, step };
}

/**
 * Reads a link (a whole URL or just its fragment). Never throws: every way a link can be wrong
 * (not a link, a newer version, cut short, changed on the way, too big, not a scenario, a
 * scenario with errors) is a result with a message.
 */
export async function decodeLink(input: string): Promise<LinkResult> {
	if (input.length > MAX_LINK_CHARS)
		return fail(
			`This link is ${input.length.toLocaleString('en')} characters long; nfwalk reads links of up to ${MAX_LINK_CHARS.toLocaleString('en')}. Share the scenario file instead.`
		);
	// Chat tools wrap long links: spaces and line breaks are never part of one.
	const hash = input.indexOf('#');
	const fragment = (hash === -1 ? input : input.slice(hash + 1)).replace(/\s+/g, '');
	const params = new URLSearchParams(fragment);
	const version = params.get('v');
	const payloadText = params.get('s');
	if (version === null || payloadText === null)
		return fail(
			'This is not an nfwalk link: its part after # has no "v=" and "s=". Ask for the link again, or open the scenario file.'
		);
	if (version !== String(LINK_VERSION))
		return fail(
			`This link was made by a newer nfwalk (link version ${version.slice(0, 10)}); this one reads version ${LINK_VERSION}. Open it with the newer nfwalk, or ask for the scenario file.`
		);
	const decoded = fromBase64url(payloadText);
	if (!decoded.ok)
		return fail(
			`This link is damaged: character ${decoded.at + 1} of its scenario ("s=") cannot be in a link nfwalk made. It was probably cut or changed on the way; ask for it again.`
		);
	if (decoded.bytes.length < 5) return fail(damaged);
	const expected = new DataView(decoded.bytes.buffer, decoded.bytes.byteOffset).getUint32(0);
	const inflated = await inflateRaw(decoded.bytes.subarray(4), MAX_SCENARIO_BYTES);
	if (!inflated.ok)
		return fail(
			inflated.reason === 'too-big'
				? `This link unpacks to more than ${MAX_SCENARIO_BYTES / 1024 / 1024} MiB; nfwalk stopped unpacking there. A real scenario is far smaller: the link is broken or hostile.`
				: damaged
		);
	if (crc32(inflated.bytes) !== expected) return fail(damaged);
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
	} catch {
		return fail(damaged);
	}
	return readScenario(text, positionOf(params));
}

const damaged =
	'This link is damaged: it was cut short or changed on the way (its checksum does not match). Ask for it again, or for the scenario file.';

/** The linked JSON checked as a scenario; its diagnostics point into a pretty-printed copy. */
function readScenario(compact: string, position: LinkPosition | null): LinkResult {
	let value: unknown;
	try {
		value = JSON.parse(compact);
	} catch {
		return fail('This link does not carry a scenario: its content is not JSON.');
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		return fail('This link does not carry a scenario: its content is not a JSON object.');
	const version = (value as { nfwalk?: unknown }).nfwalk;
	if (version !== 1)
		return fail(
			typeof version === 'number' && version > 1
				? `This link carries a scenario of format ${version}, made by a newer nfwalk; this one reads format 1.`
				: 'This link does not carry an nfwalk scenario: its "nfwalk" field is missing or not 1.'
		);
	// Pretty-printed, so a problem is reported at a line a person can read.
	const text = JSON.stringify(value, null, '\t') + '\n';
	const parsed = parseScenario(text);
	const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
	if (errors.length || !parsed.scenario)
		return {
			ok: false,
			message: `The scenario in this link has ${errors.length === 1 ? 'an error' : `${errors.length} errors`}; nothing was opened.`,
			details: { text, diagnostics: errors }
		};
	if (parsed.packets.length > MAX_LINK_PACKETS)
		return fail(
			`The scenario in this link has ${parsed.packets.length.toLocaleString('en')} packets; a link may carry at most ${MAX_LINK_PACKETS.toLocaleString('en')}. Share the scenario file instead.`
		);
	const ruleLines = parsed.scenario.rules.split('\n').length;
	if (ruleLines > MAX_LINK_RULE_LINES)
		return fail(
			`The scenario in this link has ${ruleLines.toLocaleString('en')} lines of rules; a link may carry at most ${MAX_LINK_RULE_LINES.toLocaleString('en')}.`
		);
	return { ok: true, doc: value as ScenarioJson, text, position };
}
