import { describe, expect, it } from 'vitest';
import { parseRuleset, printRuleSpec } from '../index';
import { hookCases, hookErrors } from './spec-support';

/** One rule in a restore file, in the given table and built-in chain. */
function parse(rule: string, table = 'filter', chain = 'INPUT') {
	const { ruleset, diagnostics } = parseRuleset(
		`*${table}\n:${chain} ACCEPT [0:0]\n-A ${chain} ${rule}\nCOMMIT\n`,
		'restore'
	);
	const parsed = ruleset.tables[0]?.chains.find((c) => c.name === chain)?.rules[0];
	return { parsed, errors: diagnostics.filter((d) => d.severity === 'error') };
}

describe('work package 3 matches: accepted rules print as iptables -S does', () => {
	it.each([
		// [rule, canonical, table, chain]
		['-p icmp --icmp-type echo-request -j ACCEPT', '-p icmp -m icmp --icmp-type 8 -j ACCEPT'],
		['-p icmp -m icmp ! --icmp-type port-unr', '-p icmp -m icmp ! --icmp-type 3/3'],
		['-p icmp -m icmp --icmp-type 3/1:4', '-p icmp -m icmp --icmp-type 3/1:4'],
		['-p icmp -m icmp --icmp-type 255/7', '-p icmp -m icmp --icmp-type any'],
		[
			'-p tcp -m multiport --destination-ports ssh,8000:8080',
			'-p tcp -m multiport --dports 22,8000:8080'
		],
		['-p udp -m multiport ! --ports 53', '-p udp -m multiport ! --ports 53'],
		[
			'-m iprange --dst-range 10.1.0.7 ! --src-range 10.0.0.1-10.0.0.9',
			'-m iprange ! --src-range 10.0.0.1-10.0.0.9 --dst-range 10.1.0.7-10.1.0.7'
		],
		[
			'-m addrtype --dst-type local,broadcast --limit-iface-in',
			'-m addrtype --dst-type LOCAL,BROADCAST --limit-iface-in'
		],
		['-m length ! --length 1400:', '-m length ! --length 1400:65535'],
		['-m pkttype --pkt-type bcast', '-m pkttype --pkt-type broadcast'],
		['-m mac --mac 0a:1b:2c:3d:4e:5f', '-m mac --mac-source 0A:1B:2C:3D:4E:5F'],
		['-p ah -m ah --ahspi 7:', '-p ah -m ah --ahspi 7:4294967295'],
		['-p esp -m esp ! --espspi :', '-p esp -m esp'],
		[
			'-p ipcomp -m ipcomp --ipcompspi 0x10 --compres',
			'-p ipcomp -m ipcomp --ipcompspi 16 --compres'
		],
		[
			'-p dccp -m dccp --dport : --dccp-types ack,request',
			'-p dccp -m dccp --dport 0:65535 --dccp-types REQUEST,ACK'
		],
		[
			'-p sctp -m sctp --chunk-types any abort:T,DATA:Be,INIT',
			'-p sctp -m sctp --chunk-types any DATA:Be,INIT,ABORT:T'
		],
		[
			'-m u32 --u32 "6 & 0xFF = 17 && 4&0x3fff=0:0x10,64"',
			'-m u32 --u32 "0x6&0xff=0x11&&0x4&0x3fff=0x0:0x10,0x40"'
		],
		[
			'-m string --hex-string "GET |0d0a|" --algo kmp --to 100',
			'-m string --hex-string "|474554200d0a|" --algo kmp --to 100'
		],
		[
			'-m string --hex-string "|41 42|" --algo bm --from 2 --icase',
			'-m string --string "AB" --algo bm --from 2 --icase'
		],
		['-m bpf --bytecode "1,6  0 0 65535"', '-m bpf --bytecode "1,6 0 0 65535"'],
		['-m realm ! --realm 5/0xff', '-m realm ! --realm 0x5/0xff'],
		['-m cpu --cpu 0x3', '-m cpu --cpu 3'],
		[
			'-m cgroup ! --path "/system.slice/ssh d.service"',
			'-m cgroup ! --path "/system.slice/ssh d.service"',
			'filter',
			'OUTPUT'
		],
		['-p tcp -m osf ! --genre Windows --log 1', '-p tcp -m osf ! --genre Windows --log 1'],
		[
			'-m physdev --physdev-is-bridged ! --physdev-in tap+ --physdev-is-in',
			'-m physdev --physdev-is-in ! --physdev-in tap+ --physdev-is-bridged',
			'filter',
			'FORWARD'
		],
		[
			'-m policy --pol ipsec --dir out --strict --mode tunnel --tunnel-src 192.0.2.9/24 --spi 255 --next ! --proto 50',
			'-m policy --dir out --pol ipsec --strict --spi 0xff --mode tunnel --tunnel-src 192.0.2.0/24 --next ! --proto esp',
			'filter',
			'OUTPUT'
		],
		[
			'-m owner ! --uid-owner nobody --socket-exists --gid-owner 100:199 --suppl-groups',
			'-m owner --socket-exists ! --uid-owner 65534 --gid-owner 100-199 --suppl-groups',
			'filter',
			'OUTPUT'
		],
		['-m rpfilter --invert --loose', '-m rpfilter --loose --invert', 'raw', 'PREROUTING']
	])('%s', (rule, canonical, table = 'filter', chain = 'INPUT') => {
		const { parsed, errors } = parse(rule, table, chain);
		expect(errors.map((e) => e.message)).toEqual([]);
		expect(printRuleSpec(parsed!)).toBe(canonical);
	});
});

