import { describe, expect, it } from 'vitest';
import { parseRuleset, printRuleSpec } from '../index';
import { hookCases, hookErrors } from './spec-support';

/** Parses one rule into `TABLE CHAIN`; returns its canonical text and the diagnostics' codes by severity. */
function one(spec: string, table = 'filter', chain = 'INPUT') {
	const { ruleset, diagnostics } = parseRuleset(
		`*${table}\n:${chain} ACCEPT [0:0]\n-A ${chain} ${spec}\nCOMMIT\n`
	);
	const rule = ruleset.tables[0]?.chains.find((c) => c.name === chain)?.rules[0];
	return {
		text: rule ? printRuleSpec(rule) : null,
		errors: diagnostics.filter((d) => d.severity === 'error').map((d) => d.code),
		warnings: diagnostics.filter((d) => d.severity === 'warning').map((d) => d.code)
	};
}

describe('group 4 extensions: accepted and listed as iptables-legacy -S lists them', () => {
	it.each([
		// limit: the period is re-expressed in the largest exact unit; the default burst is left out.
		['-m limit --limit 120/minute', '-m limit --limit 2/sec'],
		['-m limit --limit 7/h --limit-burst 5', '-m limit --limit 7/hour'],
		['-m limit --limit 2 --limit-burst 0x10', '-m limit --limit 2/sec --limit-burst 16'],
		// hashlimit: burst always listed in packet mode, expire only when it differs from the printed unit.
		[
			'-m hashlimit --hashlimit 10/s --hashlimit-name web',
			'-m hashlimit --hashlimit-upto 10/sec --hashlimit-burst 5 --hashlimit-name web'
		],
		[
			'-m hashlimit ! --hashlimit-above 60/min --hashlimit-mode dstport,srcip --hashlimit-name a',
			'-m hashlimit --hashlimit-upto 1/sec --hashlimit-burst 5 --hashlimit-mode srcip,dstport --hashlimit-name a --hashlimit-htable-expire 60000'
		],
		[
			'-m hashlimit --hashlimit-upto 8kb/s --hashlimit-burst 64kb --hashlimit-name b --hashlimit-srcmask 24',
			'-m hashlimit --hashlimit-upto 8kb/s --hashlimit-burst 64kb --hashlimit-name b --hashlimit-srcmask 24'
		],
		// recent: name, mask and side are always listed.
		[
			'-m recent --name probe --rdest --update --seconds 30 --hitcount 4',
			'-m recent --update --seconds 30 --hitcount 4 --name probe --mask 255.255.255.255 --rdest'
		],
		[
			'-m recent ! --rcheck --mask 255.255.0.0',
			'-m recent ! --rcheck --name DEFAULT --mask 255.255.0.0 --rsource'
		],
		['-m quota ! --quota 0x400', '-m quota ! --quota 1024'],
		['-m quota --quota 5000 --remain 10', '-m quota --quota 5000'],
		[
			'-m statistic --mode random --probability 0.25',
			'-m statistic --mode random --probability 0.25000000000'
		],
		[
			'-m statistic --mode random --probability 0.000244140625',
			'-m statistic --mode random --probability 0.00024414062'
		],
		['-m statistic --mode nth --every 3', null],
		[
			'-m statistic --mode nth --every 4 --packet 0',
			'-m statistic --mode nth --every 4 --packet 0'
		],
		[
			'-m time --weekdays Sa,Su --timestart 8:30',
			'-m time --timestart 08:30:00 --timestop 23:59:59 --weekdays Sat,Sun --datestop 2038-01-19T03:14:07'
		],
		[
			'-m time ! --monthdays 2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31 --datestart 2020-02 --utc',
			'-m time --monthdays 1 --datestart 2020-02-01T00:00:00 --datestop 2038-01-19T03:14:07'
		],
		[
			'-m time --timestart 22:00 --timestop 06:00 --contiguous --kerneltz',
			'-m time --timestart 22:00:00 --timestop 06:00:00 --datestop 2038-01-19T03:14:07 --kerneltz --contiguous'
		],
		[
			'-m set ! --match-set allow src,dst --return-nomatch --packets-gt 3',
			'-m set ! --match-set allow src,dst --return-nomatch --packets-gt 3'
		],
		['-m set --set old srcx ! --update-counters', '-m set --match-set old src ! --update-counters'],
		['-m nfacct --nfacct-name http', '-m nfacct --nfacct-name http'],
		[
			'-m rateest --rateest up --rateest-gt --rateest-bps 2mbit',
			'-m rateest --rateest up --rateest-gt --rateest-bps 2000Kbit'
		],
		[
			'-m rateest --rateest1 a --rateest2 b ! --rateest-eq --rateest-pps',
			'-m rateest --rateest1 a ! --rateest-eq --rateest-pps --rateest2 b'
		],
		[
			'-m ipvs --vaddr 10.1.2.3/255.255.0.0 ! --vproto udp --vport https',
			'-m ipvs ! --vproto 17 --vaddr 10.1.2.3/16 --vport 443'
		],
		['-j SET --del-set seen dst,dst', '-j SET --del-set seen dst,dst'],
		[
			'-j SET --timeout 60 --exist --add-set seen src',
			'-j SET --add-set seen src --exist --timeout 60'
		],
		[
			'-j RATEEST --rateest-name up --rateest-interval 1s --rateest-ewmalog 8s',
			'-j RATEEST --rateest-name up --rateest-interval 1.0s --rateest-ewmalog 8.0s'
		],
		[
			'-j HMARK --hmark-tuple src,dport --hmark-mod 4 --hmark-rnd 7 --hmark-offset 100',
			'-j HMARK --hmark-src-prefix 32 --hmark-dport-mask 0xffff --hmark-rnd 0x00000007 --hmark-mod 4 --hmark-offset 100'
		],
		[
			'-j HMARK --hmark-tuple ct,proto --hmark-mod 2 --hmark-rnd 0',
			'-j HMARK --hmark-proto-mask 0xffff --hmark-rnd 0x00000000 --hmark-mod 2 --hmark-tuple ct'
		],
		['-j TEE --oif eth1 --gateway 192.168.0.9', '-j TEE --gateway 192.168.0.9 --oif eth1'],
		[
			'-j IDLETIMER --alarm --label idle --timeout 300',
			'-j IDLETIMER --timeout 300 --label idle --alarm'
		],
		['-j LED --led-trigger-id ssh --led-delay inf', '-j LED --led-trigger-id "ssh" --led-delay inf']
	])('%s', (spec, want) => {
		const r = one(spec);
		if (want === null) {
			expect(r.errors.length).toBeGreaterThan(0);
			return;
		}
		expect(r.errors).toEqual([]);
		expect(r.text).toBe(want);
	});
});

