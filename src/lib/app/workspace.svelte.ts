/**
 * The working scenario: the one document the start page edits, walks and shares. Every editor
 * (rules, host, packets) changes it through `edit`; after a short pause the page re-walks it, and
 * the visualizer follows, staying at the packet and step the user was looking at. The rules are
 * checked on their own (`rules`), so the editor and the structured view have diagnostics and a
 * rule set even while the scenario as a whole cannot be walked.
 */
import type { ScenarioJson } from '../scenario/scenario';
import { ScenarioLoader } from './components/scenario-loader.svelte';
import { checkRules, type RulesCheck } from './rules-check';

/** Where the user is in a walk: `packet` indexes `trace.packets`, `step` is `data-step` (1-based). */
export interface Position {
	packet: number;
	step: number;
}

/** Where the document came from: an example, a file, a link, local storage, or made here. */
export type Origin = 'example' | 'file' | 'link' | 'saved' | 'new';

/** Milliseconds of quiet after an edit before re-walking (and re-checking the rules). */
export const SETTLE_MS = 250;

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
	let value: unknown;
	try {
		value = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch {
		return null;
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
	const v = value as Record<string, unknown>;
	const rulesOk =
		typeof v.rules === 'string' ||
		(Array.isArray(v.rules) && v.rules.every((l) => typeof l === 'string'));
	const hostOk = typeof v.host === 'object' && v.host !== null && !Array.isArray(v.host);
	if (v.nfwalk !== 1 || !rulesOk || !hostOk || !Array.isArray(v.packets)) return null;
	return value as ScenarioJson;
}

export class Workspace {
	/** The document being edited; replaced (never mutated) on every change. */
	doc: ScenarioJson & { rules: string } = $state.raw(normaliseDocument(emptyScenario()));
	/** A name for what is open: an example's name, a file name; null for the user's own work. */
	name: string | null = $state(null);
	origin: Origin = $state('new');
	/** True once the user changed the document since it was opened. */
	edited = $state(false);
	/** Where the visualizer is; a re-walk starts there again. */
	position: Position = $state.raw({ packet: 0, step: 1 });
	/** The rules' own diagnostics and parsed rule set, as of the last settled edit. */
	rules: RulesCheck | null = $state.raw(null);
	/** Walks the document; keeps the last good walk when an edit has errors. */
	readonly loader = new ScenarioLoader();
	/** Called after every settled edit (autosave hooks in here). */
	onsettle: ((ws: Workspace) => void) | null = null;

	private timer: ReturnType<typeof setTimeout> | null = null;
	private rulesTicket = 0;

	/** Replaces the document (an example, a file, a link): walks it at once. */
	async open(
		doc: ScenarioJson,
		name: string | null,
		origin: Origin,
		position: Position = { packet: 0, step: 1 }
	): Promise<boolean> {
		this.cancelPending();
		const next = normaliseDocument(doc);
		const ok = await this.loader.open(documentText(next), name ?? 'this scenario');
		// A document that cannot be walked still opens for editing: the diagnostics say why.
		this.doc = next;
		this.name = name;
		this.origin = origin;
		this.edited = false;
		this.position = position;
		void this.checkRules();
		return ok;
	}

	/**
	 * Opens a scenario file's text. Text that is not a scenario document at all (bad JSON, no
	 * rules) only shows its diagnostics: the current work stays as it was.
	 */
	async openText(text: string, name: string, origin: Origin): Promise<boolean> {
		const doc = scenarioShaped(text);
		if (!doc) {
			await this.loader.open(text, name);
			return false;
		}
		return this.open(doc, name, origin);
	}

	/** Changes part of the document (rules text, host, packets, title…); re-walks after a pause. */
	edit(patch: Partial<ScenarioJson>): void {
		this.doc = normaliseDocument({ ...this.doc, ...patch });
		this.edited = true;
		this.cancelPending();
		this.timer = setTimeout(() => this.settle(), SETTLE_MS);
	}

	/** The visualizer reports where the user is, so a re-walk and a share link start there. */
	moveTo(position: Position): void {
		if (position.packet !== this.position.packet || position.step !== this.position.step)
			this.position = position;
	}

	/** Walks the current document now (tests and the Share button do not wait for the pause). */
	async settle(): Promise<void> {
		this.cancelPending();
		await Promise.all([
			this.loader.open(documentText(this.doc), this.name ?? 'this scenario'),
			this.checkRules()
		]);
		this.onsettle?.(this);
	}

	private cancelPending(): void {
		if (this.timer !== null) clearTimeout(this.timer);
		this.timer = null;
	}

	private async checkRules(): Promise<void> {
		const ticket = ++this.rulesTicket;
		const result = await checkRules(this.doc.rules);
		if (ticket === this.rulesTicket) this.rules = result;
	}
}
