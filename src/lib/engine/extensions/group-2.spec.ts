/**
 * Logging, verdict-like and packet-mangling extensions (work package 2): what each accepts and
 * how iptables-save lists it, and what each refuses with which diagnostic code.
 */
import { describe, expect, it } from 'vitest';
import { parseRuleset, printRuleSpec } from '../index';
import { hookCases, hookErrors } from './spec-support';

/** One rule in a restore file with the given table and chain; extra lines go before it. */
function restore(table: string, chain: string, rule: string, extra: string[] = []): string {
	const builtin = /^[A-Z]+$/.test(chain) && !extra.length;
	const head = builtin ? [`:${chain} ACCEPT [0:0]`] : [];
	return [`*${table}`, ...head, ...extra, `-A ${chain} ${rule}`, 'COMMIT', ''].join('\n');
}

function parse(text: string) {
	const { ruleset, diagnostics } = parseRuleset(text);
	const errors = diagnostics.filter((d) => d.severity === 'error');
	const rules = ruleset.tables[0]?.chains.flatMap((c) => c.rules) ?? [];
	return { errors, rule: rules[rules.length - 1] };
}

/** The model without source positions, to compare two parses. */
function shape(value: unknown): unknown {
	return JSON.parse(JSON.stringify(value, (k, v) => (k === 'span' ? undefined : v)));
}

