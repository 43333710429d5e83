/**
 * The scenario a page shows: opening one computes its walk (in a worker when big) while the page
 * says it is working; one with errors leaves the current walk in place and shows why.
 */
import type { Diagnostic } from '../../engine/index';
import type { Walk } from '../walk';
import { diagnosticSource, loadWalk } from './load-walk';

export interface Failure {
	/** The file or example that failed. */
	name: string;
	diagnostics: Diagnostic[];
	/** The text the diagnostics' lines are in, and which text that is. */
	source: string;
	where: 'file' | 'rules';
}

export class ScenarioLoader {
	walk: Walk | null = $state.raw(null);
	/** What is open, e.g. `home-router` or a file's name. */
	name: string | null = $state(null);
	failure: Failure | null = $state.raw(null);
	working = $state(false);
	private latest = 0;

	/** Puts the diagnostics of a failed file away. */
	dismiss(): void {
		this.failure = null;
	}

	/** Opens a scenario; resolves true when it replaced the current one. */
	async open(text: string, name: string): Promise<boolean> {
		const ticket = ++this.latest;
		this.working = true;
		try {
			const result = await loadWalk(text);
			if (ticket !== this.latest) return false;
			if (result.ok) {
				this.walk = result.walk;
				this.name = name;
				this.failure = null;
				return true;
			}
			this.failure = { name, diagnostics: result.diagnostics, ...diagnosticSource(text) };
			return false;
		} catch (e) {
			if (ticket !== this.latest) return false;
			const message = e instanceof Error ? e.message : String(e);
			const diagnostic: Diagnostic = {
				code: 'walk-failed',
				severity: 'error',
				line: 1,
				column: 1,
				endColumn: 2,
				message: `nfwalk could not walk this scenario: ${message}`
			};
			this.failure = { name, diagnostics: [diagnostic], source: text, where: 'file' };
			return false;
		} finally {
			if (ticket === this.latest) this.working = false;
		}
	}
}
