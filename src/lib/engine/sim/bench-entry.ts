/**
 * What scripts/bench-trace.ts needs from the engine, in one bundle: the parser, the simulator and
 * small builders for a host and packets. Not used by the app.
 */
import type { Ruleset } from '../model';
import { parseCidr } from '../parse/values';
import type { Host } from './host';
import { MAIN_TABLE } from './host';
import { blankPacket, TCP_FLAG } from './packet';
import type { ScenarioPacket } from './simulate';

export { parseRuleset } from '../parse/index';
export { Simulation, type ScenarioPacket } from './simulate';
export { parseScenario } from '../../scenario/index';

const ip = (s: string) => s.split('.').reduce((n, b) => n * 256 + Number(b), 0) >>> 0;

export function hostFor(
	ifaces: { name: string; address: string; prefix: number }[],
	gateway: string,
	dev: string
): Host {
	const def = parseCidr('0.0.0.0/0');
	if ('error' in def) throw new Error(def.error);
	return {
		interfaces: ifaces.map((i) => ({
			name: i.name,
			addresses: [{ address: ip(i.address), prefix: i.prefix }]
		})),
		routes: [{ to: def, via: ip(gateway), dev, table: MAIN_TABLE, src: null, metric: 0 }],
		policyRules: [],
		forwarding: true,
		listening: [],
		ipsets: [],
		backend: 'nft',
		tcpLoose: true,
		statisticSeed: 1,
		clockStart: 0
	};
}

export function wirePacket(
	from: string,
	proto: 'tcp' | 'udp',
	src: string,
	sport: number,
	dst: string,
	dport: number
): ScenarioPacket {
	const packet = blankPacket({
		proto: proto === 'tcp' ? 6 : 17,
		src: ip(src),
		dst: ip(dst),
		sport,
		dport,
		flags: proto === 'tcp' ? TCP_FLAG.SYN : 0,
		length: proto === 'tcp' ? 60 : 28
	});
	return { from, packet };
}

/** The last cluster-IP rule of nat KUBE-SERVICES: the service a packet reaches after the most rules. */
export function lastService(ruleset: Ruleset): {
	address: string;
	port: number;
	proto: 'tcp' | 'udp';
	position: number;
} {
	const chain = ruleset.tables
		.find((t) => t.name === 'nat')!
		.chains.find((c) => c.name === 'KUBE-SERVICES')!;
	for (let i = chain.rules.length - 1; i >= 0; i--) {
		const r = chain.rules[i];
		const port = r.matches.flatMap((m) => m.options).find((o) => o.name === 'dport')?.value as
			{ from: number } | undefined;
		if (!r.destination || !port || !r.protocol) continue;
		const a = r.destination.value.address;
		return {
			address: [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.'),
			port: port.from,
			proto: r.protocol.value === 'udp' ? 'udp' : 'tcp',
			position: i + 1
		};
	}
	throw new Error('no service rule in nat KUBE-SERVICES');
}