describe('accepted rules list as iptables-legacy 1.8.9 lists them', () => {
	it.each([
		[
			'filter',
			'INPUT',
			'-j LOG --log-level debug --log-uid --log-prefix "in: "',
			'-j LOG --log-prefix "in: " --log-level 7 --log-uid'
		],
		['filter', 'INPUT', '-j LOG --log-level warning --log-macdecode', '-j LOG --log-macdecode'],
		[
			'filter',
			'INPUT',
			`-j LOG --log-prefix ${'p'.repeat(40)}`,
			`-j LOG --log-prefix ${'p'.repeat(29)}`
		],
		[
			'raw',
			'PREROUTING',
			'-j LOG --log-tcp-options --log-level=2',
			'-j LOG --log-level 2 --log-tcp-options'
		],
		[
			'filter',
			'OUTPUT',
			'-j NFLOG --nflog-threshold 5 --nflog-group 2 --nflog-size 128',
			'-j NFLOG --nflog-group 2 --nflog-size 128 --nflog-threshold 5'
		],
		[
			'filter',
			'OUTPUT',
			'-j NFLOG --nflog-group 0 --nflog-prefix "a b"',
			'-j NFLOG --nflog-prefix "a b"'
		],
		['filter', 'FORWARD', '-j NFQUEUE --queue-bypass', '-j NFQUEUE --queue-num 0 --queue-bypass'],
		[
			'filter',
			'FORWARD',
			'-j NFQUEUE --queue-cpu-fanout --queue-balance 2:',
			'-j NFQUEUE --queue-balance 2:65535 --queue-cpu-fanout'
		],
		[
			'filter',
			'INPUT',
			'-p tcp -j REJECT --reject-with tcp',
			'-p tcp -j REJECT --reject-with tcp-reset'
		],
		[
			'filter',
			'INPUT',
			'-j REJECT --reject-with HOST-PROHIB',
			'-j REJECT --reject-with icmp-host-prohibited'
		],
		['filter', 'OUTPUT', '-j REJECT', '-j REJECT --reject-with icmp-port-unreachable'],
		['filter', 'INPUT', '-j MARK --and-mark 0xff', '-j MARK --set-xmark 0x0/0xffffff00'],
		['nat', 'OUTPUT', '-j MARK --set-mark 0x1/0x3', '-j MARK --set-xmark 0x1/0x3'],
		['mangle', 'PREROUTING', '-j MARK --xor-mark 16', '-j MARK --set-xmark 0x10/0x0'],
		['mangle', 'OUTPUT', '-j TOS --set-tos minimize-cost', '-j TOS --set-tos 0x02/0x3f'],
		['mangle', 'OUTPUT', '-j TOS --or-tos 0x3', '-j TOS --set-tos 0x03/0x03'],
		['mangle', 'FORWARD', '-j DSCP --set-dscp-class af41', '-j DSCP --set-dscp 0x22'],
		['mangle', 'FORWARD', '-j DSCP --set-dscp 10', '-j DSCP --set-dscp 0x0a'],
		['mangle', 'INPUT', '-j TTL --ttl-inc 3', '-j TTL --ttl-inc 3'],
		[
			'mangle',
			'FORWARD',
			'-p tcp -j ECN --ecn-tcp-cwr 0 --ecn-tcp-ece 0',
			'-p tcp -j ECN --ecn-tcp-remove'
		],
		[
			'mangle',
			'FORWARD',
			'-p tcp -j ECN --ecn-tcp-cwr 1 --ecn-ip-ect 2',
			'-p tcp -j ECN --ecn-tcp-cwr 1 --ecn-ip-ect 2'
		],
		['mangle', 'FORWARD', '-j ECN --ecn-ip-ect 1', '-j ECN --ecn-ip-ect 1'],
		['mangle', 'POSTROUTING', '-j CLASSIFY --set-class 1:a', '-j CLASSIFY --set-class 0001:000a'],
		[
			'mangle',
			'POSTROUTING',
			'-p udp -j CHECKSUM --checksum-fill',
			'-p udp -j CHECKSUM --checksum-fill'
		],
		[
			'mangle',
			'FORWARD',
			'-p tcp --syn -j TCPMSS --clamp-mss-to-pmtu',
			'-p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j TCPMSS --clamp-mss-to-pmtu'
		],
		[
			'mangle',
			'PREROUTING',
			'-p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1400',
			'-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1400'
		],
		[
			'mangle',
			'PREROUTING',
			'-p tcp -j TCPOPTSTRIP --strip-options timestamp,mss',
			'-p tcp -j TCPOPTSTRIP --strip-options 2,8'
		],
		['filter', 'INPUT', '-j AUDIT --type DROP', '-j AUDIT --type drop'],
		[
			'security',
			'INPUT',
			'-j SECMARK --selctx system_u:object_r:ssh_packet_t:s0',
			'-j SECMARK --selctx system_u:object_r:ssh_packet_t:s0'
		],
		['security', 'OUTPUT', '-j CONNSECMARK --restore', '-j CONNSECMARK --restore'],
		['filter', 'INPUT', '-m mark ! --mark 0x10/0xf0', '-m mark ! --mark 0x10/0xf0'],
		['filter', 'INPUT', '-m mark --mark 7', '-m mark --mark 0x7'],
		['filter', 'INPUT', '-m tos ! --tos 0x08', '-m tos ! --tos 0x08/0xff'],
		['filter', 'INPUT', '-m dscp ! --dscp-class cs1', '-m dscp ! --dscp 0x08'],
		['filter', 'INPUT', '-m ttl --ttl 64', '-m ttl --ttl-eq 64'],
		['filter', 'INPUT', '-m ttl --ttl-lt 5', '-m ttl --ttl-lt 5'],
		[
			'filter',
			'INPUT',
			'-p tcp -m ecn --ecn-tcp-cwr ! --ecn-tcp-ece',
			'-p tcp -m ecn ! --ecn-tcp-ece --ecn-tcp-cwr'
		],
		['filter', 'INPUT', '-m ecn --ecn-ip-ect 3', '-m ecn --ecn-ip-ect 3'],
		['filter', 'INPUT', '-p tcp -m tcpmss ! --mss 1000:', '-p tcp -m tcpmss ! --mss 1000:65535'],
		['filter', 'INPUT', '-p tcp -m tcpmss --mss 536:536', '-p tcp -m tcpmss --mss 536']
	])('%s %s: %s', (table, chain, rule, listed) => {
		const first = parse(restore(table, chain, rule));
		expect(first.errors).toEqual([]);
		expect(printRuleSpec(first.rule)).toBe(listed);
		// The listing reads back as the same rule.
		const again = parse(restore(table, chain, listed));
		expect(again.errors).toEqual([]);
		expect(shape(again.rule)).toEqual(shape(first.rule));
	});
});

