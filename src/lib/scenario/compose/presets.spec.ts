import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRuleset } from '../../engine/index';
import type { HostJson, PacketJson, ScenarioJson } from '../scenario';
import { defaultEnds, presetPackets, PRESETS, type Ends } from './presets';
import { walkPackets } from './walk-packets';

const url = new URL('../../../../rules-examples/home-router.json', import.meta.url);
const homeRouter = JSON.parse(readFileSync(url, 'utf8')) as ScenarioJson;
const ruleset = parseRuleset((homeRouter.rules as string[]).join('\n') + '\n').ruleset;
/** Walks the home router's rules with the preset's first packet, as the composer does. */
const walk = (first: PacketJson) => {
	const trace = walkPackets(homeRouter.host, ruleset, [first]);
	return trace && { trace, index: 0 };
};

const forwardedPort: Ends = {
	client: { at: 'r-eth1', address: '10.0.2.2', port: 40000 },
	server: { address: '10.0.2.1', port: 8080 }
};

describe('presetPackets', () => {
	it("writes the home router example's connection through its port forward", () => {
		const result = presetPackets('handshake', forwardedPort, homeRouter.host, walk);
		expect(result).toMatchObject({ ok: true });
		// The server's packets come from 10.0.1.2:80 on r-eth0: the walk saw the DNAT.
		expect(result.ok && result.packets).toEqual(homeRouter.packets.slice(0, 8));
	});

	it('without a walk, answers from the address the client wrote', () => {
		const result = presetPackets('handshake', forwardedPort, homeRouter.host);
		expect(result.ok && result.packets.map((p) => [p.from, p.src, p.flags?.join('+')])).toEqual([
			['r-eth1', '10.0.2.2', 'SYN'],
			['local', '10.0.2.1', 'SYN+ACK'],
			['r-eth1', '10.0.2.2', 'ACK'],
			['r-eth1', '10.0.2.2', 'PSH+ACK'],
			['local', '10.0.2.1', 'PSH+ACK'],
			['r-eth1', '10.0.2.2', 'FIN+ACK'],
			['local', '10.0.2.1', 'FIN+ACK'],
			['r-eth1', '10.0.2.2', 'ACK']
		]);
	});

	const lan: Ends = {
		client: { at: 'r-eth0', address: '10.0.1.2', port: 5000 },
		server: { address: '10.0.2.2', port: 53 }
	};
	it.each([
		[
			'dns',
			[
				{ from: 'r-eth0', proto: 'udp', src: '10.0.1.2', sport: 5000, dst: '10.0.2.2', dport: 53 },
				// Masqueraded: the answer goes to the router's address.
				{ from: 'r-eth1', proto: 'udp', src: '10.0.2.2', sport: 53, dst: '10.0.2.1', dport: 5000 }
			]
		],
		[
			'ping',
			[
				{
					from: 'r-eth0',
					proto: 'icmp',
					src: '10.0.1.2',
					dst: '10.0.2.2',
					type: 8,
					code: 0,
					id: 5000
				},
				{
					from: 'r-eth1',
					proto: 'icmp',
					src: '10.0.2.2',
					dst: '10.0.2.1',
					type: 0,
					code: 0,
					id: 5000
				}
			]
		],
		[
			'icmp-error',
			[
				{ from: 'r-eth0', proto: 'udp', src: '10.0.1.2', sport: 5000, dst: '10.0.2.2', dport: 53 },
				{
					from: 'r-eth1',
					proto: 'icmp',
					src: '10.0.2.2',
					dst: '10.0.2.1',
					type: 3,
					code: 3,
					embedded: { proto: 'udp', src: '10.0.2.1', dst: '10.0.2.2', sport: 5000, dport: 53 }
				}
			]
		]
	] as const)('%s from the LAN through MASQUERADE', (kind, expected) => {
		const result = presetPackets(kind, lan, homeRouter.host, walk);
		expect(result.ok && result.packets).toEqual(expected);
	});

	it('leaves the source to routing for a local client without an address', () => {
		const ends: Ends = {
			client: { at: 'local', address: '', port: 7 },
			server: { address: '10.0.2.2', port: 0 }
		};
		const result = presetPackets('ping', ends, homeRouter.host, walk);
		expect(result.ok && result.packets[0]).not.toHaveProperty('src');
		// The answer goes to the source routing picked for the request.
		expect(result.ok && result.packets[1]).toMatchObject({ from: 'r-eth1', dst: '10.0.2.1' });
	});

	it('says why when there is no way back', () => {
		const ends: Ends = {
			client: { at: 'r-eth0', address: '10.0.1.2', port: 1 },
			server: { address: '8.8.8.8', port: 53 }
		};
		expect(presetPackets('dns', ends, homeRouter.host)).toMatchObject({
			ok: false,
			reason: /no route to 8\.8\.8\.8/
		});
	});

	it.each(PRESETS.map((p) => p.kind))(
		'%s with the default ends walks without diagnostics',
		(kind) => {
			const result = presetPackets(kind, defaultEnds(homeRouter.host, kind), homeRouter.host, walk);
			expect(result.ok).toBe(true);
			const trace = result.ok ? walkPackets(homeRouter.host, ruleset, result.packets) : null;
			expect(trace?.packets.filter((t) => !t.id.includes('.')).length).toBe(
				result.ok && result.packets.length
			);
		}
	);
});

describe('defaultEnds', () => {
	const one: HostJson = { interfaces: [{ name: 'eth0', addresses: ['192.168.1.10/24'] }] };
	it.each([
		[
			'a router: LAN client to a neighbour on the second interface',
			homeRouter.host,
			'handshake',
			{
				client: { at: 'r-eth0', address: '10.0.1.2', port: 40000 },
				server: { address: '10.0.2.2', port: 80 }
			}
		],
		[
			'a host that does not forward: the host itself serves',
			one,
			'dns',
			{
				client: { at: 'eth0', address: '192.168.1.1', port: 40000 },
				server: { address: '192.168.1.10', port: 53 }
			}
		],
		['a ping: the port is the echo id', one, 'ping', { client: { port: 7 } }],
		[
			'a /32 has no neighbour: the host sends',
			{ interfaces: [{ name: 'tun0', addresses: ['10.8.0.1/32'] }] },
			'handshake',
			{ client: { at: 'local', address: '' }, server: { address: '10.8.0.1' } }
		],
		[
			"the neighbour skips the host's own addresses",
			{ interfaces: [{ name: 'eth0', addresses: ['10.0.0.1/24', '10.0.0.2/24'] }] },
			'dns',
			{ client: { address: '10.0.0.3' } }
		]
	] as const)('%s', (_why, host, kind, expected) => {
		expect(defaultEnds(host as HostJson, kind)).toMatchObject(expected);
	});
});
