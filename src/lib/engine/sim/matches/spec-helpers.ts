/**
 * Spec helpers: compile the first `-m` match of one iptables command, and a match environment
 * on a small host (eth0 10.0.1.1/24, eth1 10.0.2.1/24 with the default route, mark 7 → table 7
 * with 10.0.9.0/24 via eth0) with optional conntrack and ipsets.
 */
import { parseRuleset } from '../../index';
import type { Hook, Rule, TableName } from '../../model';
import type { CompiledMatch, MatchEnv } from '../compile-types';
import type { CtEntry, CtRef } from '../conntrack-types';
import type { Host, HostIpSet } from '../host';
import { HostModel } from '../host-model';
import { seededRandom } from '../random';
import { compileMatch } from './index';
import { ctStatus } from '../conntrack-types';

export const A = (text: string): number =>
	text.split('.').reduce((n, b) => n * 256 + Number(b), 0) >>> 0;

/** Parses `-A CHAIN …` (restore syntax, table filter unless `-t` is given) and compiles its first match. */
export function firstMatch(ruleText: string, table: TableName = 'filter'): CompiledMatch {
	const { ruleset, diagnostics } = parseRuleset(`*${table}\n${ruleText}\nCOMMIT\n`);
	const errors = diagnostics.filter((d) => d.severity === 'error');
	if (errors.length) throw new Error(`${ruleText}: ${errors.map((d) => d.message).join('; ')}`);
	const rule: Rule | undefined = ruleset.tables[0]?.chains.find((c) => c.rules.length)?.rules[0];
	if (!rule || rule.matches.length === 0) throw new Error(`${ruleText}: no match`);
	return compileMatch(rule.matches[0], rule);
}

export function makeHost(ipsets: HostIpSet[] = []): HostModel {
	const host: Host = {
		interfaces: [
			{ name: 'eth0', addresses: [{ address: A('10.0.1.1'), prefix: 24 }] },
			{ name: 'eth1', addresses: [{ address: A('10.0.2.1'), prefix: 24 }] }
		],
		routes: [
			{
				to: { address: 0, prefix: 0, mask: 0 },
				via: A('10.0.2.254'),
				dev: 'eth1',
				table: 254,
				src: null,
				metric: 0
			},
			// Policy routing: mark 7 looks up table 7, which reaches 10.0.9.0/24 over eth0.
			{
				to: { address: A('10.0.9.0'), prefix: 24, mask: 0xffffff00 },
				via: A('10.0.1.254'),
				dev: 'eth0',
				table: 7,
				src: null,
				metric: 0
			}
		],
		policyRules: [{ priority: 100, fwmark: 7, mask: 0xffffffff, table: 7 }],
		forwarding: true,
		listening: [],
		ipsets,
		backend: 'nft',
		tcpLoose: true,
		statisticSeed: 1,
		clockStart: 1_700_000_000
	};
	return new HostModel(host);
}

export function ctEntry(over: Partial<CtEntry> = {}): CtEntry {
	return {
		id: 1,
		orig: { proto: 6, src: A('10.0.1.2'), dst: A('10.0.2.2'), sport: 40000, dport: 80 },
		reply: { proto: 6, src: A('10.0.2.2'), dst: A('10.0.1.2'), sport: 80, dport: 40000 },
		status: ctStatus(),
		tcpState: 'SYN_SENT',
		mark: 0,
		zone: 0,
		helper: null,
		packets: [1, 0],
		bytes: [60, 0],
		lastSeen: 0,
		...over
	};
}

/** A conntrack reference; `entry` defaults to a fresh SYN_SENT entry except for INVALID/UNTRACKED. */
export function ct(state: CtRef['state'], over: Partial<CtRef> = {}): CtRef {
	const noEntry = state === 'INVALID' || state === 'UNTRACKED';
	return { entry: noEntry ? null : ctEntry(), dir: 'ORIGINAL', state, master: null, ...over };
}

export interface EnvOptions {
	hook?: Hook;
	table?: TableName;
	ct?: CtRef | null;
	host?: HostModel;
	random?: () => number;
}

export function makeEnv(o: EnvOptions = {}): MatchEnv {
	return {
		hook: o.hook ?? 'FORWARD',
		table: o.table ?? 'filter',
		ct: o.ct === undefined ? ct('NEW') : o.ct,
		host: o.host ?? makeHost(),
		state: { recent: new Map(), random: o.random ?? seededRandom(1) }
	};
}
