/** Parses a big rule set off the main thread for `checkRules`: `{ id, text }` in, `{ id, result }` out. */
import { checkRulesNow } from './rules-check';

self.onmessage = (e: MessageEvent<{ id: number; text: string }>) => {
	self.postMessage({ id: e.data.id, result: checkRulesNow(e.data.text) });
};
