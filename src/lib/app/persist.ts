/**
 * The working scenario kept in the browser's local storage, so a reload or a crash loses nothing,
 * and the work a link or an example replaced, so it can be brought back. Versioned: a saved copy
 * this code cannot read is ignored, never trusted.
 */
import type { ScenarioJson } from '../scenario/scenario';
import { asScenario, type Origin, type Position } from './document';

/** The work as it is now. */
export const WORK_KEY = 'nfwalk.work.v1';
/** The work a link, example or file replaced while it had unsaved edits. */
export const PREVIOUS_KEY = 'nfwalk.previous.v1';

export interface SavedWork {
	version: 1;
	/** ISO time of the save, shown as "from 14:02". */
	savedAt: string;
	doc: ScenarioJson;
	name: string | null;
	origin: Origin;
	edited: boolean;
	position: Position;
}

const ORIGINS: readonly Origin[] = ['example', 'file', 'link', 'saved', 'new'];

/** The saved work under `key`, or null when there is none or it is not something we wrote. */
export function loadWork(storage: Storage, key: string): SavedWork | null {
	let raw: string | null;
	try {
		raw = storage.getItem(key);
	} catch {
		return null;
	}
	if (!raw) return null;
	let v: Partial<SavedWork>;
	try {
		v = JSON.parse(raw) as Partial<SavedWork>;
	} catch {
		return null;
	}
	if (v?.version !== 1 || typeof v.savedAt !== 'string') return null;
	const doc = asScenario(v.doc);
	const p = v.position;
	if (!doc || !p || !Number.isInteger(p.packet) || !Number.isInteger(p.step)) return null;
	return {
		version: 1,
		savedAt: v.savedAt,
		doc,
		name: typeof v.name === 'string' ? v.name : null,
		origin: ORIGINS.includes(v.origin as Origin) ? (v.origin as Origin) : 'saved',
		edited: v.edited === true,
		position: { packet: p.packet, step: p.step }
	};
}

/** Saves; the reason when the browser refused (private mode, quota). */
export function saveWork(storage: Storage, key: string, work: SavedWork): string | null {
	try {
		storage.setItem(key, JSON.stringify(work));
		return null;
	} catch (e) {
		const quota = e instanceof DOMException && e.name === 'QuotaExceededError';
		return quota
			? 'the scenario is too big for the browser’s local storage; export it as a file to keep it'
			: 'the browser does not allow local storage here; export the scenario as a file to keep it';
	}
}

export function forgetWork(storage: Storage, key: string): void {
	try {
		storage.removeItem(key);
	} catch {
		// Nothing saved to forget.
	}
}

/** True when two documents are the same scenario (a link reopening the saved work is no loss). */
export function sameDocument(a: ScenarioJson, b: ScenarioJson): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}
