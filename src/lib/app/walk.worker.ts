/**
 * Parses and simulates a big scenario off the main thread, so the page keeps answering while a
 * rule set of thousands of lines is read: text in, the `WalkResult` out (structured-cloned).
 */
import { walkScenario } from './walk';

self.onmessage = (e: MessageEvent<string>) => {
	self.postMessage(walkScenario(e.data));
};
