/**
 * The working scenario: the one document the start page edits, walks and shares. Every editor
 * (rules, host, packets) changes it through `edit`; after a short pause the page re-walks it, and
 * the visualizer follows, staying at the packet and step the user was looking at. The rules are
 * checked on their own (`rules`), so the editor and the structured view have diagnostics and a
 * rule set even while the scenario as a whole cannot be walked.
 */
import type { ScenarioJson } from '../scenario/scenario';
import {
	documentText,
	emptyScenario,
	normaliseDocument,
	scenarioShaped,
	type Origin,
	type Position
} from './document';
import { ScenarioLoader } from './components/scenario-loader.svelte';
import { checkRules, type RulesCheck } from './rules-check';

/** Milliseconds of quiet after an edit before re-walking (and re-checking the rules). */
export const SETTLE_MS = 250;

export {
	documentText,
	emptyScenario,
	normaliseDocument,
	scenarioShaped,
	type Origin,
	type Position
} from './document';

/** The work at one moment: what autosave keeps and "restore previous work" brings back. */
export interface WorkSnapshot {
	doc: ScenarioJson;
	name: string | null;
	origin: Origin;
	edited: boolean;
	position: Position;
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
	/** Called before edited work is replaced by another document, so it can be kept. */
	onreplace: ((work: WorkSnapshot) => void) | null = null;

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
		if (this.edited) this.onreplace?.(this.snapshot());
		// Before the walk: the visualizer the new walk creates starts at this position.
		this.position = position;
		const ok = await this.loader.open(documentText(next), name ?? 'this scenario');
		// A document that cannot be walked still opens for editing: the diagnostics say why.
		this.doc = next;
		this.name = name;
		this.origin = origin;
		this.edited = false;
		void this.checkRules();
		return ok;
	}

	/** Brings back saved work as it was, edits and position included. */
	async restore(work: WorkSnapshot): Promise<boolean> {
		const ok = await this.open(work.doc, work.name, work.origin, work.position);
		this.edited = work.edited;
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

	/** What local storage keeps of the work. */
	snapshot(): WorkSnapshot {
		return {
			doc: this.doc,
			name: this.name,
			origin: this.origin,
			edited: this.edited,
			position: this.position
		};
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
