import { describe, expect, it } from 'vitest';
import { diagnosticSource, loadWalk, ruleLineCount, WORKER_LINES } from './load-walk';

describe('ruleLineCount', () => {
	it.each([
		['{"rules": "*filter\\nCOMMIT\\n"}', 2],
		['{\n"rules": [\n"*filter",\n"COMMIT"\n]\n}', 5],
		['{}', 0]
	])('%s → %i', (text, n) => {
		expect(ruleLineCount(text)).toBe(n);
	});
});

describe('loadWalk', () => {
	const scenario = (rules: string) =>
		JSON.stringify({
			nfwalk: 1,
			host: { interfaces: [{ name: 'eth0', addresses: ['10.0.0.1/24'] }] },
			rules,
			packets: [
				{ from: 'eth0', proto: 'icmp', src: '10.0.0.2', dst: '10.0.0.1', type: 8, code: 0, id: 7 }
			]
		});

	it('walks a small scenario on the spot (no Worker in node either way)', async () => {
		const r = await loadWalk(scenario('*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n'));
		expect(r.ok).toBe(true);
		expect(WORKER_LINES).toBe(2000);
	});

	it('points rule diagnostics into the rules and JSON ones into the file', async () => {
		const bad = scenario('*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j NOPE\nCOMMIT\n');
		const r = await loadWalk(bad);
		expect(r.ok).toBe(false);
		expect(diagnosticSource(bad)).toEqual({
			source: expect.stringContaining('-j NOPE'),
			where: 'rules'
		});
		expect(diagnosticSource('{ "nfwalk": 1,')).toEqual({ source: '{ "nfwalk": 1,', where: 'file' });
	});
});
