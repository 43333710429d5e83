/**
 * Which address and port a NAT binding picks, against what the kernel picked
 * (docs/evidence/nat-address-port-choice.md, Linux 6.18.44, experiments E1–E9). Where the kernel is
 * deterministic — an address from a range (a jhash of the addresses), a DNAT port range (lowest free
 * port), reusing a source's existing mapping — nfwalk must give the same tuple. Where it is random
 * — a SNAT/MASQUERADE port remap — the spec pins the range the kernel draws from.
 */
import { describe, expect, it } from 'vitest';
import type { PacketJson } from '../../src/lib/scenario/index';
import { finalHeaders, traceScenario, udp } from '../support/scenario-run';

const nat = (...lines: string[]) => ['*nat', ...lines, 'COMMIT'];
const POST = ':POSTROUTING ACCEPT [0:0]';
const PRE = ':PREROUTING ACCEPT [0:0]';

/** Each packet's headers after NAT, in scenario order. */
function headers(rules: string[], packets: PacketJson[], host = {}): string[] {
	const { trace } = traceScenario(rules, packets, host);
	return trace.packets.filter((p) => !p.id.includes('.')).map(finalHeaders);
}

const port = (h: string, side: 0 | 1) => Number(h.split(' > ')[side].split(':')[1]);

const CLIENTS = ['10.0.1.2', '10.0.1.3', '10.0.1.4', '10.0.1.5', '10.0.1.6'];

describe('an address from a range is the kernel’s jhash choice (find_best_ips_proto)', () => {
	it('E1 SNAT 10.0.2.100-109: five clients, then two of them to other destinations reuse their mapping', () => {
		const got = headers(
			nat(POST, '-A POSTROUTING -o r-eth1 -j SNAT --to-source 10.0.2.100-10.0.2.109'),
			[
				...CLIENTS.map((c) => udp(c, 5000, '10.0.2.2', 53)),
				udp('10.0.1.2', 5000, '10.0.2.3', 53),
				udp('10.0.1.3', 5000, '10.0.2.4', 53)
			]
		);
		expect(got).toEqual([
			'10.0.2.100:5000 > 10.0.2.2:53',
			'10.0.2.105:5000 > 10.0.2.2:53',
			'10.0.2.103:5000 > 10.0.2.2:53',
			'10.0.2.109:5000 > 10.0.2.2:53',
			'10.0.2.107:5000 > 10.0.2.2:53',
			// The hash alone gives .100 and .101 here; the kernel reuses the existing mapping.
			'10.0.2.100:5000 > 10.0.2.3:53',
			'10.0.2.105:5000 > 10.0.2.4:53'
		]);
	});

	it('E1b without --persistent the destination is part of the hash', () => {
		const got = headers(
			nat(POST, '-A POSTROUTING -o r-eth1 -j SNAT --to-source 10.0.2.100-10.0.2.109'),
			['10.0.2.2', '10.0.2.3', '10.0.2.4', '10.0.2.5', '10.0.2.6'].map((d, i) =>
				udp('10.0.1.2', 5001 + i, d, 53)
			)
		);
		expect(got.map((h) => h.split(':')[0])).toEqual([
			'10.0.2.100',
			'10.0.2.100',
			'10.0.2.101',
			'10.0.2.106',
			'10.0.2.107'
		]);
	});

	it('E2 --persistent hashes the source alone; a clash on the same address moves only the port', () => {
		const got = headers(
			nat(POST, '-A POSTROUTING -o r-eth1 -j SNAT --to-source 10.0.2.100-10.0.2.109 --persistent'),
			[
				...CLIENTS.map((c) => udp(c, 5000, '10.0.2.2', 53)),
				udp('10.0.1.2', 5000, '10.0.2.3', 53),
				udp('10.0.1.3', 5000, '10.0.2.4', 53)
			]
		);
		expect(got.map((h) => h.split(':')[0])).toEqual([
			'10.0.2.109',
			'10.0.2.106',
			'10.0.2.109',
			'10.0.2.107',
			'10.0.2.105',
			'10.0.2.109',
			'10.0.2.106'
		]);
		// 10.0.1.4 hashes onto 10.0.1.2's address: the kernel keeps the address and draws a port
		// (47231 and 32756 in two runs) from 1024-65535.
		expect(port(got[2], 0)).not.toBe(5000);
		expect(port(got[2], 0)).toBeGreaterThanOrEqual(1024);
	});

	it('E3 DNAT 10.0.2.10-19: the same hash picks the destination', () => {
		const got = headers(
			nat(PRE, '-A PREROUTING -i r-eth0 -d 10.0.2.1 -j DNAT --to-destination 10.0.2.10-10.0.2.19'),
			CLIENTS.map((c) => udp(c, 5000, '10.0.2.1', 53))
		);
		expect(got.map((h) => h.split(' > ')[1])).toEqual([
			'10.0.2.13:53',
			'10.0.2.12:53',
			'10.0.2.10:53',
			'10.0.2.17:53',
			'10.0.2.11:53'
		]);
	});
});

