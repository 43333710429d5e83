/** Random scenarios for `test:kernel --random N` (filled in below). */
import type { Sender } from './recorder/sender';

export async function runRandom(
	_sender: Sender,
	_prefix: string,
	_count: number,
	_seed: number
): Promise<{ passed: number; failed: number }> {
	throw new Error('random mode: not written yet');
}
