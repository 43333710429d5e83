import { describe, expect, it } from 'vitest';
import { detectFormat, parseRuleset, printRuleset } from '../index';

describe('iptables command scripts', () => {
	it('reads iptables, /sbin/iptables, sudo, $IPT, -t, continuations and variables', () => {
		const script = [
			'#!/bin/sh',
			'IPT=/sbin/iptables',
			'WAN=eth0',
			'set -e',
			'iptables -P INPUT DROP',
			'/sbin/iptables -A INPUT -i lo -j ACCEPT',
			'sudo iptables -t nat -A POSTROUTING -o $WAN -j MASQUERADE_LIKE_CHAIN 2>/dev/null || true',
			'$IPT -N SSH',
			'${IPT} --append INPUT -p tcp \\',
			'   --dport 22 -j SSH',
			"iptables -A SSH -m comment --comment 'ssh in' -j ACCEPT; echo done"
		].join('\n');
		expect(detectFormat(script)).toBe('script');
		const { ruleset, diagnostics } = parseRuleset(script);
		expect(diagnostics.map((d) => `${d.line}:${d.severity}:${d.code}`)).toEqual([
			'4:warning:not-iptables',
			'7:error:unknown-target',
			'11:warning:not-iptables'
		]);
		expect(printRuleset(ruleset)).toBe(
			[
				'*filter',
				':INPUT DROP [0:0]',
				':SSH - [0:0]',
				'-A INPUT -i lo -j ACCEPT',
				'-A INPUT -p tcp -m tcp --dport 22 -j SSH',
				'-A SSH -m comment --comment "ssh in" -j ACCEPT',
				'COMMIT',
				'*nat',
				':POSTROUTING ACCEPT [0:0]',
				'-A POSTROUTING -o eth0 -j MASQUERADE_LIKE_CHAIN',
				'COMMIT',
				''
			].join('\n')
		);
	});

	it('names an unset variable', () => {
		const d = parseRuleset('iptables -A INPUT -s $TRUSTED -j ACCEPT\n').diagnostics;
		expect(d).toMatchObject([{ code: 'unknown-variable', line: 1, column: 22 }]);
	});

	it('prints commands that read back to the same rule set', () => {
		const save =
			'*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:A - [0:0]\n-A INPUT -m comment --comment "x y" -j A\nCOMMIT\n';
		const commands = printRuleset(parseRuleset(save).ruleset, 'commands');
		expect(commands).toBe(
			'iptables -t filter -P INPUT DROP\niptables -t filter -P FORWARD ACCEPT\niptables -t filter -P OUTPUT ACCEPT\niptables -t filter -N A\niptables -t filter -A INPUT -m comment --comment "x y" -j A\n'
		);
		expect(printRuleset(parseRuleset(commands).ruleset)).toBe(save);
	});
});
