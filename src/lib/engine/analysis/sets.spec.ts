import { describe, expect, it } from 'vitest';
import { interfacePattern, interfaces, masked, ports, states } from './sets';

const net = (a: number, b: number, c: number, d: number, prefix: number) => ({
	value: ((a << 24) | (b << 16) | (c << 8) | d) >>> 0,
	mask: prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0
});

describe('set algebra', () => {
	it.each([
		['10.1.0.0/16 in 10.0.0.0/8', net(10, 1, 0, 0, 16), net(10, 0, 0, 0, 8), true],
		['10.0.0.0/8 not in 10.1.0.0/16', net(10, 0, 0, 0, 8), net(10, 1, 0, 0, 16), false],
		['192.168.1.0/24 not in 10.0.0.0/8', net(192, 168, 1, 0, 24), net(10, 0, 0, 0, 8), false],
		['anything in 0.0.0.0/0', net(1, 2, 3, 4, 32), net(0, 0, 0, 0, 0), true],
		[
			'a mark in a mark with fewer mask bits',
			{ value: 0x101, mask: ~0 >>> 0 },
			{ value: 1, mask: 0xff },
			true
		],
		['an empty mark set in nothing', { value: 2, mask: 1 }, { value: 0, mask: 0 }, false]
	])('masked subset: %s', (_name, inner, outer, expected) => {
		expect(masked.subset(inner, outer)).toBe(expected);
	});

	it.each([
		['10/8 and 192.168/16', net(10, 0, 0, 0, 8), net(192, 168, 0, 0, 16), true],
		['10/8 and 10.1/16', net(10, 0, 0, 0, 8), net(10, 1, 0, 0, 16), false],
		['mark 1/0xff and 2/0xff', { value: 1, mask: 0xff }, { value: 2, mask: 0xff }, true],
		['mark 1/0x0f and 0x10/0xf0', { value: 1, mask: 0x0f }, { value: 0x10, mask: 0xf0 }, false]
	])('masked disjoint: %s', (_name, a, b, expected) => {
		expect(masked.disjoint(a, b)).toBe(expected);
	});

	it.each([
		['eth0', 'eth+', true],
		['eth1+', 'eth+', true],
		['eth+', 'eth0', false],
		['eth0', 'eth0', true],
		['eth0', 'eth1', false],
		['anything', '+', true]
	])('interface %s within %s', (inner, outer, expected) => {
		expect(interfaces.subset(interfacePattern(inner), interfacePattern(outer))).toBe(expected);
	});

	it.each([
		['eth0', 'eth1', true],
		['eth+', 'wlan0', true],
		['eth+', 'eth0', false],
		['eth+', 'et+', false],
		['ppp+', 'eth+', true]
	])('interfaces %s and %s share no name: %s', (a, b, expected) => {
		expect(interfaces.disjoint(interfacePattern(a), interfacePattern(b))).toBe(expected);
	});

	const r = (from: number, to = from) => ({ from, to });
	it.each([
		['22 in 1:1023', [r(22)], [r(1, 1023)], true],
		['22:23 in 22,23', [r(22, 23)], [r(22), r(23)], true],
		['22:24 not in 22,23', [r(22, 24)], [r(22), r(23)], false],
		['80,443 in 1:1023', [r(80), r(443)], [r(1, 1023)], true],
		['a reversed range proves nothing', [r(30, 20)], [r(0, 65535)], false]
	])('ports %s', (_name, inner, outer, expected) => {
		expect(ports.subset(inner, outer)).toBe(expected);
	});

	it.each([
		['ESTABLISHED in RELATED,ESTABLISHED', ['ESTABLISHED'], ['RELATED', 'ESTABLISHED'], true],
		['NEW not in ESTABLISHED', ['NEW'], ['ESTABLISHED'], false],
		['NEW in NEW,DNAT', ['NEW'], ['NEW', 'DNAT'], true],
		['NEW,DNAT not in NEW', ['NEW', 'DNAT'], ['NEW'], false]
	])('states %s', (_name, inner, outer, expected) => {
		expect(states.subset(inner, outer)).toBe(expected);
	});

	it.each([
		['NEW and ESTABLISHED', ['NEW'], ['ESTABLISHED'], true],
		['NEW and NEW,RELATED', ['NEW'], ['NEW', 'RELATED'], false],
		// A new connection that was DNATed is both.
		['NEW and DNAT', ['NEW'], ['DNAT'], false]
	])('states %s share no packet: %s', (_name, a, b, expected) => {
		expect(states.disjoint(a, b)).toBe(expected);
	});
});
