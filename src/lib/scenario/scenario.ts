/**
 * The scenario file: one JSON document with a host, its rules and packets in order. It is what a
 * share link carries, what `nfwalk trace` reads and what the kernel conformance suite replays, so
 * its shape is a contract, versioned by the `"nfwalk": 1` field and written down in
 * docs/scenario-format.md. The interfaces below spell the JSON as tools write it; parseScenario
 * turns it into the engine's `Host` and `ScenarioPacket`s.
 */
import type { Diagnostic } from '../engine/diagnostics';
import type { Host } from '../engine/sim/host';
import type { ScenarioPacket } from '../engine/sim/simulate';

/** The only version this nfwalk reads and writes. */
export const SCENARIO_VERSION = 1;

/** `2026-01-01T00:00:00Z`: the wall clock `-m time` sees at scenario time 0 unless the host says otherwise. */
export const DEFAULT_CLOCK_START = Date.UTC(2026, 0, 1) / 1000;

/** The whole file, e.g. the example at the top of docs/scenario-format.md. */
export interface ScenarioJson {
	nfwalk: 1;
	title?: string;
	description?: string;
	host: HostJson;
	/** iptables-save text or iptables commands; an array is joined with "\n", one line per item. */
	rules: string | string[];
	packets: PacketJson[];
}

export interface HostJson {
	interfaces: { name: string; addresses: string[]; mac?: string }[];
	routes?: {
		to: string;
		via?: string;
		dev?: string;
		table?: number | 'main';
		src?: string;
		metric?: number;
	}[];
	policyRules?: {
		fwmark: string | number;
		mask?: string | number;
		table: number | 'main';
		priority?: number;
	}[];
	forwarding?: boolean;
	listening?: { proto: 'tcp' | 'udp'; port: number; address?: string }[];
	ipsets?: { name: string; type: string; members: string[] }[];
	backend?: 'nft' | 'legacy';
	conntrack?: { tcpLoose?: boolean };
	statisticSeed?: number;
	/** ISO 8601 UTC (`2026-01-01T00:00:00Z`) or Unix seconds. */
	clockStart?: string | number;
}

/** One packet; which fields are required depends on `proto` and `from` (see the format doc). */
export interface PacketJson {
	from: string;
	proto: string | number;
	src?: string;
	dst: string;
	sport?: number;
	dport?: number;
	flags?: string[];
	/** The TCP MSS option's value (tcp only). */
	mss?: number;
	type?: number;
	code?: number;
	id?: number;
	ttl?: number;
	tos?: number;
	length?: number;
	payload?: string;
	uid?: number;
	gid?: number;
	mac?: string;
	mark?: string | number;
	time?: number;
	embedded?: Omit<
		PacketJson,
		'from' | 'embedded' | 'time' | 'payload' | 'uid' | 'gid' | 'mac' | 'mark' | 'length' | 'mss'
	>;
}

/** Where the `rules` value sits in the JSON text, so an editor can map `rules:LINE:COL` back. */
export interface RulesSource {
	/** Position of the `rules` value (the opening quote, or `[` for the array form). */
	line: number;
	column: number;
	/** Array form only: the JSON line of rules line N is `itemLines[N - 1]`. */
	itemLines: number[] | null;
}

/** What the document says besides host and packets; the rules stay text for parseRuleset. */
export interface ScenarioDocument {
	version: typeof SCENARIO_VERSION;
	title: string | null;
	description: string | null;
	/** The rules as one text, lines separated by "\n"; rule diagnostics are `rules:LINE:COL` of it. */
	rules: string;
	rulesSource: RulesSource;
}

/**
 * parseScenario's answer. `scenario` is null when the document is unreadable (bad JSON, not an
 * object, wrong version, no rules text); `host` is null when the host has errors; `packets` holds
 * every packet that validated. Any error-severity diagnostic means: do not simulate.
 */
export interface ScenarioParseResult {
	scenario: ScenarioDocument | null;
	host: Host | null;
	packets: ScenarioPacket[];
	diagnostics: Diagnostic[];
}
