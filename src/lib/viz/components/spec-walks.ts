/** Scenarios from rules-examples/ walked for the specs beside these components. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { walkScenario, type Walk } from '../../app/walk';

const EXAMPLES = join(import.meta.dirname, '../../../../rules-examples');

export function exampleWalk(name: string): Walk {
	const result = walkScenario(readFileSync(join(EXAMPLES, `${name}.json`), 'utf8'));
	if (!result.ok) throw new Error(`${name}: ${result.diagnostics[0]?.message}`);
	return result.walk;
}

/** The frame with 1-based `index` of packet `packet` (0-based). */
export function frameAt(walk: Walk, packet: number, index: number) {
	const i = walk.frames.findIndex((f) => f.packet === packet && f.index === index);
	if (i < 0) throw new Error(`no frame ${index} of packet ${packet}`);
	return { i, frame: walk.frames[i] };
}
