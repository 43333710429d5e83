/**
 * Runs a scenario written as the scenario file spells it, for specs: rules as iptables-save
 * lines, packets as PacketJson, on the router the kernel facts were verified on (r-eth0
 * 10.0.1.1/24 to the client side, r-eth1 10.0.2.1/24 to the server side) unless `host` says
 * otherwise.
 */
import { expect } from 'vitest';
import { parseRuleset } from '../../src/lib/engine/index';
import { packetAt } from '../../src/lib/engine/sim/packet-at';
import { simulate } from '../../src/lib/engine/sim/simulate';
import { formatKernel } from '../../src/lib/engine/sim/format/format-kernel';
import type { PacketTrace, Trace } from '../../src/lib/engine/sim/trace';
import { formatIPv4 } from '../../src/lib/engine/parse/values';
import { parseScenario, type HostJson, type PacketJson } from '../../src/lib/scenario/index';

export const ROUTER: HostJson = {
	interfaces: [
		{ name: 'r-eth0', addresses: ['10.0.1.1/24'] },
		{ name: 'r-eth1', addresses: ['10.0.2.1/24'] }
	],
	forwarding: true
};

/** The trace and its kernel lines; fails the spec on any error in the scenario or its rules. */
export function traceScenario(
	rules: string[],
	packets: PacketJson[],
	host: Partial<HostJson> = {}
): { trace: Trace; kernel: string } {
	const text = JSON.stringify({ nfwalk: 1, host: { ...ROUTER, ...host }, rules, packets });
	const parsed = parseScenario(text);
	expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
	const rs = parseRuleset(parsed.scenario!.rules);
	expect(rs.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
	const t = simulate(parsed.host!, rs.ruleset, parsed.packets);
	return { trace: t, kernel: formatKernel(t, rs.ruleset) };
}

/** The packet's addresses and ports once NAT is done with it: `10.0.2.1:5000 > 10.0.2.2:53`. */
export function finalHeaders(p: PacketTrace): string {
	const { src, dst, sport, dport } = packetAt(p, p.steps.length);
	return `${formatIPv4(src)}:${sport} > ${formatIPv4(dst)}:${dport}`;
}

/** A forwarded UDP datagram from the client side, e.g. `udp('10.0.1.3', 5000, '10.0.2.2', 53)`. */
export function udp(
	src: string,
	sport: number,
	dst: string,
	dport: number,
	from = 'r-eth0'
): PacketJson {
	return { from, proto: 'udp', src, sport, dst, dport };
}
