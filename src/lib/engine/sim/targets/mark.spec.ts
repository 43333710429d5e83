import { describe, expect, it } from 'vitest';
import { makePacket } from '../matches/test-packet';
import { makeEnv, targetOf } from './spec-helpers';

// Every MARK spelling reaches the simulator as --set-xmark; the kernel computes (mark & ~mask) ^ value.
const cases: { title: string; rule: string; before: number; after: number }[] = [
	{
		title: '§2.4 --set-xmark 0x10/0xff on an unmarked packet',
		rule: '--set-xmark 0x10/0xff',
		before: 0,
		after: 0x10
	},
	{
		title: '--set-xmark keeps the bits outside the mask',
		rule: '--set-xmark 0x10/0xff',
		before: 0xab00,
		after: 0xab10
	},
	{
		title: '--set-xmark XORs inside the mask it did not clear',
		rule: '--set-xmark 0x3/0x0',
		before: 0x1,
		after: 0x2
	},
	{
		title: '--set-mark 0x5 replaces the whole mark',
		rule: '--set-mark 0x5',
		before: 0xffff0000,
		after: 0x5
	},
	{
		title: '--set-mark 0x1/0xf clears only the low nibble',
		rule: '--set-mark 0x1/0xf',
		before: 0xf2,
		after: 0xf1
	},
	{ title: '--and-mark 0xf0', rule: '--and-mark 0xf0', before: 0x1ff, after: 0xf0 },
	{ title: '--or-mark 0x100', rule: '--or-mark 0x100', before: 0x1, after: 0x101 },
	{ title: '--xor-mark 0x3', rule: '--xor-mark 0x3', before: 0x1, after: 0x2 },
	{
		title: 'a 32-bit mark stays unsigned',
		rule: '--set-xmark 0x80000000/0x80000000',
		before: 0x1,
		after: 0x80000001
	}
];

describe('-j MARK', () => {
	it.each(cases)('$title', ({ rule, before, after }) => {
		const t = targetOf(`-A PREROUTING -j MARK ${rule}`);
		const p = makePacket({ mark: before });
		const r = t.run(p, makeEnv());
		expect(r).toEqual({ verdict: 'CONTINUE', effect: { type: 'mark', before, after } });
		expect(p.mark).toBe(after);
	});
});
