import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startFrame, walkScenario } from './walk';

const result = walkScenario(
	readFileSync(new URL('../../../rules-examples/home-router.json', import.meta.url), 'utf8')
);
if (!result.ok) throw new Error('home-router does not walk');
const walk = result.walk;
const starts = walk.packetStarts;

describe('startFrame', () => {
	it.each([
		['the first frame', { packet: 0, step: 1 }, starts[0]],
		['packet 2, step 5', { packet: 1, step: 5 }, starts[1] + 4],
		['a step past the fate: the fate', { packet: 0, step: 999 }, starts[1] - 1],
		['a packet past the last: the last', { packet: 99, step: 1 }, starts[starts.length - 1]],
		['the last packet past its fate', { packet: 99, step: 999 }, walk.frames.length - 1],
		['nonsense numbers: the first frame', { packet: NaN, step: -3 }, 0]
	])('%s', (_, at, frame) => {
		expect(startFrame(walk, at)).toBe(frame);
	});
});