describe('group 4 extensions: rejected with a diagnostic', () => {
	it.each([
		['-m limit --limit 0/sec', 'bad-value'],
		['-m limit --limit 5/fortnight', 'bad-value'],
		['-m limit ! --limit 1/s', 'cannot-invert'],
		['-m limit --limit 1/s --limit-burst 10001', 'bad-value'],
		['-m hashlimit --hashlimit-upto 1/s', 'invalid-extension-use'],
		[
			'-m hashlimit --hashlimit-upto 1/s --hashlimit-above 2/s --hashlimit-name x',
			'invalid-extension-use'
		],
		['-m hashlimit --hashlimit-upto 1/s --hashlimit-name ..', 'invalid-extension-use'],
		[
			'-m hashlimit --hashlimit-upto 1/s --hashlimit-name x --hashlimit-mode srcip,proto',
			'bad-value'
		],
		[
			'-m hashlimit --hashlimit-upto 1kb/s --hashlimit-burst 10b --hashlimit-name x',
			'invalid-extension-use'
		],
		['-m recent --name x', 'invalid-extension-use'],
		['-m recent --set --seconds 60', 'invalid-extension-use'],
		['-m recent --update --reap', 'invalid-extension-use'],
		['-m recent --rcheck --update', 'invalid-extension-use'],
		['-m recent --rcheck --hitcount 70000', 'invalid-extension-use'],
		['-m quota --quota 18446744073709551616', 'bad-value'],
		['-m quota --remain 5', 'invalid-extension-use'],
		['-m statistic --mode random', 'invalid-extension-use'],
		['-m statistic --mode nth --every 2 --packet 2', 'invalid-extension-use'],
		['-m statistic --mode sometimes --probability 0.1', 'bad-value'],
		['-m statistic --mode random --probability 2', 'bad-value'],
		['-m time --days Mon,Tue', 'bad-value'],
		['-m time --timestart 24:00', 'bad-value'],
		['-m time --weekdays 0', 'bad-value'],
		['-m time --datestart 1969-12-31', 'bad-value'],
		['-m time --timestart 08:00 --timestop 17:00 --contiguous', 'invalid-extension-use'],
		['-m time --utc --kerneltz', 'invalid-extension-use'],
		['-m set --match-set x', 'missing-value'],
		['-m set --match-set x src,any', 'bad-value'],
		['-m set --match-set abcdefghijabcdefghijabcdefghijabc src', 'bad-value'],
		['-m set --match-set x src --packets-lt 1 --packets-gt 2', 'invalid-extension-use'],
		['-m nfacct', 'invalid-extension-use'],
		['-m rateest --rateest x --rateest-bps 1kbit', 'invalid-extension-use'],
		['-m rateest --rateest x --rateest-lt --rateest-bps 9furlongs', 'bad-value'],
		['-m ipvs --vmethod DR', 'bad-value'],
		['-j SET --exist --del-set x src', 'invalid-extension-use'],
		['-j SET --map-set x src --map-mark', 'invalid-extension-use'],
		['-j RATEEST --rateest-name x --rateest-interval 1s', 'invalid-extension-use'],
		[
			'-j RATEEST --rateest-name x --rateest-interval 16s --rateest-ewmalog 64s',
			'invalid-extension-use'
		],
		['-j HMARK --hmark-tuple src --hmark-rnd 1', 'invalid-extension-use'],
		['-j HMARK --hmark-tuple spi,sport --hmark-rnd 1 --hmark-mod 2', 'invalid-extension-use'],
		['-j HMARK --hmark-tuple src --hmark-rnd 1 --hmark-mod 0', 'bad-value'],
		['-j TEE ! --gateway 10.0.0.1', 'cannot-invert'],
		['-j TEE --gateway 0.0.0.0', 'invalid-extension-use'],
		['-j IDLETIMER --timeout 5', 'invalid-extension-use'],
		['-j IDLETIMER --timeout 0 --label x', 'invalid-extension-use'],
		['-j LED --led-trigger-id abcdefghijklmnopq', 'bad-value']
	])('%s', (spec, code) => {
		expect(one(spec).errors).toContain(code);
	});

	it('rejects --map-set outside the mangle table', () => {
		expect(one('-j SET --map-set x src --map-mark', 'mangle', 'PREROUTING').errors).toEqual([]);
		expect(one('-j SET --map-set x src --map-mark', 'filter', 'INPUT').errors).toContain(
			'invalid-extension-use'
		);
	});
});

