import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PacketJson, ScenarioJson } from '$lib/scenario/scenario';
import { normaliseDocument } from '../../workspace.svelte';
import { checkRulesNow } from '../../rules-check';
import { fatesIn, saying, walkerFor } from './composer-walks';

const url = new URL('../../../../../rules-examples/home-router.json', import.meta.url);
const doc = normaliseDocument(JSON.parse(readFileSync(url, 'utf8')) as ScenarioJson);
const ping: PacketJson = {
	from: 'r-eth0',
	proto: 'icmp',
	src: '10.0.1.2',
	dst: '10.0.1.1',
	type: 8,
	code: 0,
	id: 1
};

describe('walkerFor and fatesIn', () => {
	const walk = walkerFor(doc, checkRulesNow(doc.rules));
	const walked = walk(ping)!;

	it('walks the scenario with the extra packet last', () => {
		expect(walked.index).toBe(doc.packets.length);
		expect(fatesIn([...doc.packets, ping], walked.trace).at(-1)).toBe('answered');
	});

	it.each([
		['the packet as walked', ping, 'answered'],
		['a packet changed since (another id)', { ...ping, id: 2 }, null],
		['a packet now arriving elsewhere', { ...ping, from: 'r-eth1' }, null]
	] as [string, PacketJson, string | null][])('%s', (_what, packet, fate) => {
		expect(fatesIn([...doc.packets, packet], walked.trace).at(-1)).toBe(fate);
	});

	it('does not walk rules with errors', () => {
		const broken = { ...doc, rules: '*filter\n-A INPUT -j NOPE\nCOMMIT\n' };
		expect(walkerFor(broken, null)(ping)).toBeNull();
	});

	it('uses the rules already checked only when they are the document’s', () => {
		const stale = checkRulesNow('*filter\n:INPUT DROP [0:0]\nCOMMIT\n');
		const fresh = walkerFor(doc, stale)(ping)!;
		// Home router's INPUT accepts ICMP from r-eth0; the stale rule set would drop it.
		expect(fatesIn([...doc.packets, ping], fresh.trace).at(-1)).toBe('answered');
	});
});

describe('saying', () => {
	it.each([
		[{ ok: true as const, note: null }, null],
		[
			{ ok: true as const, note: 'n' },
			{ text: 'n', ok: true }
		],
		[
			{ ok: false as const, reason: 'r' },
			{ text: 'r', ok: false }
		]
	])('%j', (result, said) => expect(saying(result)).toEqual(said));
});
