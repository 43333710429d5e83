import { describe, expect, it } from 'vitest';
import type { PacketJson } from '../scenario';
import {
	duplicateAt,
	effectiveTimes,
	insertAfter,
	moveBy,
	patchAt,
	removeAt,
	withFields
} from './packet-list';

const p = (dport: number, time?: number): PacketJson => ({
	from: 'eth0',
	proto: 'udp',
	src: '10.0.0.2',
	sport: 1,
	dst: '10.0.0.1',
	dport,
	...(time === undefined ? {} : { time })
});
const ports = (list: PacketJson[]) =>
	list.map((x) => (x.time === undefined ? x.dport : `${x.dport}@${x.time}`));

describe('effectiveTimes', () => {
	it.each([
		[[], []],
		[
			[p(1), p(2), p(3)],
			[0, 1, 2]
		],
		[
			[p(1, 5), p(2), p(3, 9.5), p(4)],
			[5, 6, 9.5, 10.5]
		]
	])('%j', (list, times) => expect(effectiveTimes(list)).toEqual(times));
});

describe('insertAfter', () => {
	it.each([
		['no times written: inserted as is', [p(1), p(2)], 0, [1, 9, 2]],
		['at the start', [p(1), p(2)], -1, [9, 1, 2]],
		['past the end: appended', [p(1)], 7, [1, 9]],
		// Without a time the added packet would be at 6 and push packet 2 to 7, past 6.5.
		[
			'a later time written: at the packet’s time',
			[p(1, 5), p(2), p(3, 6.5)],
			0,
			['1@5', '9@5', 2, '3@6.5']
		],
		['only earlier times written: inserted as is', [p(1, 5), p(2)], 1, ['1@5', 2, 9]]
	] as [string, PacketJson[], number, (number | string)[]][])(
		'%s',
		(_why, list, index, expected) => {
			const out = insertAfter(list, index, [p(9)]);
			expect(ports(out)).toEqual(expected);
			// The times still go forward.
			const times = effectiveTimes(out);
			expect(times).toEqual([...times].sort((a, b) => a - b));
		}
	);
});

describe('list edits', () => {
	const list = [p(1), p(2), p(3)];
	it.each([
		['duplicate the middle', () => duplicateAt(list, 1), [1, 2, 2, 3]],
		['duplicate nothing', () => duplicateAt(list, 5), [1, 2, 3]],
		['remove the first', () => removeAt(list, 0), [2, 3]],
		['move the last up', () => moveBy(list, 2, -1), [1, 3, 2]],
		['move the first down', () => moveBy(list, 0, 1), [2, 1, 3]],
		['move the first up: no change', () => moveBy(list, 0, -1), [1, 2, 3]],
		['move the last down: no change', () => moveBy(list, 2, 1), [1, 2, 3]],
		['patch the middle', () => patchAt(list, 1, { dport: 7 }), [1, 7, 3]]
	] as [string, () => PacketJson[], number[]][])('%s', (_what, edit, expected) => {
		expect(ports(edit())).toEqual(expected);
		expect(ports(list)).toEqual([1, 2, 3]);
	});

	it('a duplicate is a copy, not the same object', () => {
		const withFlags: PacketJson[] = [{ ...p(1), proto: 'tcp', flags: ['SYN'] }];
		const out = duplicateAt(withFlags, 0);
		out[1].flags!.push('ACK');
		expect(out[0].flags).toEqual(['SYN']);
	});

	it('withFields removes the fields set to undefined', () => {
		expect(withFields(p(1, 3), { time: undefined, dport: 2 })).toEqual(p(2));
	});
});
