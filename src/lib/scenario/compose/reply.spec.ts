import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRuleset } from '../../engine/index';
import type { HostJson, PacketJson, ScenarioJson } from '../scenario';
import { icmpErrorAbout, replyTo } from './reply';
import { walkPackets } from './walk-packets';

/** A rules-examples scenario and the trace of its packets. */
function example(name: string) {
	const url = new URL(`../../../../rules-examples/${name}.json`, import.meta.url);
	const doc = JSON.parse(readFileSync(url, 'utf8')) as ScenarioJson;
	const rules = Array.isArray(doc.rules) ? doc.rules.join('\n') + '\n' : doc.rules;
	const { ruleset } = parseRuleset(rules);
	const trace = walkPackets(doc.host, ruleset, doc.packets);
	if (!trace) throw new Error(`${name} does not walk`);
	return { doc, ruleset, trace };
}

/** The answer's packet, without the fields a reply never copies. */
function bare(p: PacketJson): PacketJson {
	const { payload: _payload, time: _time, ...rest } = p;
	void _payload;
	void _time;
	return rest;
}

describe('replyTo through NAT, against the home router example', () => {
	const { doc, trace } = example('home-router');
	// The example's packets answer one another: each reply is the next packet as written there.
	it.each([
		[0, 'the SYN to the forwarded port 8080 is answered by the web server 10.0.1.2:80 on r-eth0'],
		[1, "the web server's SYN-ACK is answered to the router's 10.0.2.1:8080 from r-eth1"],
		[3, 'the request is acknowledged by the server', { flags: ['ACK'], payload: undefined }],
		[5, "the client's FIN gets the server's FIN-ACK"],
		[6, "the server's FIN, after the client's, gets only an ACK (conntrack is in LAST_ACK)"],
		[8, 'the masqueraded DNS query is answered to the router address 10.0.2.1 on r-eth1']
	] as [number, string, Partial<PacketJson>?][])('packet %i: %s', (index, _why, differs = {}) => {
		const answer = replyTo(doc.packets[index], doc.host, { trace, index });
		const expected = bare({ ...doc.packets[index + 1], ...differs });
		if (differs.payload === undefined) delete expected.payload;
		expect(answer).toMatchObject({ ok: true, basis: 'trace' });
		expect(answer.ok && answer.packet).toEqual(expected);
	});

	it('without the walk, the same SYN is answered from the address it was sent to', () => {
		const answer = replyTo(doc.packets[0], doc.host);
		// The routes alone do not know the DNAT: the answer comes from 10.0.2.1 itself.
		expect(answer).toMatchObject({
			ok: true,
			basis: 'routes',
			packet: { from: 'local', src: '10.0.2.1', sport: 8080, dst: '10.0.2.2', dport: 40000 }
		});
	});

	it('ignores a walk that no longer shows the packet (an edit since)', () => {
		const edited = { ...doc.packets[0], dport: 8081 };
		const answer = replyTo(edited, doc.host, { trace, index: 0 });
		expect(answer).toMatchObject({ ok: true, basis: 'routes', packet: { sport: 8081 } });
	});
});

const ROUTER: HostJson = {
	interfaces: [
		{ name: 'eth0', addresses: ['10.0.1.1/24'] },
		{ name: 'eth1', addresses: ['10.0.2.1/24'] }
	],
	routes: [{ to: 'default', via: '10.0.2.254', dev: 'eth1' }],
	forwarding: true
};

const tcp = (fields: Partial<PacketJson>): PacketJson => ({
	from: 'eth0',
	proto: 'tcp',
	src: '10.0.1.2',
	sport: 40000,
	dst: '8.8.8.8',
	dport: 443,
	flags: ['SYN'],
	...fields
});

