/** packetAt rebuilds the packet at a step from the trace alone, the way the walk changed it. */
import { describe, expect, it } from 'vitest';
import { parseRuleset } from '../index';
import { parseScenario } from '../../scenario/index';
import { packetAt } from './packet-at';
import { simulate } from './simulate';

function trace(rules: string[], flags: string[]) {
	const { host, packets } = parseScenario(
		JSON.stringify({
			nfwalk: 1,
			host: {
				interfaces: [
					{ name: 'eth0', addresses: ['10.0.1.1/24'] },
					{ name: 'eth1', addresses: ['10.0.2.1/24'] }
				],
				forwarding: true
			},
			rules: '',
			packets: [
				{
					from: 'eth0',
					proto: 'tcp',
					src: '10.0.1.2',
					sport: 40000,
					dst: '10.0.2.2',
					dport: 80,
					flags
				}
			]
		})
	);
	return simulate(
		host!,
		parseRuleset(['*mangle', ...rules, 'COMMIT', ''].join('\n')).ruleset,
		packets
	).packets[0];
}

describe('packetAt', () => {
	it('after TCPMSS adds the MSS option: the option and 4 more bytes (the fuzzer found them missing)', () => {
		const t = trace(
			['-A FORWARD -p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1200'],
			['SYN']
		);
		const at = t.steps.findIndex((s) => s.type === 'rule');
		expect(packetAt(t, at - 1)).toMatchObject({ mss: null, length: 40 });
		expect(packetAt(t, at)).toMatchObject({ mss: 536, length: 44 });
		expect(packetAt(t, t.steps.length)).toMatchObject({ mss: 536, length: 44 });
	});
});
