import { describe, expect, it } from 'vitest';
import { parseRuleset, printRuleSpec } from '../index';

/** Parses one rule in `filter INPUT` (or the given table/chain) and returns its canonical text and diagnostic codes. */
function one(spec: string, table = 'filter', chain = 'INPUT') {
	const { ruleset, diagnostics } = parseRuleset(
		`*${table}\n:${chain} ACCEPT [0:0]\n-A ${chain} ${spec}\nCOMMIT\n`
	);
	const rule = ruleset.tables[0].chains.find((c) => c.name === chain)?.rules[0];
	return {
		text: rule ? printRuleSpec(rule) : null,
		codes: diagnostics.map((d) => d.code),
		diagnostics
	};
}

describe('rule options: accepted, printed canonically', () => {
	it.each([
		['-p tcp --dport 22 -j ACCEPT', '-p tcp -m tcp --dport 22 -j ACCEPT'],
		['-p tcp --destination-port 22', '-p tcp -m tcp --dport 22'],
		['-p tcp --dpo 22', '-p tcp -m tcp --dport 22'],
		['-p tcp --sport 1024: --dport ssh', '-p tcp -m tcp --sport 1024:65535 --dport 22'],
		['-p tcp ! --dport 22', '-p tcp -m tcp ! --dport 22'],
		['-p tcp --dport=22', '-p tcp -m tcp --dport 22'],
		['-p tcp --syn', '-p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN'],
		['-p 6 -m tcp --dport 1', '-p tcp -m tcp --dport 1'],
		['-p TCP', '-p tcp'],
		['-p all -j DROP', '-j DROP'],
		['-p 47', '-p gre'],
		['-s 10.11.12.13/8 -d 1.2.3.4', '-s 10.0.0.0/8 -d 1.2.3.4/32'],
		['-s 10.11.12.13/255.0.255.0', '-s 10.0.12.0/255.0.255.0'],
		['! -s 10.0.0.0/8', '! -s 10.0.0.0/8'],
		['--source 10.0.0.1 --dst 10.0.0.2', '-s 10.0.0.1/32 -d 10.0.0.2/32'],
		['-j ACCEPT -i eth0 -p udp', '-i eth0 -p udp -j ACCEPT'],
		['! -i eth+ -o lo', '! -i eth+ -o lo'],
		['-f', '-f'],
		['! -f', '! -f'],
		['-m comment --comment "two words"', '-m comment --comment "two words"'],
		['-m comment --comment "say \\"hi\\""', '-m comment --comment "say \\"hi\\""'],
		['-m comment --comment plain', '-m comment --comment plain'],
		[
			'-p tcp -m comment --comment x -m tcp --dport 1',
			'-p tcp -m comment --comment x -m tcp --dport 1'
		],
		[
			'-p tcp -m tcp --tcp-flags ALL NONE',
			'-p tcp -m tcp --tcp-flags FIN,SYN,RST,PSH,ACK,URG NONE'
		],
		['-p tcp -m tcp --sport 0:65535', '-p tcp -m tcp']
	])('%s → %s', (input, canonical) => {
		const r = one(input);
		expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
		expect(r.text).toBe(canonical);
	});
});

describe('rule options: refused with a stable code', () => {
	it.each([
		['-p tcp --dport 65536', 'bad-value'],
		['-p tcp --dport', 'missing-value'],
		['--dport 22', 'unknown-option'],
		['-p tcp --bogus 1', 'unknown-option'],
		['-m tcp --dport 1', 'protocol-required'],
		['! -p tcp -m tcp --dport 1', 'protocol-required'],
		['! -p 0', 'never-matches'],
		['-p nosuchproto', 'unknown-protocol'],
		['-s www.example.com', 'hostname'],
		['-s 10.0.0.300', 'bad-address'],
		['-s 10.0.0.0/33', 'bad-address'],
		['-s ! 10.0.0.1', 'old-negation-syntax'],
		['-p tcp --dport ! 22', 'old-negation-syntax'],
		['-i thisinterfaceistoolong0', 'interface-name-too-long'],
		['! -m comment --comment x', 'cannot-invert'],
		['-p tcp -m tcp --dport 1 --dport 2', 'duplicate-option'],
		['-j ACCEPT -j DROP', 'two-targets'],
		['-ptcp', 'attached-value'],
		['--protocol=tcp', 'attached-value'],
		['-j ACCEPT extra', 'unexpected-argument'],
		['-j ACCEPT !', 'dangling-negation'],
		['-p tcp --syn --tcp-flags SYN SYN', 'duplicate-option'],
		['-p tcp --tcp-flags SYN,BOGUS SYN', 'bad-value'],
		['-m comment', 'invalid-extension-use'],
		['-p tcp --d 22', 'ambiguous-option']
	])('%s → %s', (input, code) => {
		expect(one(input).codes).toContain(code);
	});

	it('points at the offending word', () => {
		const d = one('-p tcp --dport 70000').diagnostics[0];
		expect(d).toMatchObject({ line: 3, column: 25, endColumn: 30, severity: 'error' });
	});

	it('keeps an unknown match module as a warning and prints it back verbatim', () => {
		const r = one('-m frobnicate --level 3 --name "a b" -j ACCEPT');
		expect(r.codes).toEqual(['unknown-match']);
		expect(r.text).toBe('-m frobnicate --level 3 --name "a b" -j ACCEPT');
	});

	it('refuses -j DROP in nat but accepts a DROP policy there', () => {
		expect(one('-j DROP', 'nat', 'PREROUTING').codes).toContain('drop-in-nat');
		const { diagnostics } = parseRuleset('*nat\n:PREROUTING DROP [0:0]\nCOMMIT\n');
		expect(diagnostics).toEqual([]);
	});
});
