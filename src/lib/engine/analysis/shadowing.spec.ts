import { describe, expect, it } from 'vitest';
import { parseRuleset } from '../parse/index';
import type { TableName } from '../model';
import { analyseRuleset } from './index';

interface Case {
	name: string;
	/** `-A` lines of one table; user chains are declared from the names they append to. */
	rules: string[];
	table?: TableName;
	/** `[chain, rule, shadowed by]`, 1-based as iptables numbers rules. */
	flagged: [string, number, number][];
}

function shadowedIn(c: Case): [string, number, number][] {
	const table = c.table ?? 'filter';
	const chains = [...new Set(c.rules.map((r) => r.split(' ')[1]))];
	const text = [`*${table}`, ...chains.map((n) => `-N ${n}`), ...c.rules, 'COMMIT', ''].join('\n');
	const declared = text.replace(/^-N (PREROUTING|INPUT|FORWARD|OUTPUT|POSTROUTING)\n/gm, '');
	const { ruleset, diagnostics } = parseRuleset(declared);
	const errorLines = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.line));
	return analyseRuleset(ruleset, { errorLines }).tables[0].shadowed.map((s) => [
		s.chain,
		s.rule,
		s.by
	]);
}

const FLAGGED: Case[] = [
	{
		name: 'anything after an unconditional DROP',
		rules: ['-A INPUT -j DROP', '-A INPUT -p tcp -j ACCEPT', '-A INPUT -j LOG'],
		flagged: [
			['INPUT', 2, 1],
			['INPUT', 3, 1]
		]
	},
	{
		name: 'a port of a protocol after the whole protocol',
		rules: ['-A INPUT -p tcp -j ACCEPT', '-A INPUT -p tcp --dport 22 -j DROP'],
		flagged: [['INPUT', 2, 1]]
	},
	{
		name: 'a smaller network inside a wider one, with more matches on the later rule',
		rules: ['-A INPUT -s 10.0.0.0/8 -j DROP', '-A INPUT -s 10.1.2.0/24 -p udp -j ACCEPT'],
		flagged: [['INPUT', 2, 1]]
	},
	{
		name: 'an interface under a + wildcard',
		rules: ['-A FORWARD -i eth+ -j ACCEPT', '-A FORWARD -i eth0 -o wlan0 -j DROP'],
		flagged: [['FORWARD', 2, 1]]
	},
	{
		name: 'a multiport list inside a port range',
		rules: [
			'-A INPUT -p tcp --dport 1000:2000 -j ACCEPT',
			'-A INPUT -p tcp -m multiport --dports 1500,1600:1700 -j DROP'
		],
		flagged: [['INPUT', 2, 1]]
	},
	{
		name: 'a port range covered only by two list entries together',
		rules: [
			'-A INPUT -p tcp -m multiport --dports 22,23 -j ACCEPT',
			'-A INPUT -p tcp --dport 22:23 -j DROP'
		],
		flagged: [['INPUT', 2, 1]]
	},
	{
		name: 'multiport --ports (either end) after --sport in the list',
		rules: [
			'-A INPUT -p udp -m multiport --ports 53,123 -j ACCEPT',
			'-A INPUT -p udp --sport 53 -j DROP'
		],
		flagged: [['INPUT', 2, 1]]
	},
	{
		name: 'a state inside a --ctstate list, across the state and conntrack modules',
		rules: [
			'-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
			'-A INPUT -i lo -m state --state ESTABLISHED -j DROP'
		],
		flagged: [['INPUT', 2, 1]]
	},
	{
		name: 'an inverted state list apart from the later one',
		rules: [
			'-A INPUT -m conntrack ! --ctstate INVALID -j ACCEPT',
			'-A INPUT -m state --state NEW -j DROP'
		],
		flagged: [['INPUT', 2, 1]]
	},
	{
		name: 'a mark with a narrower mask',
		rules: ['-A INPUT -m mark --mark 0x1/0xff -j ACCEPT', '-A INPUT -m mark --mark 0x101 -j DROP'],
		flagged: [['INPUT', 2, 1]]
	},
	{
		name: 'the same inverted network',
		rules: ['-A INPUT ! -s 10.0.0.0/8 -j DROP', '-A INPUT ! -s 10.0.0.0/8 -p udp -j ACCEPT'],
		flagged: [['INPUT', 2, 1]]
	},
	{
		name: 'an inverted network apart from the later network',
		rules: ['-A INPUT ! -s 10.0.0.0/8 -j DROP', '-A INPUT -s 192.168.1.0/24 -j ACCEPT'],
		flagged: [['INPUT', 2, 1]]
	},
	{
		name: 'outside a small network after outside a wider one',
		rules: ['-A INPUT ! -s 10.1.0.0/16 -j DROP', '-A INPUT ! -s 10.0.0.0/8 -j ACCEPT'],
		flagged: [['INPUT', 2, 1]]
	},
	{
		name: 'an inverted interface apart from the later one',
		rules: ['-A INPUT ! -i eth0 -j ACCEPT', '-A INPUT -i eth1 -j DROP'],
		flagged: [['INPUT', 2, 1]]
	},
	{
		name: 'the same tcp flags (--syn is FIN,SYN,RST,ACK SYN) beside a port',
		rules: [
			'-A INPUT -p tcp --syn -j DROP',
			'-A INPUT -p tcp -m tcp --dport 22 --tcp-flags SYN,RST,ACK,FIN SYN -j ACCEPT'
		],
		flagged: [['INPUT', 2, 1]]
	},
	{
		name: 'a comment on the earlier rule changes nothing; LOG in between changes nothing',
		rules: [
			'-A INPUT -p tcp -m comment --comment "all tcp" -j ACCEPT',
			'-A INPUT -j LOG',
			'-A INPUT -p tcp --dport 22 -j DROP'
		],
		flagged: [['INPUT', 3, 1]]
	},
	{
		name: 'a MARK in between does not touch addresses',
		rules: [
			'-A INPUT -s 10.0.0.0/8 -j ACCEPT',
			'-A INPUT -j MARK --set-mark 1',
			'-A INPUT -s 10.1.0.0/16 -j DROP'
		],
		table: 'mangle',
		flagged: [['INPUT', 3, 1]]
	},
	{
		name: 'RETURN, REJECT and goto end a user chain',
		rules: [
			'-A CHECK -p udp -j RETURN',
			'-A CHECK -p udp --dport 53 -j DROP',
			'-A CHECK -p tcp -j REJECT',
			'-A CHECK -p tcp --dport 80 -j ACCEPT',
			'-A CHECK -g OTHER',
			'-A CHECK -j DROP',
			'-A OTHER -j ACCEPT'
		],
		flagged: [
			['CHECK', 2, 1],
			['CHECK', 4, 3],
			['CHECK', 6, 5]
		]
	},
	{
		name: 'DNAT and MASQUERADE end a nat chain',
		table: 'nat',
		rules: [
			'-A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 10.0.0.2',
			'-A PREROUTING -i eth0 -p tcp --dport 80 -j DNAT --to-destination 10.0.0.3',
			'-A POSTROUTING -o eth0 -j MASQUERADE',
			'-A POSTROUTING -o eth0 -s 10.0.0.0/8 -j SNAT --to-source 1.2.3.4'
		],
		flagged: [
			['PREROUTING', 2, 1],
			['POSTROUTING', 2, 1]
		]
	},
	{
		name: 'a jump to a chain that only logs and returns does not hide the earlier rule',
		rules: [
			'-A INPUT -m mark --mark 1 -j ACCEPT',
			'-A INPUT -j AUDITED',
			'-A INPUT -m mark --mark 1 -j DROP',
			'-A AUDITED -j LOG',
			'-A AUDITED -j RETURN'
		],
		table: 'mangle',
		flagged: [['INPUT', 3, 1]]
	},
	{
		name: "the later rule's own MARK does not change what it matches",
		rules: [
			'-A INPUT -m mark --mark 1 -j ACCEPT',
			'-A INPUT -m mark --mark 1 -j MARK --set-mark 2'
		],
		table: 'mangle',
		flagged: [['INPUT', 2, 1]]
	},
	{
		name: 'the earliest of two shadowing rules is named',
		rules: ['-A INPUT -p tcp -j ACCEPT', '-A INPUT -j DROP', '-A INPUT -p tcp --dport 1 -j DROP'],
		flagged: [['INPUT', 3, 1]]
	},
	{
		name: 'the same conntrack list with DNAT',
		rules: [
			'-A FORWARD -m conntrack --ctstate NEW,DNAT -j ACCEPT',
			'-A FORWARD -m conntrack --ctstate NEW,DNAT -j DROP'
		],
		flagged: [['FORWARD', 2, 1]]
	}
];

