/**
 * Keeps the working scenario in local storage as it changes, and the edited work a link, an
 * example or a file replaced, so "Restore previous work" can bring it back.
 */
import { forgetWork, loadWork, PREVIOUS_KEY, saveWork, WORK_KEY, type SavedWork } from './persist';
import type { WorkSnapshot, Workspace } from './workspace.svelte';

/** Milliseconds of quiet before a save: typing saves once per pause, not per key. */
const SAVE_DELAY_MS = 400;

function saved(work: WorkSnapshot): SavedWork {
	return { version: 1, savedAt: new Date().toISOString(), ...work };
}

export class Autosave {
	/** Why the last save failed, or null. */
	problem: string | null = $state(null);
	/** The replaced work that can be restored, or null. */
	previous: SavedWork | null = $state.raw(null);
	private timer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		private readonly workspace: Workspace,
		private readonly storage: Storage
	) {
		workspace.onreplace = (work) => this.keepPrevious(work);
	}

	/** The work saved by an earlier visit, if any. */
	saved(): SavedWork | null {
		return loadWork(this.storage, WORK_KEY);
	}

	/** Keeps work that is about to be replaced (a link opened over it). */
	keepPrevious(work: WorkSnapshot): void {
		const copy = saved(work);
		this.problem = saveWork(this.storage, PREVIOUS_KEY, copy);
		this.previous = copy;
	}

	/** Saves the workspace after a pause; call whenever it changed. */
	schedule(): void {
		if (this.timer !== null) clearTimeout(this.timer);
		this.timer = setTimeout(() => this.saveNow(), SAVE_DELAY_MS);
	}

	saveNow(): void {
		if (this.timer !== null) clearTimeout(this.timer);
		this.timer = null;
		this.problem = saveWork(this.storage, WORK_KEY, saved(this.workspace.snapshot()));
	}

	/** Brings the replaced work back (the work it replaces becomes the previous work in turn). */
	async restore(): Promise<void> {
		const work = this.previous;
		if (!work) return;
		this.previous = null;
		forgetWork(this.storage, PREVIOUS_KEY);
		await this.workspace.restore(work);
		this.saveNow();
	}

	/** Forgets the replaced work. */
	dismiss(): void {
		this.previous = null;
		forgetWork(this.storage, PREVIOUS_KEY);
	}
}
