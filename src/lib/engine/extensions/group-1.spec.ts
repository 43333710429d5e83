import { describe, it, expect } from 'vitest';
import { parseRuleset, printRuleSpec } from '../index';

/** One rule in one built-in chain, as an iptables-restore file. */
function parseOne(table: string, chain: string, rule: string) {
	const { ruleset, diagnostics } = parseRuleset(
		`*${table}\n:${chain} ACCEPT [0:0]\n-A ${chain} ${rule}\nCOMMIT\n`,
		'restore'
	);
	const errors = diagnostics.filter((d) => d.severity === 'error');
	const parsed = ruleset.tables[0]?.chains.find((c) => c.name === chain)?.rules[0];
	return { errors, parsed };
}

// [table, chain, rule as written, what iptables -S lists]
const ACCEPTED: [string, string, string, string][] = [
	[
		'nat',
		'PREROUTING',
		'-p udp -j DNAT --to-destination 10.0.0.5:5353-5360 --random',
		'-p udp -j DNAT --to-destination 10.0.0.5:5353-5360 --random'
	],
	[
		'nat',
		'OUTPUT',
		'-p tcp -j DNAT --persistent --to-destination 10.0.0.5-10.0.0.9:8000-8010/9000',
		'-p tcp -j DNAT --to-destination 10.0.0.5-10.0.0.9:8000-8010/9000 --persistent'
	],
	[
		'nat',
		'PREROUTING',
		'-p tcp -j DNAT --to-destination :8080',
		'-p tcp -j DNAT --to-destination :8080'
	],
	[
		'nat',
		'PREROUTING',
		'-p sctp -j DNAT --to-dest 10.0.0.5:https',
		'-p sctp -j DNAT --to-destination 10.0.0.5:443'
	],
	[
		'nat',
		'INPUT',
		'-j SNAT --persistent --random-fully --to-source 198.51.100.1-198.51.100.4',
		'-j SNAT --to-source 198.51.100.1-198.51.100.4 --random-fully --persistent'
	],
	[
		'nat',
		'POSTROUTING',
		'-p udp -j MASQUERADE --to-ports 0x400-2000',
		'-p udp -j MASQUERADE --to-ports 1024-2000'
	],
	[
		'nat',
		'OUTPUT',
		'-p tcp -j REDIRECT --random --to-ports 3128',
		'-p tcp -j REDIRECT --to-ports 3128 --random'
	],
	['nat', 'POSTROUTING', '-j NETMAP --to 10.9.8.7/16', '-j NETMAP --to 10.9.0.0/16'],
	[
		'raw',
		'PREROUTING',
		'-p udp -j CT --zone-reply 7 --ctevents mark,new --helper tftp',
		'-p udp -j CT --helper tftp --ctevents new,mark --zone-reply 7'
	],
	['raw', 'OUTPUT', '-j CT --zone-orig 3 --zone-reply 3', '-j CT --zone 3'],
	['raw', 'OUTPUT', '-j CT --zone 0', '-j CT'],
	['raw', 'OUTPUT', '-j CT --notrack --zone MARK', '-j CT --notrack --zone mark'],
	['raw', 'OUTPUT', '-o lo -j NOTRACK', '-o lo -j NOTRACK'],
	['raw', 'PREROUTING', '-p icmp -j TRACE', '-p icmp -j TRACE'],
	[
		'filter',
		'FORWARD',
		'-p tcp -j SYNPROXY --mss 1400 --ecn --wscale 7',
		'-p tcp -j SYNPROXY --wscale 7 --mss 1400 --ecn'
	],
	[
		'mangle',
		'PREROUTING',
		'-p tcp -j TPROXY --on-port 3129',
		'-p tcp -j TPROXY --on-port 3129 --on-ip 0.0.0.0 --tproxy-mark 0x0/0x0'
	],
	[
		'mangle',
		'PREROUTING',
		'-p udp -j TPROXY --tproxy-mark 1 --on-port domain --on-ip 127.0.0.1',
		'-p udp -j TPROXY --on-port 53 --on-ip 127.0.0.1 --tproxy-mark 0x1/0xffffffff'
	],
	['mangle', 'FORWARD', '-j CONNMARK --set-mark 0x10/0xf0', '-j CONNMARK --set-xmark 0x10/0xf0'],
	['filter', 'INPUT', '-j CONNMARK --and-mark 0xff', '-j CONNMARK --set-xmark 0x0/0xffffff00'],
	[
		'mangle',
		'OUTPUT',
		'-j CONNMARK --restore-mark --mask 0xff00 --right-shift-mark 8',
		'-j CONNMARK --restore-mark --nfmask 0xff00 --ctmask 0xff00 --right-shift-mark 8'
	],
	[
		'filter',
		'INPUT',
		'-m conntrack ! --ctstate established,n --ctdir reply --ctorigdst 10.1.2.3/8 --ctproto udp',
		'-m conntrack ! --ctstate NEW,ESTABLISHED --ctproto 17 --ctorigdst 10.1.2.3/8 --ctdir REPLY'
	],
	[
		'filter',
		'INPUT',
		'-m conntrack --ctstatus none --ctexpire 10: --ctrepldstport domain',
		'-m conntrack --ctrepldstport 53 --ctstatus NONE --ctexpire 10:4294967295'
	],
	['filter', 'OUTPUT', '-m state --state rel,est', '-m state --state RELATED,ESTABLISHED'],
	['mangle', 'INPUT', '-m connmark ! --mark 7/0xf', '-m connmark ! --mark 0x7/0xf'],
	[
		'filter',
		'FORWARD',
		'-m connbytes ! --connbytes 500: --connbytes-dir reply --connbytes-mode bytes',
		'-m connbytes ! --connbytes 500 --connbytes-mode bytes --connbytes-dir reply'
	],
	[
		'filter',
		'FORWARD',
		'-p tcp -m connlimit ! --connlimit-above 4 --connlimit-mask 24 --connlimit-daddr',
		'-p tcp -m connlimit --connlimit-upto 4 --connlimit-mask 24 --connlimit-daddr'
	],
	['filter', 'INPUT', '-m connlabel --label 0x10 --set', '-m connlabel --label "16" --set'],
	['filter', 'INPUT', '-m helper ! --helper sip', '-m helper ! --helper sip'],
	[
		'mangle',
		'PREROUTING',
		'-m cluster --cluster-total-nodes 4 --cluster-local-nodemask 5 --cluster-hash-seed 255',
		'-m cluster --cluster-local-nodemask 0x00000005 --cluster-total-nodes 4 --cluster-hash-seed 0x000000ff'
	],
	[
		'mangle',
		'PREROUTING',
		'-m cluster --cluster-hash-seed 1 ! --cluster-local-node 3 --cluster-total-nodes 3',
		'-m cluster ! --cluster-local-nodemask 0x00000004 --cluster-total-nodes 3 --cluster-hash-seed 0x00000001'
	],
	[
		'mangle',
		'PREROUTING',
		'-p tcp -m socket --restore-skmark --transparent',
		'-p tcp -m socket --transparent --restore-skmark'
	]
];

