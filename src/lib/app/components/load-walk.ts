/**
 * Turns a scenario's text into a walk: at once for an ordinary scenario, in a Web Worker when the
 * rule set is big enough that parsing and simulating would hold the page up.
 */
import { parseScenario } from '../../scenario/index';
import { walkScenario, type WalkResult } from '../walk';

/** Rule lines above which the work moves to a worker. */
export const WORKER_LINES = 2000;

/** Lines of the rules, counted from the text: the array form's items or the string's `\n`s. */
export function ruleLineCount(text: string): number {
	let n = 0;
	for (const m of text.matchAll(/\\n|\n/g)) if (m) n++;
	return n;
}

function inWorker(text: string): Promise<WalkResult> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL('../walk.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (e: MessageEvent<WalkResult>) => {
			worker.terminate();
			resolve(e.data);
		};
		worker.onerror = (e) => {
			worker.terminate();
			reject(new Error(e.message || 'the worker failed'));
		};
		worker.postMessage(text);
	});
}

/** The walk of a scenario text, or its diagnostics. */
export async function loadWalk(text: string): Promise<WalkResult> {
	if (ruleLineCount(text) > WORKER_LINES && typeof Worker !== 'undefined') return inWorker(text);
	return walkScenario(text);
}

/** The text a failed scenario's diagnostics point into: the file, or its rules when it parsed. */
export function diagnosticSource(text: string): { source: string; where: 'file' | 'rules' } {
	const parsed = parseScenario(text);
	if (parsed.scenario && !parsed.diagnostics.some((d) => d.severity === 'error'))
		return { source: parsed.scenario.rules, where: 'rules' };
	return { source: text, where: 'file' };
}
