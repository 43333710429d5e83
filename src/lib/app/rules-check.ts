/**
 * The rules of the working scenario checked on their own: diagnostics for the editor, the
 * parsed rule set and its analysis for the structured view. Off the main thread when the rule set is big, so
 * typing in a rule set of thousands of lines never waits for the parser.
 */
import { analyseRuleset, type RulesetAnalysis } from '../engine/analysis/index';
import { parseRuleset, type Diagnostic, type Ruleset } from '../engine/index';
import { ruleLineCount, WORKER_LINES } from './components/load-walk';

export interface RulesCheck {
	/** The text these answers are about (an editor drops answers for older text). */
	text: string;
	ruleset: Ruleset;
	diagnostics: Diagnostic[];
	/** Jump graphs, unreachable chains, rules that never match: for the structured view. */
	analysis: RulesetAnalysis;
}

export function checkRulesNow(text: string): RulesCheck {
	const { ruleset, diagnostics } = parseRuleset(text);
	// Lines with an error lost options the parser could not read: such a rule is not analysed.
	const errorLines = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.line));
	return { text, ruleset, diagnostics, analysis: analyseRuleset(ruleset, { errorLines }) };
}

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, (r: RulesCheck) => void>();

function inWorker(text: string): Promise<RulesCheck> {
	if (!worker) {
		// One long-lived worker: starting one per keystroke would cost more than the parse.
		worker = new Worker(new URL('./rules-check.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (e: MessageEvent<{ id: number; result: RulesCheck }>) => {
			waiting.get(e.data.id)?.(e.data.result);
			waiting.delete(e.data.id);
		};
	}
	const id = ++nextId;
	return new Promise((resolve) => {
		waiting.set(id, resolve);
		worker!.postMessage({ id, text });
	});
}

/** Parses the rules: in a worker above WORKER_LINES lines (when there are workers), else now. */
export function checkRules(text: string): Promise<RulesCheck> {
	if (ruleLineCount(text) > WORKER_LINES && typeof Worker !== 'undefined') return inWorker(text);
	return Promise.resolve(checkRulesNow(text));
}
