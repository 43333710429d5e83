/**
 * parseScenario: scenario JSON text → the engine's inputs (Host, packets) plus the rules text for
 * parseRuleset. Never throws for bad input: syntax errors and every validation problem are
 * diagnostics at the line and column of the offending value in the JSON text.
 */
import { compareDiagnostics } from '../engine/diagnostics';
import type { ScenarioPacket } from '../engine/sim/simulate';
import { Checker } from './checker';
import { readJson, type JsonNode } from './json-reader';
import { parseHost } from './parse-host';
import { parsePacket } from './parse-packet';
import {
	SCENARIO_VERSION,
	type RulesSource,
	type ScenarioDocument,
	type ScenarioParseResult
} from './scenario';

/** Packets in one scenario; the longest shipped example has a 1,000-packet TCP connection. */
export const MAX_PACKETS = 10_000;

const TOP_FIELDS = ['nfwalk', 'title', 'description', 'host', 'rules', 'packets'];

export function parseScenario(text: string): ScenarioParseResult {
	const json = readJson(text);
	if (!json.ok) {
		const { message, pos } = json.error;
		return {
			scenario: null,
			host: null,
			packets: [],
			diagnostics: [
				{ code: 'json-syntax', severity: 'error', ...pos, message: `not valid JSON: ${message}` }
			]
		};
	}
	const c = new Checker();
	const result = readDocument(json.node, c);
	return { ...result, diagnostics: c.diagnostics.sort(compareDiagnostics) };
}

function readDocument(root: JsonNode, c: Checker): Omit<ScenarioParseResult, 'diagnostics'> {
	const none = { scenario: null, host: null, packets: [] };
	// Under an unknown version nothing else is read: its fields may mean something else there.
	const version = root.type === 'object' ? root.members.find((m) => m.key === 'nfwalk') : undefined;
	if (version && !isSupported(version.value, c)) return none;
	const f = c.object(
		root,
		'',
		TOP_FIELDS,
		['nfwalk', 'host', 'rules', 'packets'],
		'{ "nfwalk": 1, "host": { … }, "rules": "…", "packets": [ … ] }'
	);
	if (!f) return none;
	if (!f.nfwalk) return none;
	const title = f.title ? c.string(f.title, 'title', '"Port forward to a web server"') : null;
	const description = f.description
		? c.string(f.description, 'description', '"Why this scenario is interesting."')
		: null;
	const rules = f.rules ? readRules(f.rules, c) : null;
	const host = f.host ? parseHost(f.host, c) : null;

	const packets: ScenarioPacket[] = [];
	if (f.packets) {
		const interfaces = host ? host.interfaces.map((i) => i.name) : interfaceNames(f.host);
		let previousTime: number | null = null;
		const items = c.array(f.packets, 'packets', '[{ "from": "eth0", "proto": "tcp", … }]') ?? [];
		if (items.length > MAX_PACKETS) {
			c.report(
				items[MAX_PACKETS].pos,
				'too-many-packets',
				`packets: ${items.length.toLocaleString('en')} packets; a scenario holds at most ${MAX_PACKETS.toLocaleString('en')} (see docs/limits.md): split it into several scenarios`
			);
			return none;
		}
		for (const [i, item] of items.entries()) {
			const r = parsePacket(item, `packets[${i}]`, c, { interfaces, previousTime });
			previousTime = r.time;
			if (r.packet) packets.push(r.packet);
		}
	}
	const scenario: ScenarioDocument | null = rules && {
		version: SCENARIO_VERSION,
		title,
		description,
		...rules
	};
	return { scenario, host, packets };
}

function isSupported(v: JsonNode, c: Checker): boolean {
	if (v.type === 'number' && v.value === SCENARIO_VERSION) return true;
	const said = v.type === 'number' ? v.text : v.type === 'string' ? `"${v.value}"` : v.type;
	const newer = v.type === 'number' && v.value > SCENARIO_VERSION;
	c.report(
		v.pos,
		'unknown-version',
		`nfwalk: format version ${said} is not one this nfwalk reads; it reads version ${SCENARIO_VERSION} ("nfwalk": 1)${newer ? ', so the file is from a newer nfwalk: upgrade nfwalk' : ''}`
	);
	return false;
}

/** `rules` as one text; the array form (one line per item) reads better in a diff. */
function readRules(node: JsonNode, c: Checker): { rules: string; rulesSource: RulesSource } | null {
	const at = { line: node.pos.line, column: node.pos.column };
	const n = c.kind(
		node,
		'rules',
		['string', 'array'],
		'"*filter\\n:INPUT ACCEPT [0:0]\\nCOMMIT\\n"'
	);
	if (!n) return null;
	if (n.type === 'string') return { rules: n.value, rulesSource: { ...at, itemLines: null } };
	const lines: string[] = [];
	for (const [i, item] of n.items.entries()) {
		const s = c.string(item, `rules[${i}]`, '"-A INPUT -j ACCEPT"');
		if (s === null) continue;
		if (s.includes('\n')) {
			c.report(
				item.pos,
				'bad-value',
				`rules[${i}]: in the array form each item is one line; split it at the line break`
			);
			continue;
		}
		lines.push(s);
	}
	if (lines.length !== n.items.length) return null;
	return {
		rules: lines.join('\n') + (lines.length ? '\n' : ''),
		rulesSource: { ...at, itemLines: n.items.map((x) => x.pos.line) }
	};
}

/** The interface names a broken host still declares, so packets are not all blamed for its errors. */
function interfaceNames(host: JsonNode | undefined): string[] | null {
	if (host?.type !== 'object') return null;
	const list = host.members.find((m) => m.key === 'interfaces')?.value;
	if (list?.type !== 'array') return null;
	const names: string[] = [];
	for (const item of list.items) {
		if (item.type !== 'object') return null;
		const name = item.members.find((m) => m.key === 'name')?.value;
		if (name?.type !== 'string') return null;
		names.push(name.value);
	}
	return names;
}