describe('work package 3 matches: rules iptables or the kernel refuse', () => {
	it.each([
		// [rule, expected code, table, chain]
		['-p icmp -m icmp', 'missing-option'],
		['-p icmp -m icmp --icmp-type time', 'bad-value'],
		['-m icmp --icmp-type 8', 'protocol-required'],
		['-p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15:16', 'bad-value'],
		['-p tcp -m multiport --dports 20:10', 'bad-value'],
		['-p tcp -m multiport --sports 1 --dports 2', 'conflicting-options'],
		['-m iprange --src-range 10.0.0.1-10.0.0', 'bad-value'],
		['-m addrtype --src-type LOCAL --limit-iface-out', 'wrong-hook'],
		['-m addrtype --dst-type HOME', 'bad-value'],
		['-m length --length 70000', 'bad-value'],
		['-m pkttype --pkt-type anycast', 'bad-value'],
		['-m mac --mac-source 0:1:2:3:4:5', 'bad-value'],
		['-m mac --mac-source 00:01:02:03:04:05', 'wrong-hook', 'filter', 'OUTPUT'],
		['-m ah --ahspi 1', 'protocol-required'],
		['-p esp -m esp --espspi 1:4294967296', 'bad-value'],
		['-p ipcomp -m ipcomp ! --compres', 'cannot-invert'],
		['-p dccp -m dccp --dccp-option 0', 'bad-value'],
		['-p sctp -m sctp --chunk-types some INIT', 'bad-value'],
		['-p sctp -m sctp --chunk-types any INIT:T', 'bad-value'],
		['-m u32 --u32 "0x0=0x0&&"', 'bad-value'],
		['-m string --string abc', 'missing-option'],
		['-m string --string abc --algo rabin', 'bad-value'],
		['-m string --string abc --hex-string "|61|" --algo bm', 'conflicting-options'],
		['-m bpf --bytecode "2,6 0 0 0"', 'bad-value'],
		['-m realm --realm lan', 'bad-value'],
		['-m cpu', 'missing-option'],
		['-m cgroup --cgroup 1 --path /', 'conflicting-options', 'filter', 'OUTPUT'],
		['-m cgroup --cgroup 1', 'wrong-hook', 'filter', 'FORWARD'],
		['-p tcp -m osf --genre Linux --ttl 3', 'bad-value'],
		['-m physdev --physdev-out eth0', 'wrong-hook', 'filter', 'OUTPUT'],
		['-m physdev', 'missing-option'],
		['-m policy --pol ipsec', 'missing-option'],
		['-m policy --dir in --pol ipsec --reqid 1 --next --reqid 2', 'missing-option'],
		['-m policy --dir in --pol ipsec --tunnel-dst 10.0.0.1', 'missing-option'],
		['-m policy --dir out --pol none', 'wrong-hook'],
		['-m owner --uid-owner someone', 'bad-value', 'filter', 'OUTPUT'],
		['-m owner --suppl-groups --gid-owner 5', 'missing-option', 'filter', 'OUTPUT'],
		['-m owner --uid-owner 0', 'wrong-hook'],
		['-m rpfilter', 'wrong-table', 'filter', 'INPUT']
	])('%s', (rule, code, table = 'filter', chain = 'INPUT') => {
		const { errors } = parse(rule, table, chain);
		expect(errors.map((e) => e.code)).toContain(code);
	});
});

