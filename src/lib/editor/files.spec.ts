import { describe, expect, it } from 'vitest';
import { fileKind, rulesFileName } from './files';

describe('fileKind', () => {
	const cases: [string, string, 'scenario' | 'rules'][] = [
		['home.json', '{"nfwalk":1}', 'scenario'],
		['HOME.JSON', 'not json at all', 'scenario'],
		['rules.v4', '*filter\nCOMMIT\n', 'rules'],
		['fw.sh', 'iptables -A INPUT -j ACCEPT\n', 'rules'],
		['download.txt', '\uFEFF  {"nfwalk":1}', 'scenario']
	];
	it.each(cases)('%s', (name, text, kind) => expect(fileKind(name, text)).toBe(kind));
});

describe('rulesFileName', () => {
	const cases: [string | null, 'save' | 'commands', string][] = [
		[null, 'save', 'rules.rules'],
		['home-router', 'commands', 'home-router.sh'],
		['my scenario.json', 'save', 'my-scenario.rules']
	];
	it.each(cases)('%s as %s', (name, view, file) => expect(rulesFileName(name, view)).toBe(file));
});
