/**
 * The working scenario as plain data: where it came from, where the viewer stands, and the
 * helpers every part of the page (and local storage) shares to read and write it.
 */
import type { ScenarioJson } from '../scenario/scenario';

/** Where the user is in a walk: `packet` indexes `trace.packets`, `step` is `data-step` (1-based). */
export interface Position {
	packet: number;
	step: number;
}

/** Where the document came from: an example, a file, a link, local storage, or made here. */
export type Origin = 'example' | 'file' | 'link' | 'saved' | 'new';

/** A scenario with nothing in it yet: one interface, an empty filter table, no packets. */
export function emptyScenario(): ScenarioJson {
	return {
		nfwalk: 1,
		title: 'My scenario',
		host: { interfaces: [{ name: 'eth0', addresses: ['192.168.1.10/24'] }] },
		rules: '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n',
		packets: []
	};
}

/** The document with `rules` as one text (the array form joined), which is how editors hold it. */
export function normaliseDocument(doc: ScenarioJson): ScenarioJson & { rules: string } {
	const rules = Array.isArray(doc.rules) ? doc.rules.map((l) => l + '\n').join('') : doc.rules;
	return { ...doc, rules };
}

/** The scenario file's text for a document, as `nfwalk trace` and the link encoder read it. */
export function documentText(doc: ScenarioJson): string {
	return JSON.stringify(doc, null, '\t') + '\n';
}

/** The document when the text is a JSON object shaped like a scenario (not yet validated), else null. */
export function scenarioShaped(text: string): ScenarioJson | null {
	try {
		return asScenario(JSON.parse(text.replace(/^\uFEFF/, '')));
	} catch {
		return null;
	}
}

/** The value when it is shaped like a scenario document (version, host, rules, packets), else null. */
export function asScenario(value: unknown): ScenarioJson | null {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
	const v = value as Record<string, unknown>;
	const rulesOk =
		typeof v.rules === 'string' ||
		(Array.isArray(v.rules) && v.rules.every((l) => typeof l === 'string'));
	const hostOk = typeof v.host === 'object' && v.host !== null && !Array.isArray(v.host);
	if (v.nfwalk !== 1 || !rulesOk || !hostOk || !Array.isArray(v.packets)) return null;
	return value as ScenarioJson;
}