describe('an IPv6-only module in an IPv4 rule set', () => {
	it('is kept with a warning, not an exception', () => {
		const { ruleset, diagnostics } = parseRuleset(
			'*filter\n-A INPUT -p icmpv6 -m icmp6 --icmpv6-type 133 -j ACCEPT\nCOMMIT\n',
			'restore'
		);
		expect(ruleset.tables[0].chains[0].rules).toHaveLength(1);
		expect(diagnostics.map((d) => d.code)).toContain('unknown-match');
	});
});

describe('option-dependent hook limits are judged through the user chains that reach the rule', () => {
	it.each(
		hookCases([
			// [table, rule, built-in chains it is valid in, a built-in chain the kernel refuses it in]
			['filter', '-m addrtype --dst-type LOCAL --limit-iface-in', ['INPUT', 'FORWARD'], 'OUTPUT'],
			['nat', '-m addrtype --dst-type LOCAL --limit-iface-in', ['PREROUTING'], 'POSTROUTING'],
			['filter', '-m addrtype --src-type LOCAL --limit-iface-out', ['OUTPUT', 'FORWARD'], 'INPUT'],
			['nat', '-m addrtype --src-type LOCAL --limit-iface-out', ['POSTROUTING'], 'PREROUTING'],
			['filter', '-m physdev --physdev-out eth0', ['FORWARD', 'INPUT'], 'OUTPUT'],
			['mangle', '-m physdev --physdev-is-out', ['POSTROUTING', 'PREROUTING'], 'OUTPUT'],
			['filter', '-m physdev --physdev-out eth0 ! --physdev-is-bridged', ['FORWARD'], 'OUTPUT'],
			['filter', '-m policy --dir in --pol ipsec', ['INPUT', 'FORWARD'], 'OUTPUT'],
			['nat', '-m policy --dir in --pol ipsec', ['PREROUTING'], 'POSTROUTING'],
			['filter', '-m policy --dir out --pol none', ['OUTPUT', 'FORWARD'], 'INPUT'],
			['nat', '-m policy --dir out --pol none', ['POSTROUTING', 'OUTPUT'], 'PREROUTING']
		])
	)('%s %s: %s', (table, _rule, _where, lines, codes) => {
		expect(hookErrors(table, lines)).toEqual(codes);
	});

	// Without the limiting option the rule is valid wherever the extension is.
	it.each([
		// [table, rule, the built-in chain that reaches U]
		['filter', '-m addrtype --dst-type LOCAL', 'OUTPUT'],
		['filter', '-m physdev --physdev-out eth0 --physdev-is-bridged', 'OUTPUT'],
		['filter', '-m physdev --physdev-in eth0', 'OUTPUT']
	] as const)('%s %s: accepted in U from %s', (table, rule, from) => {
		expect(hookErrors(table, [`-A ${from} -j U`, `-A U ${rule}`])).toEqual([]);
	});
});
