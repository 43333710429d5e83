import { describe, expect, it } from 'vitest';
import { parseRuleset } from '../../index';
import { conntrackActive } from './active';

const cases: { name: string; rules: string; active: boolean }[] = [
	{ name: 'no rules at all', rules: '*filter\nCOMMIT\n', active: false },
	{
		name: 'an empty nat table (§8 item 3)',
		rules: '*nat\n:PREROUTING ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\nCOMMIT\n',
		active: false
	},
	{
		name: 'nat chains with comment rules only',
		rules: '*nat\n-A PREROUTING -m comment --comment x\nCOMMIT\n',
		active: false
	},
	{
		name: 'plain filter rules',
		rules: '*filter\n-A FORWARD -p tcp --dport 22 -j ACCEPT\nCOMMIT\n',
		active: false
	},
	{
		name: '-m conntrack',
		rules: '*filter\n-A FORWARD -m conntrack --ctstate INVALID -j DROP\nCOMMIT\n',
		active: true
	},
	{
		name: '-m state',
		rules: '*filter\n-A INPUT -m state --state ESTABLISHED -j ACCEPT\nCOMMIT\n',
		active: true
	},
	{
		name: '-m connmark',
		rules: '*mangle\n-A PREROUTING -m connmark --mark 1 -j ACCEPT\nCOMMIT\n',
		active: true
	},
	{
		name: '-m helper',
		rules: '*filter\n-A FORWARD -m helper --helper ftp -j ACCEPT\nCOMMIT\n',
		active: true
	},
	{
		name: '-m connlimit',
		rules: '*filter\n-A INPUT -p tcp -m connlimit --connlimit-above 2 -j DROP\nCOMMIT\n',
		active: true
	},
	{
		name: 'MASQUERADE alone',
		rules: '*nat\n-A POSTROUTING -o eth1 -j MASQUERADE\nCOMMIT\n',
		active: true
	},
	{
		name: 'DNAT',
		rules: '*nat\n-A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 10.0.2.2\nCOMMIT\n',
		active: true
	},
	// xt_CT skips nf_ct_netns_get for --notrack, and NOTRACK has no checkentry at all.
	{
		name: 'CT --notrack alone',
		rules: '*raw\n-A PREROUTING -p udp --dport 53 -j CT --notrack\nCOMMIT\n',
		active: false
	},
	{
		name: 'NOTRACK alone',
		rules: '*raw\n-A PREROUTING -p udp --sport 53 -j NOTRACK\nCOMMIT\n',
		active: false
	},
	{
		name: 'CT --helper',
		rules: '*raw\n-A PREROUTING -p tcp --dport 21 -j CT --helper ftp\nCOMMIT\n',
		active: true
	},
	{
		name: 'NOTRACK next to a MASQUERADE (§3.4)',
		rules: '*raw\n-A PREROUTING -j NOTRACK\nCOMMIT\n*nat\n-A POSTROUTING -j MASQUERADE\nCOMMIT\n',
		active: true
	},
	{
		name: 'CONNMARK',
		rules: '*mangle\n-A PREROUTING -j CONNMARK --restore-mark\nCOMMIT\n',
		active: true
	},
	{
		name: 'a rule in a user chain counts too',
		rules: '*filter\n:X - [0:0]\n-A X -m conntrack --ctstate NEW\nCOMMIT\n',
		active: true
	}
];

describe('§1.4 conntrack is off until some rule needs it', () => {
	it.each(cases)('$name → $active', ({ rules, active }) => {
		const { ruleset, diagnostics } = parseRuleset(rules);
		expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
		expect(conntrackActive(ruleset)).toBe(active);
	});
});