describe('refused rules get the diagnostic iptables or the kernel would give', () => {
	const userChain = (table: string, from: string) => [
		`:${from} ACCEPT [0:0]`,
		':U - [0:0]',
		`-A ${from} -j U`
	];
	it.each([
		['filter', 'INPUT', '-j LOG --log-level loud', [], 'bad-value'],
		['filter', 'INPUT', '-j LOG --log-prefix ""', [], 'bad-value'],
		['filter', 'INPUT', '-j NFLOG --nflog-group 70000', [], 'bad-value'],
		['filter', 'INPUT', '-j NFLOG --nflog-range 1 --nflog-size 1', [], 'conflicting-options'],
		['filter', 'INPUT', '-j NFQUEUE --queue-num 1 --queue-balance 1:2', [], 'conflicting-options'],
		['filter', 'INPUT', '-j NFQUEUE --queue-cpu-fanout', [], 'missing-option'],
		['filter', 'INPUT', '-j NFQUEUE --queue-balance 3:3', [], 'bad-value'],
		['filter', 'INPUT', '-j NFQUEUE --queue-balance 7', [], 'bad-value'],
		['filter', 'INPUT', '-j NFQUEUE --queue-balance :', [], 'kernel-refuses'],
		['mangle', 'INPUT', '-j REJECT', [], 'wrong-table'],
		['filter', 'INPUT', '-p udp -j REJECT --reject-with tcp-reset', [], 'protocol-required'],
		['filter', 'INPUT', '-j REJECT --reject-with icmp-bogus', [], 'bad-value'],
		['filter', 'INPUT', '-j MARK', [], 'missing-option'],
		['filter', 'INPUT', '-j MARK --set-mark 1 --or-mark 2', [], 'conflicting-options'],
		['filter', 'INPUT', '-j MARK --set-xmark 1/0x1ffffffff', [], 'bad-value'],
		['filter', 'INPUT', '-j TOS --set-tos 0x10', [], 'wrong-table'],
		['mangle', 'INPUT', '-j TOS --set-tos Low-Delay', [], 'bad-value'],
		['mangle', 'INPUT', '-j TOS', [], 'missing-option'],
		['mangle', 'INPUT', '-j DSCP --set-dscp 64', [], 'bad-value'],
		['mangle', 'INPUT', '-j DSCP --set-dscp-class AF5', [], 'bad-value'],
		['mangle', 'INPUT', '-j TTL --ttl-dec 0', [], 'bad-value'],
		['mangle', 'INPUT', '-j TTL --ttl-set 1 --ttl-inc 1', [], 'conflicting-options'],
		['nat', 'OUTPUT', '-j TTL --ttl-set 9', [], 'wrong-table'],
		['mangle', 'INPUT', '-j ECN --ecn-tcp-remove', [], 'protocol-required'],
		[
			'mangle',
			'INPUT',
			'-p tcp -j ECN --ecn-tcp-remove --ecn-tcp-ece 1',
			[],
			'conflicting-options'
		],
		['mangle', 'INPUT', '-j ECN --ecn-ip-ect 4', [], 'bad-value'],
		['mangle', 'PREROUTING', '-j CLASSIFY --set-class 1:1', [], 'wrong-hook'],
		['mangle', 'U', '-j CLASSIFY --set-class 1:1', userChain('mangle', 'INPUT'), 'wrong-hook'],
		['mangle', 'OUTPUT', '-j CLASSIFY --set-class 1', [], 'bad-value'],
		['mangle', 'OUTPUT', '-j CHECKSUM', [], 'missing-option'],
		['filter', 'OUTPUT', '-j CHECKSUM --checksum-fill', [], 'wrong-table'],
		['mangle', 'FORWARD', '-p tcp -j TCPMSS --set-mss 1400', [], 'syn-match-required'],
		['mangle', 'FORWARD', '-p tcp ! --syn -j TCPMSS --set-mss 1400', [], 'syn-match-required'],
		['mangle', 'PREROUTING', '-p tcp --syn -j TCPMSS --clamp-mss-to-pmtu', [], 'wrong-hook'],
		['mangle', 'FORWARD', '-p udp -j TCPMSS --set-mss 1400', [], 'protocol-required'],
		['mangle', 'FORWARD', '-p tcp --syn -j TCPMSS --set-mss 65516', [], 'bad-value'],
		['mangle', 'INPUT', '-p tcp -j TCPOPTSTRIP --strip-options 1', [], 'bad-value'],
		['mangle', 'INPUT', '-p tcp -j TCPOPTSTRIP --strip-options mss,2', [], 'bad-value'],
		['mangle', 'INPUT', '-j TCPOPTSTRIP --strip-options sack', [], 'protocol-required'],
		['filter', 'INPUT', '-j AUDIT --type log', [], 'bad-value'],
		['filter', 'INPUT', '-j AUDIT', [], 'missing-option'],
		['filter', 'INPUT', '-j SECMARK --selctx system_u:object_r:x_t:s0', [], 'wrong-table'],
		['mangle', 'INPUT', '-j CONNSECMARK --save --restore', [], 'conflicting-options'],
		['mangle', 'INPUT', '-j CONNSECMARK', [], 'missing-option'],
		['filter', 'INPUT', '-m mark --mark 0x1/', [], 'bad-value'],
		['filter', 'INPUT', '-m mark', [], 'missing-option'],
		['filter', 'INPUT', '-m tos', [], 'missing-option'],
		['filter', 'INPUT', '-m tos --tos 0x10/0x100', [], 'bad-value'],
		['filter', 'INPUT', '-m dscp --dscp 1 --dscp-class EF', [], 'conflicting-options'],
		['filter', 'INPUT', '-m dscp', [], 'missing-option'],
		['filter', 'INPUT', '-m ttl ! --ttl-gt 3', [], 'cannot-invert'],
		['filter', 'INPUT', '-m ttl --ttl-eq 1 --ttl-lt 9', [], 'conflicting-options'],
		['filter', 'INPUT', '-m ecn --ecn-tcp-ece', [], 'protocol-required'],
		['filter', 'INPUT', '-m ecn', [], 'missing-option'],
		['filter', 'INPUT', '-p tcp -m tcpmss --mss 9:8', [], 'bad-value'],
		['filter', 'INPUT', '-m tcpmss --mss 5', [], 'protocol-required']
	] as const)('%s %s: %s', (table, chain, rule, extra, code) => {
		const { errors } = parse(restore(table, chain, rule, [...extra]));
		expect(errors.map((e) => e.code)).toContain(code);
	});
});

describe('option-dependent hook limits are judged through the user chains that reach the rule', () => {
	it.each(
		hookCases([
			// [table, rule, built-in chains it is valid in, a built-in chain the kernel refuses it in]
			[
				'mangle',
				'-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu',
				['FORWARD', 'POSTROUTING'],
				'PREROUTING'
			],
			['filter', '-p tcp --syn -j TCPMSS --clamp-mss-to-pmtu', ['FORWARD', 'OUTPUT'], 'INPUT']
		])
	)('%s %s: %s', (table, _rule, _where, lines, codes) => {
		expect(hookErrors(table, lines)).toEqual(codes);
	});

	// Without the limiting option the rule is valid wherever the extension is.
	it.each([
		// [table, rule, the built-in chain that reaches U]
		['mangle', '-p tcp --syn -j TCPMSS --set-mss 1400', 'PREROUTING'],
		['filter', '-p tcp --syn -j TCPMSS --set-mss 1400', 'INPUT']
	] as const)('%s %s: accepted in U from %s', (table, rule, from) => {
		expect(hookErrors(table, [`-A ${from} -j U`, `-A U ${rule}`])).toEqual([]);
	});
});