describe('ports', () => {
	it('E4/E4b a DNAT port range keeps an in-range port, else takes the lowest free one', () => {
		const got = headers(
			nat(
				PRE,
				'-A PREROUTING -i r-eth0 -p udp -d 10.0.2.1 -j DNAT --to-destination 10.0.2.2:8000-8010'
			),
			[
				udp('10.0.1.2', 5000, '10.0.2.1', 8005),
				udp('10.0.1.2', 5001, '10.0.2.1', 53),
				udp('10.0.1.2', 5001, '10.0.2.1', 54),
				udp('10.0.1.2', 5002, '10.0.2.1', 53),
				udp('10.0.1.2', 5003, '10.0.2.1', 53),
				udp('10.0.1.2', 5003, '10.0.2.1', 8000),
				udp('10.0.1.2', 5003, '10.0.2.1', 8001)
			]
		);
		expect(got.map((h) => port(h, 1))).toEqual([8005, 8000, 8001, 8000, 8000, 8001, 8002]);
	});

	it('E5 a SNAT port range keeps a free in-range port and draws the others from the range', () => {
		const got = headers(
			nat(POST, '-A POSTROUTING -o r-eth1 -p udp -j SNAT --to-source 10.0.2.1:6000-6010'),
			[5000, 6005, 5001].map((s) => udp('10.0.1.2', s, '10.0.2.2', 53))
		);
		expect(port(got[1], 0)).toBe(6005);
		for (const h of [got[0], got[2]]) {
			expect(port(h, 0)).toBeGreaterThanOrEqual(6000);
			expect(port(h, 0)).toBeLessThanOrEqual(6010);
		}
	});

	it('E6 MASQUERADE: a second client with the same source port is moved into 1024-65535', () => {
		const got = headers(nat(POST, '-A POSTROUTING -s 10.0.1.0/24 -o r-eth1 -j MASQUERADE'), [
			udp('10.0.1.2', 7000, '10.0.2.2', 53),
			udp('10.0.1.3', 7000, '10.0.2.2', 53)
		]);
		expect(got[0]).toBe('10.0.2.1:7000 > 10.0.2.2:53');
		expect(got[1]).toMatch(/^10\.0\.2\.1:\d+ > 10\.0\.2\.2:53$/);
		expect(port(got[1], 0)).not.toBe(7000);
		expect(port(got[1], 0)).toBeGreaterThanOrEqual(1024);
	});

	it('E9 a port-only DNAT that would clash cannot move the destination: the null SNAT binding moves the source port', () => {
		const got = headers(
			nat(PRE, POST, '-A PREROUTING -i r-eth0 -p udp -j DNAT --to-destination :8080'),
			[udp('10.0.1.2', 5000, '10.0.2.2', 53), udp('10.0.1.2', 5000, '10.0.2.2', 54)]
		);
		expect(got[0]).toBe('10.0.1.2:5000 > 10.0.2.2:8080');
		expect(got[1]).toMatch(/^10\.0\.1\.2:\d+ > 10\.0\.2\.2:8080$/);
		expect(port(got[1], 0)).not.toBe(5000);
	});

	it('E9 REDIRECT without --to-ports keeps the port; a clash moves the source port at nat INPUT', () => {
		const got = headers(
			nat(PRE, ':INPUT ACCEPT [0:0]', '-A PREROUTING -i r-eth0 -p udp -j REDIRECT'),
			[
				udp('10.0.1.2', 5001, '10.0.2.3', 53),
				udp('10.0.1.2', 5001, '10.0.2.3', 54),
				udp('10.0.1.2', 5001, '10.0.2.4', 53)
			]
		);
		expect(got.slice(0, 2)).toEqual(['10.0.1.2:5001 > 10.0.1.1:53', '10.0.1.2:5001 > 10.0.1.1:54']);
		expect(got[2]).toMatch(/^10\.0\.1\.2:\d+ > 10\.0\.1\.1:53$/);
		expect(port(got[2], 0)).not.toBe(5001);
	});
});