// [table, chain, rule, the diagnostic code expected among the errors]
const REJECTED: [string, string, string, string][] = [
	['nat', 'POSTROUTING', '-p tcp -j DNAT --to-destination 10.0.0.1', 'wrong-hook'],
	['filter', 'FORWARD', '-p tcp -j DNAT --to-destination 10.0.0.1', 'wrong-table'],
	['nat', 'PREROUTING', '-j DNAT --to-destination 10.0.0.1:80', 'bad-value'],
	['nat', 'PREROUTING', '-p tcp -j DNAT --to-destination 10.0.0.1:80:90', 'bad-value'],
	['nat', 'PREROUTING', '-p tcp -j DNAT --to-destination 10.0.0.1:1000-2000/0', 'bad-value'],
	['nat', 'POSTROUTING', '-j SNAT --random', 'invalid-extension-use'],
	['nat', 'OUTPUT', '-j SNAT --to-source 192.0.2.1', 'wrong-hook'],
	['nat', 'PREROUTING', '-j MASQUERADE', 'wrong-hook'],
	['nat', 'PREROUTING', '-p tcp -j REDIRECT --to-ports 80-70', 'bad-value'],
	['nat', 'PREROUTING', '-p tcp -j REDIRECT --to-ports 80-90/100', 'bad-value'],
	['nat', 'PREROUTING', '-p tcp -j REDIRECT --to-ports 80:90', 'bad-value'],
	['nat', 'PREROUTING', '-j NETMAP', 'invalid-extension-use'],
	[
		'filter',
		'INPUT',
		'-j CLUSTERIP --new --hashmode sourceip --total-nodes 2 --local-node 1',
		'invalid-extension-use'
	],
	['mangle', 'PREROUTING', '-j CT --notrack', 'wrong-table'],
	['raw', 'PREROUTING', '-j CT --helper ftp', 'invalid-extension-use'],
	['raw', 'PREROUTING', '-j CT --ctevents new,bogus', 'bad-value'],
	['raw', 'PREROUTING', '-j CT --zone 70000', 'bad-value'],
	['filter', 'INPUT', '-j NOTRACK', 'wrong-table'],
	['mangle', 'PREROUTING', '-j TRACE', 'wrong-table'],
	['filter', 'INPUT', '-j SYNPROXY --mss 1460', 'protocol-required'],
	['filter', 'INPUT', '-p tcp -j SYNPROXY --wscale 15', 'bad-value'],
	['filter', 'OUTPUT', '-p tcp -j SYNPROXY', 'wrong-hook'],
	['nat', 'PREROUTING', '-p tcp -j TPROXY --on-port 1', 'wrong-table'],
	['mangle', 'PREROUTING', '-p tcp -j TPROXY --on-ip 127.0.0.1', 'invalid-extension-use'],
	['mangle', 'PREROUTING', '-j CONNMARK --save-mark --set-mark 1', 'invalid-extension-use'],
	['mangle', 'PREROUTING', '-j CONNMARK --save-mark --mask 1 --ctmask 2', 'invalid-extension-use'],
	['mangle', 'PREROUTING', '-j CONNMARK --nfmask 1', 'invalid-extension-use'],
	['filter', 'INPUT', '-m conntrack', 'invalid-extension-use'],
	['filter', 'INPUT', '-m conntrack --ctstate NEW,', 'bad-value'],
	['filter', 'INPUT', '-m conntrack --ctdir sideways', 'bad-value'],
	['filter', 'INPUT', '-m conntrack ! --ctdir REPLY', 'cannot-invert'],
	['filter', 'INPUT', '-m conntrack --ctorigsrc 10.0.0.0/255.0.0.0', 'bad-value'],
	['filter', 'INPUT', '-m state --state SNAT', 'bad-value'],
	['filter', 'INPUT', '-m state', 'invalid-extension-use'],
	['filter', 'INPUT', '-m connmark --mark 1/2/3', 'bad-value'],
	[
		'filter',
		'INPUT',
		'-m connbytes --connbytes 10:5 --connbytes-dir both --connbytes-mode bytes',
		'bad-value'
	],
	['filter', 'INPUT', '-m connbytes --connbytes 10 --connbytes-dir both', 'invalid-extension-use'],
	[
		'filter',
		'INPUT',
		'-m connlimit --connlimit-above 1 --connlimit-saddr --connlimit-daddr',
		'invalid-extension-use'
	],
	['filter', 'INPUT', '-m connlimit --connlimit-upto 1 --connlimit-mask 33', 'bad-value'],
	['filter', 'INPUT', '-m connlabel --label web', 'bad-value'],
	['filter', 'INPUT', '-m connlabel --label 128', 'invalid-extension-use'],
	['filter', 'INPUT', '-m helper', 'invalid-extension-use'],
	['filter', 'INPUT', '-m helper --helper abcdefghijklmnopqrstuvwxyz0123', 'bad-value'],
	[
		'mangle',
		'PREROUTING',
		'-m cluster --cluster-total-nodes 2 --cluster-local-node 3 --cluster-hash-seed 1',
		'invalid-extension-use'
	],
	[
		'mangle',
		'PREROUTING',
		'-m cluster --cluster-total-nodes 33 --cluster-local-node 1 --cluster-hash-seed 1',
		'bad-value'
	],
	['mangle', 'OUTPUT', '-m socket', 'wrong-hook']
];

describe('group 1 extensions (NAT and conntrack)', () => {
	it.each(ACCEPTED)('%s %s: %s', (table, chain, rule, listed) => {
		const { errors, parsed } = parseOne(table, chain, rule);
		expect(errors.map((e) => e.message)).toEqual([]);
		expect(printRuleSpec(parsed!)).toBe(listed);
	});

	it.each(REJECTED)('%s %s rejects %s', (table, chain, rule, code) => {
		const { errors } = parseOne(table, chain, rule);
		expect(errors.map((e) => e.code)).toContain(code);
	});

	it('judges a NAT target in a user chain by the hooks that reach it', () => {
		const text =
			'*nat\n:PREROUTING ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:FWD - [0:0]\n-A PREROUTING -j FWD\n-A POSTROUTING -j FWD\n-A FWD -p tcp -j DNAT --to-destination 10.0.0.2\nCOMMIT\n';
		const errors = parseRuleset(text, 'restore').diagnostics.filter((d) => d.severity === 'error');
		expect(errors.map((e) => e.code)).toEqual(['wrong-hook']);
	});
});
