/**
 * `--format json`: the trace as it is, the contract docs/trace-format.md describes. Addresses stay
 * unsigned 32-bit numbers, as everywhere in the engine; tools format them.
 */
import type { Trace } from '../trace';

export function formatJson(trace: Trace): string {
	return JSON.stringify(trace, null, 2) + '\n';
}