describe('addresses MASQUERADE and NETMAP bind to', () => {
	const twoAddresses = {
		interfaces: [
			{ name: 'r-eth0', addresses: ['10.0.1.1/24'] },
			{ name: 'r-eth1', addresses: ['10.0.2.1/24', '192.168.50.1/24'] }
		]
	};

	it('E8/E8b MASQUERADE: the out interface’s address in the next hop’s subnet, else its first; a route’s src is ignored', () => {
		const got = headers(
			nat(POST, '-A POSTROUTING -o r-eth1 -j MASQUERADE'),
			[
				udp('10.0.1.2', 5000, '10.0.2.2', 53),
				udp('10.0.1.2', 5000, '192.168.60.5', 53),
				udp('10.0.1.2', 5000, '192.168.70.5', 53),
				udp('10.0.1.2', 5000, '192.168.80.5', 53)
			],
			{
				...twoAddresses,
				routes: [
					{ to: '192.168.60.0/24', via: '192.168.50.2', src: '10.0.2.1' },
					{ to: '192.168.70.0/24', via: '10.0.2.2', src: '192.168.50.1' },
					{ to: '192.168.80.0/24', dev: 'r-eth1' }
				]
			}
		);
		expect(got.map((h) => h.split(':')[0])).toEqual([
			'10.0.2.1',
			'192.168.50.1',
			'10.0.2.1',
			'10.0.2.1'
		]);
	});

	it('E8c with 192.168.50.1 listed first, an on-link destination in neither subnet gets it', () => {
		const got = headers(
			nat(POST, '-A POSTROUTING -o r-eth1 -j MASQUERADE'),
			[udp('10.0.1.2', 5000, '192.168.80.5', 53), udp('10.0.1.2', 5001, '10.0.2.2', 53)],
			{
				interfaces: [
					{ name: 'r-eth0', addresses: ['10.0.1.1/24'] },
					{ name: 'r-eth1', addresses: ['192.168.50.1/24', '10.0.2.1/24'] }
				],
				routes: [{ to: '192.168.80.0/24', dev: 'r-eth1' }]
			}
		);
		expect(got.map((h) => h.split(':')[0])).toEqual(['192.168.50.1', '10.0.2.1']);
	});

	it('E7 NETMAP maps the network part and keeps the host part, both ways', () => {
		const got = headers(
			nat(
				PRE,
				POST,
				'-A PREROUTING -d 10.0.9.0/24 -j NETMAP --to 10.0.2.0/24',
				'-A POSTROUTING -o r-eth1 -j NETMAP --to 10.0.7.0/24'
			),
			[udp('10.0.1.2', 5000, '10.0.9.2', 53), udp('10.0.1.2', 5000, '10.0.9.77', 53)]
		);
		expect(got).toEqual(['10.0.7.2:5000 > 10.0.2.2:53', '10.0.7.2:5000 > 10.0.2.77:53']);
	});
});
