import { describe, expect, it } from 'vitest';
import { parseRuleset } from '../engine/index';
import { allExtensions } from '../engine/extensions/registry';
import type { HostJson } from '../scenario/scenario';
import { completionsFor } from './completion-source';
import { lineContext } from './completion-context';
import { OPTION_DOCS } from './option-docs';

const RULES = `*nat
:PREROUTING ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:PORTFW - [0:0]
-A PREROUTING -j PORTFW
COMMIT
*filter
:INPUT DROP [0:0]
:SSH - [0:0]
:LOGDROP - [0:0]
-A INPUT -j SSH
COMMIT
`;
const host: HostJson = {
	interfaces: [
		{ name: 'eth0', addresses: ['192.168.1.10/24'] },
		{ name: 'wan0', addresses: ['203.0.113.7/29'] }
	],
	ipsets: [{ name: 'allowed', type: 'hash:ip', members: [] }]
};
const data = { ruleset: () => parseRuleset(RULES).ruleset, host: () => host };

/** The labels offered at the end of `before`, a restore line under `*table`. */
const labels = (before: string, table: 'nat' | 'filter' | 'raw' | 'mangle' = 'filter') =>
	completionsFor(
		lineContext(before, () => table),
		data
	).map((c) => c.label);

describe('completionsFor', () => {
	const cases: {
		name: string;
		before: string;
		table?: 'nat' | 'filter' | 'raw' | 'mangle';
		has: string[];
		lacks: string[];
	}[] = [
		{
			name: 'chains: built-in of the table and its user chains only',
			before: '-A ',
			has: ['INPUT', 'FORWARD', 'OUTPUT', 'SSH', 'LOGDROP'],
			lacks: ['PREROUTING', 'PORTFW']
		},
		{
			name: 'nat chains',
			before: '-A ',
			table: 'nat',
			has: ['PREROUTING', 'POSTROUTING', 'PORTFW'],
			lacks: ['FORWARD', 'SSH']
		},
		{
			name: 'targets in filter INPUT: verdicts, REJECT, user chains but not itself, no NAT',
			before: '-A INPUT -j ',
			has: ['ACCEPT', 'DROP', 'RETURN', 'REJECT', 'LOG', 'SSH', 'LOGDROP'],
			lacks: ['INPUT', 'DNAT', 'MASQUERADE', 'NOTRACK', 'PORTFW']
		},
		{
			name: 'targets in nat POSTROUTING: MASQUERADE and SNAT, not DNAT or REDIRECT',
			before: '-A POSTROUTING -j ',
			table: 'nat',
			has: ['MASQUERADE', 'SNAT', 'PORTFW'],
			lacks: ['DNAT', 'REDIRECT', 'REJECT']
		},
		{
			name: 'targets in a user chain of nat: any nat target',
			before: '-A PORTFW -j ',
			table: 'nat',
			has: ['DNAT', 'MASQUERADE'],
			lacks: ['PORTFW']
		},
		{
			name: 'goto: user chains only',
			before: '-A INPUT -g ',
			has: ['SSH'],
			lacks: ['ACCEPT', 'LOG']
		},
		{
			name: 'modules allowed in the hook (owner is OUTPUT/POSTROUTING only)',
			before: '-A INPUT -m ',
			has: ['conntrack', 'tcp', 'recent', 'comment'],
			lacks: ['owner']
		},
		{
			name: 'options of the loaded modules and of -p, and the rule’s own',
			before: '-A INPUT -p tcp -m conntrack --',
			has: ['--dport', '--syn', '--ctstate', '-j'],
			lacks: ['--log-prefix', '--state']
		},
		{
			name: 'options of the target after -j',
			before: '-A INPUT -j LOG --',
			has: ['--log-prefix', '--log-level'],
			lacks: ['--dport']
		},
		{
			name: 'values of the option being typed, item by item in a list',
			before: '-A INPUT -m conntrack --ctstate NEW,',
			has: ['ESTABLISHED', 'RELATED', 'INVALID'],
			lacks: ['--ctstate', 'ACCEPT']
		},
		{
			name: 'values of the target’s option',
			before: '-A INPUT -p tcp -j REJECT --reject-with ',
			has: ['tcp-reset', 'icmp-port-unreachable'],
			lacks: ['echo-request']
		},
		{
			name: 'a value of the module that has the option (state, not conntrack)',
			before: '-A INPUT -m state --state ',
			has: ['NEW'],
			lacks: ['SNAT']
		},
		{
			name: 'ipsets of the host after --match-set',
			before: '-A INPUT -m set --match-set ',
			has: ['allowed'],
			lacks: []
		},
		{
			name: 'host interfaces and lo',
			before: '-A INPUT -i ',
			has: ['eth0', 'wan0', 'lo'],
			lacks: []
		},
		{
			name: 'host addresses and their networks',
			before: '-A INPUT -s ',
			has: ['192.168.1.10', '192.168.1.0/24', '203.0.113.7', '203.0.113.0/29'],
			lacks: ['192.168.1.10/24']
		}
	];

	it.each(cases)('$name', ({ before, table, has, lacks }) => {
		const got = labels(before, table);
		for (const l of has) expect(got).toContain(l);
		for (const l of lacks) expect(got).not.toContain(l);
	});

	it('describes every option it offers in one line', () => {
		const options = completionsFor(
			lineContext('-A INPUT -p tcp -m multiport --', () => 'filter'),
			data
		);
		const dports = options.find((o) => o.label === '--dports');
		expect(dports?.info).toBe(OPTION_DOCS.multiport.dports);
		expect(dports?.detail).toBe('-m multiport');
	});
});

describe('OPTION_DOCS', () => {
	it('has one line for every option of every registered extension', () => {
		const missing = allExtensions().flatMap((e) =>
			e.options.filter((o) => !OPTION_DOCS[e.name]?.[o.name]).map((o) => `${e.name} --${o.name}`)
		);
		expect(missing).toEqual([]);
	});

	it('describes no option the registry does not have (no stale lines)', () => {
		const known = new Set(
			allExtensions().flatMap((e) => e.options.map((o) => `${e.name} ${o.name}`))
		);
		const stale = Object.entries(OPTION_DOCS).flatMap(([ext, opts]) =>
			Object.keys(opts)
				.filter((o) => !known.has(`${ext} ${o}`))
				.map((o) => `${ext} --${o}`)
		);
		expect(stale).toEqual([]);
	});
});
