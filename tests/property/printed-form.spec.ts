/**
 * A rule and its printed form read into the same model (the contract of `defaults` and
 * `normalize` in types.ts), for the options the round-trip property found reading differently.
 */
import { describe, expect, it } from 'vitest';
import { parseRuleset, printRuleset } from '../../src/lib/engine/index';
import { stripSpans } from '../support/strip-spans';

const table = (t: string, rule: string) => `*${t}\n${rule}\nCOMMIT\n`;

describe('a rule reads like its printed form', () => {
	it.each([
		['raw', '-A PREROUTING -m limit --limit-burst 1', '--limit 3/hour --limit-burst 1'],
		['raw', '-A PREROUTING -m limit --limit 1/s --limit-burst 5', '--limit 1/sec'],
		[
			'mangle',
			'-A PREROUTING -p tcp -j TPROXY --on-port 0',
			'--on-ip 0.0.0.0 --tproxy-mark 0x0/0x0'
		],
		['raw', '-A PREROUTING -m connlimit ! --connlimit-upto 2', '--connlimit-above 2'],
		[
			'raw',
			'-A PREROUTING -m hashlimit --hashlimit-name h ! --hashlimit-upto 1',
			'--hashlimit-above 1/sec'
		],
		[
			'raw',
			'-A PREROUTING -m hashlimit --hashlimit-name h --hashlimit-upto 1 --hashlimit-htable-size 0',
			'--hashlimit-name h'
		],
		['raw', '-A PREROUTING -m time --datestart 2026-01-01', '--datestop 2038-01-19T03:14:07'],
		['raw', '-A PREROUTING -m time --timestart 08:00', '--timestart 08:00:00 --timestop 23:59:59'],
		['raw', '-A PREROUTING -m time ! --weekdays Mon', '--weekdays Tue,Wed,Thu,Fri,Sat,Sun'],
		['raw', '-A PREROUTING -m time --localtz', '--kerneltz'],
		['raw', '-A PREROUTING -m time --kerneltz --localtz', '--kerneltz'],
		['raw', '-A PREROUTING -m time --utc --weekdays Mon', '--weekdays Mon'],
		['raw', '-A PREROUTING -m set --match-set S1 src --update-counters', '--match-set S1 src'],
		['raw', '-A PREROUTING -j CT --zone-orig 0', '-j CT'],
		['raw', '-A PREROUTING -j CT --zone 3 --zone-orig 4', '--zone-orig 4']
	])('%s: %s', (t, rule, printedPart) => {
		const first = parseRuleset(table(t, rule));
		expect(first.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
		const printed = printRuleset(first.ruleset);
		expect(printed).toContain(printedPart);
		const second = parseRuleset(printed, 'restore');
		expect(stripSpans(second.ruleset)).toEqual(stripSpans(first.ruleset));
	});

	it('SECMARK refuses a context with blanks, which iptables-save would print unquoted', () => {
		const d = parseRuleset(table('mangle', '-A PREROUTING -j SECMARK --selctx "a b"')).diagnostics;
		expect(d.map((x) => x.code)).toEqual(['bad-value']);
		expect(d[0].message).toMatch(/is not an SELinux context \(they have no blanks or quotes\)/);
	});
});
