import { describe, expect, it } from 'vitest';
import { keyCommand } from './keys';

const key = (
	k: string,
	mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}
) => ({
	key: k,
	shiftKey: false,
	ctrlKey: false,
	metaKey: false,
	altKey: false,
	...mods
});

const IDS = ['1', '1.1', '2', '3'];

describe('keyCommand', () => {
	it.each([
		[key(' '), { type: 'toggle' }],
		[key('ArrowRight'), { type: 'step.forward' }],
		[key('ArrowRight', { shiftKey: true }), { type: 'next.station' }],
		[key('ArrowLeft'), { type: 'step.back' }],
		[key('Home'), { type: 'first' }],
		[key('End'), { type: 'last' }],
		[key('?', { shiftKey: true }), { type: 'help' }],
		// Digits name scenario packets by id, so generated ones (1.1) do not shift the numbers.
		[key('2'), { type: 'jump.packet', packet: 2 }],
		[key('1'), { type: 'jump.packet', packet: 0 }],
		[key('9'), null],
		[key('ArrowRight', { ctrlKey: true }), null],
		[key('x'), null]
	])('%o → %o', (e, want) => {
		expect(keyCommand(e, IDS)).toEqual(want);
	});
});
