import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../engine/diagnostics';
import { diagnosticsUnder, pathOf } from './field-diagnostics';

const d = (message: string): Diagnostic => ({
	code: 'bad-value',
	severity: 'error',
	line: 1,
	column: 1,
	endColumn: 2,
	message
});

describe('pathOf', () => {
	it.each([
		['host.routes[0].via: the gateway 10.9.0.1 is not on …', 'host.routes[0].via'],
		['packets[2].time 1 is before the previous packet’s 3; …', 'packets[2].time'],
		['host.interfaces[1] must be an object ({…}), not …', 'host.interfaces[1]'],
		['packets[0]: "src" is required for a packet arriving on an interface', 'packets[0]'],
		['not valid JSON: unexpected end', null],
		['the document: "host" is required', null]
	])('%s', (message, path) => expect(pathOf(d(message))).toBe(path));
});

describe('diagnosticsUnder', () => {
	const all = [
		'packets[1].dport must be …',
		'packets[10].dport must be …',
		'packets[1]: "dst" is required',
		'host.routes[1].to: …'
	].map(d);
	it.each([
		['packets[1]', ['packets[1].dport must be …', 'packets[1]: "dst" is required']],
		['packets[10]', ['packets[10].dport must be …']],
		['host.routes', ['host.routes[1].to: …']],
		['host.interfaces', []]
	])('%s', (path, messages) => {
		expect(diagnosticsUnder(all, path).map((x) => x.message)).toEqual(messages);
	});
});
