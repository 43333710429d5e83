/** The scenario reader's limits: packets per scenario and nesting, each with a diagnostic. */
import { describe, expect, it } from 'vitest';
import { parseScenario } from './index';
import { MAX_PACKETS } from './parse-scenario';
import { MAX_JSON_DEPTH } from './json-reader';

const scenario = (packets: number) =>
	JSON.stringify({
		nfwalk: 1,
		host: { interfaces: [{ name: 'eth0', addresses: ['10.0.0.1/24'] }] },
		rules: '',
		packets: Array.from({ length: packets }, () => ({
			from: 'eth0',
			proto: 'udp',
			src: '10.0.0.2',
			dst: '10.0.0.1',
			sport: 5000,
			dport: 53
		}))
	});

describe('scenario limits', () => {
	it(`reads ${MAX_PACKETS} packets`, () => {
		const r = parseScenario(scenario(MAX_PACKETS));
		expect(r.diagnostics).toEqual([]);
		expect(r.packets.length).toBe(MAX_PACKETS);
	});

	it(`refuses packet ${MAX_PACKETS + 1}, pointing at it`, () => {
		const text = scenario(MAX_PACKETS + 1);
		const r = parseScenario(text);
		expect(r.diagnostics.map((d) => d.code)).toEqual(['too-many-packets']);
		expect(r.diagnostics[0].message).toMatch(
			/10,001 packets; a scenario holds at most 10,000 \(see docs\/limits\.md\): split it/
		);
		// The 10,001st item, the last of the one-line JSON array.
		expect(r.diagnostics[0].column).toBe(text.lastIndexOf('{"from"') + 1);
		expect(r.packets).toEqual([]);
	});

	it.each([
		[MAX_JSON_DEPTH, true],
		[MAX_JSON_DEPTH + 1, false]
	])('arrays nested %i deep read: %s', (depth, ok) => {
		const r = parseScenario('['.repeat(depth) + ']'.repeat(depth));
		const codes = r.diagnostics.map((d) => d.code);
		// A valid array is still not a scenario (wrong-type); only too deep a nest is a syntax error.
		expect(codes).toEqual(ok ? ['wrong-type'] : ['json-syntax']);
		if (!ok) expect(r.diagnostics[0]).toMatchObject({ line: 1, column: depth });
	});
});