describe('replyTo by the routes', () => {
	it.each([
		[
			'a SYN gets a SYN-ACK, arriving where the route to 8.8.8.8 leaves',
			tcp({}),
			{
				from: 'eth1',
				src: '8.8.8.8',
				sport: 443,
				dst: '10.0.1.2',
				dport: 40000,
				flags: ['SYN', 'ACK']
			}
		],
		['a SYN-ACK gets an ACK', tcp({ flags: ['syn', 'ack'] }), { flags: ['ACK'] }],
		[
			'data gets an ACK, without the data',
			tcp({ flags: ['PSH', 'ACK'], payload: 'x' }),
			{ flags: ['ACK'] }
		],
		[
			'a FIN gets a FIN-ACK when the walk does not say the other side closed',
			tcp({ flags: ['FIN', 'ACK'] }),
			{ flags: ['FIN', 'ACK'] }
		],
		[
			'a packet to the host itself is answered by the host',
			tcp({ dst: '10.0.2.1', dport: 22 }),
			{ from: 'local', src: '10.0.2.1', sport: 22 }
		],
		[
			'an echo request gets an echo reply with its id',
			{ from: 'eth0', proto: 'icmp', src: '10.0.1.2', dst: '10.0.2.9', type: 8, code: 0, id: 7 },
			{ from: 'eth1', proto: 'icmp', type: 0, code: 0, id: 7, src: '10.0.2.9', dst: '10.0.1.2' }
		],
		[
			'a timestamp request gets a timestamp reply',
			{ from: 'eth0', proto: 'icmp', src: '10.0.1.2', dst: '10.0.2.9', type: 13, code: 0, id: 3 },
			{ type: 14, id: 3 }
		],
		[
			'a local packet without a source is answered to the source routing gives it',
			{ from: 'local', proto: 'udp', sport: 5353, dst: '10.0.2.9', dport: 53 },
			{ from: 'eth1', src: '10.0.2.9', sport: 53, dst: '10.0.2.1', dport: 5353 }
		],
		[
			'a protocol without ports swaps the ends only',
			{ from: 'eth0', proto: 'gre', src: '10.0.1.2', dst: '10.0.2.9' },
			{ from: 'eth1', proto: 'gre', src: '10.0.2.9', dst: '10.0.1.2' }
		]
	] as [string, PacketJson, Partial<PacketJson>][])('%s', (_why, packet, expected) => {
		const answer = replyTo(packet, ROUTER);
		expect(answer).toMatchObject({ ok: true, basis: 'routes', packet: expected });
	});

	it('a bare ACK is answered with an ACK, and says TCP would not', () => {
		const answer = replyTo(tcp({ flags: ['ACK'] }), ROUTER);
		expect(answer).toMatchObject({ ok: true, packet: { flags: ['ACK'] } });
		expect(answer.ok && answer.note).toMatch(/bare ACK/);
	});

	it.each([
		['a RST', tcp({ flags: ['RST'] }), ROUTER, /RST/],
		[
			'an ICMP error',
			{
				...tcp({}),
				proto: 'icmp',
				type: 3,
				code: 3,
				sport: undefined,
				dport: undefined,
				flags: undefined
			},
			ROUTER,
			/ICMP error/
		],
		[
			'an echo reply',
			{ from: 'eth0', proto: 'icmp', src: '10.0.1.2', dst: '10.0.2.9', type: 0, code: 0, id: 1 },
			ROUTER,
			/type 0/
		],
		['a packet with no route', tcp({}), { ...ROUTER, routes: [] }, /no route to 8\.8\.8\.8/],
		[
			'a packet on a broken host',
			tcp({}),
			{ interfaces: [{ name: 'eth0', addresses: ['10.0.1.300/24'] }] },
			/host has errors/
		],
		['an unknown protocol', tcp({ proto: 'nope' }), ROUTER, /not a protocol/]
	] as [string, PacketJson, HostJson, RegExp][])(
		'%s gets no reply',
		(_what, packet, host, reason) => {
			const answer = replyTo(packet, host);
			expect(answer.ok).toBe(false);
			expect(!answer.ok && answer.reason).toMatch(reason);
		}
	);
});

describe('replyTo with a walk where the packet did not get through', () => {
	it('answers by the routes and says the packet was dropped', () => {
		const { doc, ruleset } = example('home-router');
		// filter INPUT drops ssh from the internet side.
		const ssh = tcp({ from: 'r-eth1', src: '10.0.2.2', dst: '10.0.2.1', dport: 22 });
		const trace = walkPackets(doc.host, ruleset, [ssh])!;
		expect(trace.packets[0].fate.type).toBe('dropped');
		const answer = replyTo(ssh, doc.host, { trace, index: 0 });
		expect(answer).toMatchObject({ ok: true, basis: 'routes', packet: { from: 'local' } });
		expect(answer.ok && answer.note).toMatch(/packet 1 was dropped/);
	});

	it("says so when the host's own stack answers already", () => {
		const { doc, ruleset } = example('home-router');
		const ping = {
			from: 'r-eth0',
			proto: 'icmp',
			src: '10.0.1.2',
			dst: '10.0.1.1',
			type: 8,
			code: 0,
			id: 9
		};
		const trace = walkPackets(doc.host, ruleset, [ping])!;
		const answer = replyTo(ping, doc.host, { trace, index: 0 });
		expect(answer).toMatchObject({
			ok: true,
			basis: 'trace',
			packet: { from: 'local', type: 0, id: 9 }
		});
		expect(answer.ok && answer.note).toMatch(/already answers packet 1 \(packet 1\.1\)/);
	});
});

describe('icmpErrorAbout', () => {
	it('quotes the datagram as it left through MASQUERADE, as the example writes it', () => {
		const { doc, trace } = example('icmp-error-through-nat');
		const answer = icmpErrorAbout(doc.packets[0], doc.host, { trace, index: 0 });
		expect(answer).toMatchObject({ ok: true, basis: 'trace' });
		expect(answer.ok && answer.packet).toEqual(doc.packets[1]);
	});

	it('quotes an echo request with its type, code and id', () => {
		const ping: PacketJson = {
			from: 'eth0',
			proto: 'icmp',
			src: '10.0.1.2',
			dst: '10.0.2.9',
			type: 8,
			code: 0,
			id: 4
		};
		const answer = icmpErrorAbout(ping, ROUTER, null, { type: 11, code: 0 });
		expect(answer).toMatchObject({
			ok: true,
			packet: {
				from: 'eth1',
				type: 11,
				code: 0,
				src: '10.0.2.9',
				dst: '10.0.1.2',
				embedded: { proto: 'icmp', type: 8, code: 0, id: 4 }
			}
		});
	});

	it('refuses to write an error about an error', () => {
		const error = {
			from: 'eth0',
			proto: 'icmp',
			src: '10.0.1.2',
			dst: '10.0.2.9',
			type: 3,
			code: 1
		};
		expect(icmpErrorAbout(error, ROUTER)).toMatchObject({ ok: false, reason: /never sends/ });
	});
});