describe('group 4 extensions: host-defined objects are warnings, not errors', () => {
	it.each([
		['-m set --match-set blocklist src', 'unknown-set'],
		['-j SET --add-set seen src', 'unknown-set'],
		['-m nfacct --nfacct-name http', 'unknown-nfacct'],
		['-m time --localtz', 'deprecated-option']
	])('%s', (spec, code) => {
		const r = one(spec);
		expect(r.errors).toEqual([]);
		expect(r.warnings).toContain(code);
	});
});

describe('option-dependent hook limits are judged through the user chains that reach the rule', () => {
	it.each(
		hookCases([
			// [table, rule, built-in chains it is valid in, a built-in chain the kernel refuses it in]
			['mangle', '-j SET --map-set x src --map-prio', ['FORWARD', 'POSTROUTING'], 'PREROUTING'],
			['mangle', '-j SET --map-set x src --map-queue', ['OUTPUT'], 'INPUT'],
			[
				'mangle',
				'-j SET --map-set x src --map-mark --map-prio --map-queue',
				['POSTROUTING'],
				'INPUT'
			]
		])
	)('%s %s: %s', (table, _rule, _where, lines, codes) => {
		expect(hookErrors(table, lines)).toEqual(codes);
	});

	// Without the limiting option the rule is valid wherever the extension is.
	it.each([
		// [table, rule, the built-in chain that reaches U]
		['mangle', '-j SET --map-set x src --map-mark', 'PREROUTING'],
		['mangle', '-j SET --add-set x src', 'INPUT']
	] as const)('%s %s: accepted in U from %s', (table, rule, from) => {
		expect(hookErrors(table, [`-A ${from} -j U`, `-A U ${rule}`])).toEqual([]);
	});
});