const NOT_FLAGGED: Case[] = [
	{
		name: 'a later rule wider than the earlier',
		rules: ['-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp -j DROP'],
		flagged: []
	},
	{
		name: 'LOG and MARK do not end the chain',
		rules: ['-A INPUT -j LOG', '-A INPUT -j DROP'],
		flagged: []
	},
	{
		name: 'a jump to a user chain may RETURN',
		rules: ['-A INPUT -j CHECK', '-A INPUT -j DROP', '-A CHECK -s 10.0.0.0/8 -j RETURN'],
		flagged: []
	},
	{
		name: 'a module nfwalk does not know on the earlier rule',
		rules: ['-A INPUT -m frobnicate --level 3 -j DROP', '-A INPUT -j ACCEPT'],
		flagged: []
	},
	{
		name: 'limit counts per rule: the same limit twice is two buckets',
		rules: ['-A INPUT -m limit --limit 1/s -j ACCEPT', '-A INPUT -m limit --limit 1/s -j DROP'],
		flagged: []
	},
	{
		name: 'an inverted network that overlaps the later network',
		rules: ['-A INPUT ! -s 10.0.0.0/8 -j DROP', '-A INPUT -s 10.1.0.0/16 -j ACCEPT'],
		flagged: []
	},
	{
		name: 'a network does not cover the outside of a smaller one',
		rules: ['-A INPUT -s 10.0.0.0/8 -j DROP', '-A INPUT ! -s 10.1.0.0/16 -j ACCEPT'],
		flagged: []
	},
	{
		name: 'a MARK in between can make the later rule match',
		rules: [
			'-A INPUT -m mark --mark 1 -j ACCEPT',
			'-A INPUT -j MARK --set-mark 1',
			'-A INPUT -m mark --mark 1 -j DROP'
		],
		table: 'mangle',
		flagged: []
	},
	{
		name: 'a MARK with an error in between still changes the mark',
		rules: [
			'-A INPUT -m mark --mark 1 -j ACCEPT',
			'-A INPUT -j MARK --set-mark 1 --no-such-option',
			'-A INPUT -m mark --mark 1 -j DROP'
		],
		table: 'mangle',
		flagged: []
	},
	{
		name: 'a user chain in between that sets the mark and returns',
		rules: [
			'-A INPUT -m mark --mark 1 -j ACCEPT',
			'-A INPUT -j SETMARK',
			'-A INPUT -m mark --mark 1 -j DROP',
			'-A SETMARK -j MARK --set-mark 1'
		],
		table: 'mangle',
		flagged: []
	},
	{
		name: '-m tcp skips later fragments, a bare -p tcp does not',
		rules: ['-A INPUT -p tcp -m tcp -j DROP', '-A INPUT -p tcp -j ACCEPT'],
		flagged: []
	},
	{
		name: 'the same port of another protocol',
		rules: ['-A INPUT -p tcp --dport 22 -j DROP', '-A INPUT -p udp --dport 22 -j ACCEPT'],
		flagged: []
	},
	{
		name: 'not in a port list says nothing of a port list apart (the other end may be in it)',
		rules: [
			'-A INPUT -p tcp -m multiport ! --ports 22 -j DROP',
			'-A INPUT -p tcp -m multiport --ports 80 -j ACCEPT'
		],
		flagged: []
	},
	{
		name: 'an earlier rule with an error (its port dropped) shadows nothing',
		rules: ['-A INPUT -p tcp --dport nosuchport -j DROP', '-A INPUT -p tcp --dport 22 -j ACCEPT'],
		flagged: []
	},
	{
		name: 'DNAT as a state is not one of the exclusive states',
		rules: [
			'-A FORWARD -m conntrack ! --ctstate DNAT -j ACCEPT',
			'-A FORWARD -m conntrack --ctstate NEW -j DROP'
		],
		flagged: []
	},
	{
		name: 'an exact interface does not cover a wildcard',
		rules: ['-A INPUT -i eth0 -j ACCEPT', '-A INPUT -i eth+ -j DROP'],
		flagged: []
	},
	{
		name: 'an empty mark set (value outside its mask) is not reported',
		rules: ['-A INPUT -m mark --mark 0x0/0x0 -j ACCEPT', '-A INPUT -m mark --mark 0x2/0x1 -j DROP'],
		flagged: []
	}
];

describe('rules that can never match', () => {
	it.each(FLAGGED)('flags $name', (c) => {
		expect(shadowedIn(c)).toEqual(c.flagged);
	});
	it.each(NOT_FLAGGED)('does not flag $name', (c) => {
		expect(shadowedIn(c)).toEqual([]);
	});

	it('says which rule takes the packets, in words', () => {
		const { ruleset } = parseRuleset(
			'*filter\n-A INPUT -s 10.0.0.0/8 -j ACCEPT\n-A INPUT -p tcp -j ACCEPT\n-A INPUT -p tcp --dport 22 -j DROP\n-A INPUT -j DROP\n-A INPUT -j LOG\nCOMMIT\n'
		);
		const messages = analyseRuleset(ruleset).tables[0].shadowed.map((s) => s.message);
		expect(messages).toEqual([
			'never matches: rule 2 (-p tcp -j ACCEPT) already takes every packet this rule would',
			'never reached: rule 4 (-j DROP) ends the chain for every packet'
		]);
	});
});
