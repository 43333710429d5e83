/**
 * NAT on conntrack against the kernel facts of netfilter-semantics.md §1.4 and §4, one describe
 * per section, each case a bullet of it. Scenarios are written as the scenario file spells them,
 * on the topology the facts were verified on (r-eth0 10.0.1.1/24 to the client side, r-eth1
 * 10.0.2.1/24 to the server side).
 */
import { describe, expect, it } from 'vitest';
import type { PacketTrace, Step } from '../../src/lib/engine/sim/trace';
import { formatIPv4 } from '../../src/lib/engine/parse/values';
import type { PacketJson } from '../../src/lib/scenario/index';
import { finalHeaders, traceScenario as trace } from '../support/scenario-run';

/** The kernel lines of one packet, e.g. `['nat:PREROUTING:rule:1:ACCEPT']`. */
function linesOf(kernel: string, id: string): string[] {
	const blocks = kernel.split('# packet ').slice(1);
	const block = blocks.find((b) => b.split('\n')[0] === id);
	return block ? block.split('\n').slice(1).filter(Boolean) : [];
}

const natLines = (kernel: string, id: string) =>
	linesOf(kernel, id).filter((l) => l.startsWith('nat:'));

const packet = (t: { packets: PacketTrace[] }, id: string) => t.packets.find((p) => p.id === id)!;

/** The index of the first step matching `test`, for ordering checks. */
const stepIndex = (p: PacketTrace, test: (s: Step) => boolean) => p.steps.findIndex(test);

const udp = (over: Partial<PacketJson> = {}): PacketJson => ({
	from: 'r-eth0',
	proto: 'udp',
	src: '10.0.1.2',
	sport: 5000,
	dst: '10.0.2.2',
	dport: 53,
	...over
});

const reply = (over: Partial<PacketJson> = {}): PacketJson => ({
	from: 'r-eth1',
	proto: 'udp',
	src: '10.0.2.2',
	sport: 53,
	dst: '10.0.2.1',
	dport: 5000,
	...over
});

const tcp = (flags: string[], over: Partial<PacketJson> = {}): PacketJson => ({
	from: 'r-eth0',
	proto: 'tcp',
	src: '10.0.1.2',
	sport: 40000,
	dst: '10.0.1.1',
	dport: 80,
	flags,
	...over
});

/** Every nat chain declared, each with a comment probe, so the kernel lines show which ran. */
const NAT_PROBES = [
	'*nat',
	':PREROUTING ACCEPT [0:0]',
	':INPUT ACCEPT [0:0]',
	':OUTPUT ACCEPT [0:0]',
	':POSTROUTING ACCEPT [0:0]',
	'-A POSTROUTING -s 10.0.1.0/24 -o r-eth1 -j MASQUERADE',
	'COMMIT'
];

describe('§1.4 when the nat table is traversed at all', () => {
	it('a NAT target alone turns conntrack on; an empty nat table does not', () => {
		const { trace: on } = trace(NAT_PROBES, [udp()]);
		expect(on.packets[0].steps.some((s) => s.type === 'conntrack')).toBe(true);
		const { trace: off } = trace(['*nat', ':PREROUTING ACCEPT [0:0]', 'COMMIT'], [udp()]);
		expect(off.packets[0].steps.some((s) => s.type === 'conntrack')).toBe(false);
	});

	it('only the first packet of a connection: the reply and a later packet take no nat chain', () => {
		const { kernel } = trace(NAT_PROBES, [udp(), reply(), udp()]);
		expect(natLines(kernel, '1')).toEqual([
			'nat:PREROUTING:policy:ACCEPT',
			'nat:POSTROUTING:rule:1:ACCEPT'
		]);
		expect(natLines(kernel, '2')).toEqual([]);
		expect(natLines(kernel, '3')).toEqual([]);
	});

	it('a second packet before any reply is still NEW but its bindings are set up: no nat chain', () => {
		const { trace: t, kernel } = trace(NAT_PROBES, [udp(), udp()]);
		const lookup = packet(t, '2').steps.find((s) => s.type === 'conntrack');
		expect(lookup && lookup.type === 'conntrack' && lookup.state).toBe('NEW');
		expect(natLines(kernel, '2')).toEqual([]);
		expect(finalHeaders(packet(t, '2'))).toBe('10.0.2.1:5000 > 10.0.2.2:53');
	});

	it('INVALID packets (a bare SYN-ACK) skip nat and are not translated', () => {
		const { trace: t, kernel } = trace(
			[...NAT_PROBES.slice(0, -1), '-A PREROUTING -j DNAT --to-destination 10.0.2.2', 'COMMIT'],
			[tcp(['SYN', 'ACK'], { dst: '10.0.2.9' })]
		);
		expect(natLines(kernel, '1')).toEqual([]);
		expect(finalHeaders(packet(t, '1'))).toBe('10.0.1.2:40000 > 10.0.2.9:80');
	});

	it('UNTRACKED packets skip nat: a MASQUERADE that would match does nothing', () => {
		const { trace: t, kernel } = trace(
			[
				'*raw',
				':PREROUTING ACCEPT [0:0]',
				'-A PREROUTING -p udp --dport 53 -j CT --notrack',
				'COMMIT',
				...NAT_PROBES
			],
			[udp(), udp({ sport: 5001, dport: 5353 })]
		);
		expect(natLines(kernel, '1')).toEqual([]);
		expect(finalHeaders(packet(t, '1'))).toBe('10.0.1.2:5000 > 10.0.2.2:53');
		expect(natLines(kernel, '2')).toEqual([
			'nat:PREROUTING:policy:ACCEPT',
			'nat:POSTROUTING:rule:1:ACCEPT'
		]);
		expect(finalHeaders(packet(t, '2'))).toBe('10.0.2.1:5001 > 10.0.2.2:5353');
	});

	it('the input side of loopback skips nat PREROUTING and INPUT', () => {
		const { kernel } = trace(NAT_PROBES, [
			{ from: 'local', proto: 'udp', sport: 6000, dst: '127.0.0.1', dport: 53 }
		]);
		expect(natLines(kernel, '1')).toEqual([
			'nat:OUTPUT:policy:ACCEPT',
			'nat:POSTROUTING:policy:ACCEPT'
		]);
	});

	it('with conntrack off (no rule needs it) the nat chains never run', () => {
		const { trace: t, kernel } = trace(
			[
				'*nat',
				':PREROUTING ACCEPT [0:0]',
				':POSTROUTING ACCEPT [0:0]',
				'-A PREROUTING -m comment --comment probe',
				'COMMIT'
			],
			[udp()]
		);
		expect(natLines(kernel, '1')).toEqual([]);
		expect(t.packets[0].steps.some((s) => s.type === 'conntrack')).toBe(false);
	});

	it('§3.6 a first packet dropped before confirm leaves no binding: its retransmission walks nat again', () => {
		const { kernel } = trace(
			[
				...NAT_PROBES,
				'*filter',
				':FORWARD ACCEPT [0:0]',
				'-A FORWARD -p udp -m limit --limit 1/hour --limit-burst 1 -j DROP',
				'COMMIT'
			],
			[udp(), udp()]
		);
		expect(linesOf(kernel, '1')).toContain('filter:FORWARD:rule:1:DROP');
		expect(natLines(kernel, '2')).toEqual([
			'nat:PREROUTING:policy:ACCEPT',
			'nat:POSTROUTING:rule:1:ACCEPT'
		]);
	});
});

const DNAT_WEB = [
	'*mangle',
	':PREROUTING ACCEPT [0:0]',
	':POSTROUTING ACCEPT [0:0]',
	'-A PREROUTING -d 10.0.1.1/32 -m comment --comment pre-sees-public',
	'-A POSTROUTING -s 10.0.2.2/32 -m comment --comment post-sees-internal',
	'COMMIT',
	'*nat',
	':PREROUTING ACCEPT [0:0]',
	':POSTROUTING ACCEPT [0:0]',
	'-A PREROUTING -d 10.0.1.1/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.0.2.2:80',
	'-A PREROUTING -p tcp -m comment --comment after-dnat',
	'COMMIT',
	'*filter',
	':INPUT ACCEPT [0:0]',
	':FORWARD DROP [0:0]',
	'-A FORWARD -d 10.0.2.2/32 -p tcp -m tcp --dport 80 -m conntrack --ctstate NEW --ctorigdst 10.0.1.1 -j ACCEPT',
	'-A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT',
	'COMMIT'
];

const HANDSHAKE: PacketJson[] = [
	tcp(['SYN']),
	{
		from: 'r-eth1',
		proto: 'tcp',
		src: '10.0.2.2',
		sport: 80,
		dst: '10.0.1.2',
		dport: 40000,
		flags: ['SYN', 'ACK']
	},
	tcp(['ACK'])
];

describe('§4.1 only the first packet of a connection sees nat chains', () => {
	it('a NAT target ends the nat chain (kernel verdict ACCEPT); the later nat rule never runs', () => {
		const { kernel } = trace(DNAT_WEB, HANDSHAKE);
		expect(natLines(kernel, '1')).toEqual([
			'nat:PREROUTING:rule:1:ACCEPT',
			'nat:POSTROUTING:policy:ACCEPT'
		]);
	});

	it('the destination is rewritten at −100: mangle PREROUTING still sees the public address', () => {
		const { trace: t, kernel } = trace(DNAT_WEB, HANDSHAKE);
		expect(linesOf(kernel, '1')[0]).toBe('mangle:PREROUTING:rule:1:CONTINUE');
		const p1 = packet(t, '1');
		const rewrite = stepIndex(p1, (s) => s.type === 'effect' && s.effect.type === 'nat');
		const route = stepIndex(p1, (s) => s.type === 'route');
		expect(rewrite).toBeGreaterThan(0);
		expect(rewrite).toBeLessThan(route);
	});

	it('later packets are translated by conntrack alone, with no nat chain', () => {
		const { trace: t, kernel } = trace(DNAT_WEB, HANDSHAKE);
		expect(natLines(kernel, '3')).toEqual([]);
		expect(finalHeaders(packet(t, '3'))).toBe('10.0.1.2:40000 > 10.0.2.2:80');
	});

	it('the reply is de-DNATed at POSTROUTING +100: mangle POSTROUTING still sees the internal source', () => {
		const { trace: t, kernel } = trace(DNAT_WEB, HANDSHAKE);
		expect(linesOf(kernel, '2')).toContain('mangle:POSTROUTING:rule:1:CONTINUE');
		expect(finalHeaders(packet(t, '2'))).toBe('10.0.1.1:80 > 10.0.1.2:40000');
	});

	it('every step after the lookup carries the entry as it is then: the bind shows the new reply tuple', () => {
		const { trace: t } = trace(DNAT_WEB, HANDSHAKE);
		const p1 = packet(t, '1');
		const bind = p1.steps.find((s) => s.type === 'conntrack' && s.phase === 'bind');
		expect(bind?.ct?.entry?.reply.src).toBe(0x0a000202);
		expect(bind?.ct?.entry?.status.dstNat).toBe(true);
		const dnatRule = p1.steps.find((s) => s.type === 'rule' && s.target === 'DNAT');
		expect(dnatRule?.ct?.entry?.status.dstNat).toBe(true);
		const lookup = p1.steps.find((s) => s.type === 'conntrack' && s.phase === 'lookup');
		expect(lookup?.ct?.entry?.status.dstNat).toBe(false);
		const last = p1.steps[p1.steps.length - 1];
		expect(last.ct?.entry?.status.confirmed).toBe(true);
		const beforeLookup = p1.steps.slice(
			0,
			stepIndex(p1, (s) => s.type === 'conntrack')
		);
		expect(beforeLookup.every((s) => s.ct === undefined)).toBe(true);
	});
});

describe('§4.2 DNAT in PREROUTING changes the routing decision, and filter sees the new address', () => {
	it('a packet for the host’s own address DNATed elsewhere goes to FORWARD, not INPUT', () => {
		const { trace: t, kernel } = trace(DNAT_WEB, HANDSHAKE);
		expect(linesOf(kernel, '1')).toContain('filter:FORWARD:rule:1:ACCEPT');
		expect(linesOf(kernel, '1').some((l) => l.startsWith('filter:INPUT'))).toBe(false);
		expect(packet(t, '1').fate).toMatchObject({ type: 'sent', outIface: 'r-eth1' });
	});

	it('filter FORWARD matches the translated destination; --ctorigdst recovers the original', () => {
		// A rule for the public address placed first never matches: FORWARD sees 10.0.2.2 only.
		const rules = [...DNAT_WEB.slice(0, -1), '-I FORWARD 1 -d 10.0.1.1/32 -j DROP', 'COMMIT'];
		const { kernel } = trace(rules, HANDSHAKE);
		expect(linesOf(kernel, '1')).not.toContain('filter:FORWARD:rule:1:DROP');
		expect(linesOf(kernel, '1')).toContain('filter:FORWARD:rule:2:ACCEPT');
	});

	it.each([
		['--ctorigdst 10.0.1.1 --ctorigdstport 80', true],
		['--ctrepldst 10.0.1.2 --ctreplsrc 10.0.2.2 --ctreplsrcport 80', true],
		['--ctreplsrc 10.0.1.1', false],
		['--ctstate DNAT', true],
		['--ctstate SNAT', false]
	])('--ctorig*/--ctrepl* read the translated flow: %s matches: %s', (test, matches) => {
		const rules = [
			...DNAT_WEB.slice(0, -1),
			`-I FORWARD 1 -m conntrack ${test} -j ACCEPT`,
			'COMMIT'
		];
		const { kernel } = trace(rules, HANDSHAKE.slice(0, 1));
		expect(linesOf(kernel, '1').includes('filter:FORWARD:rule:1:ACCEPT')).toBe(matches);
	});
});

describe('§4.3 SNAT / MASQUERADE in POSTROUTING, and de-SNAT of replies', () => {
	const rules = [
		'*mangle',
		':PREROUTING ACCEPT [0:0]',
		'-A PREROUTING -d 10.0.2.1/32 -m comment --comment reply-still-for-router',
		'COMMIT',
		'*nat',
		':POSTROUTING ACCEPT [0:0]',
		'-A POSTROUTING -s 10.0.1.2/32 -m comment --comment nat-post-sees-original-source',
		'-A POSTROUTING -o r-eth1 -p udp -j SNAT --to-source 10.0.2.1',
		'-A POSTROUTING -o r-eth1 -p tcp -j MASQUERADE',
		'COMMIT'
	];

	it('nat POSTROUTING sees the original source; the change shows only after +100', () => {
		const { trace: t, kernel } = trace(rules, [udp()]);
		expect(natLines(kernel, '1')).toEqual([
			'nat:POSTROUTING:rule:1:CONTINUE',
			'nat:POSTROUTING:rule:2:ACCEPT'
		]);
		expect(finalHeaders(packet(t, '1'))).toBe('10.0.2.1:5000 > 10.0.2.2:53');
	});

	it('MASQUERADE takes the out interface’s address and keeps a free source port', () => {
		const { trace: t } = trace(rules, [tcp(['SYN'], { dst: '10.0.2.2', sport: 41148 })]);
		expect(finalHeaders(packet(t, '1'))).toBe('10.0.2.1:41148 > 10.0.2.2:80');
	});

	it('the reply for 10.0.2.1 is de-SNATed before routing and forwarded, never delivered', () => {
		const { trace: t, kernel } = trace(rules, [udp(), reply()]);
		expect(linesOf(kernel, '2')).toContain('mangle:PREROUTING:rule:1:CONTINUE');
		const p2 = packet(t, '2');
		expect(finalHeaders(p2)).toBe('10.0.2.2:53 > 10.0.1.2:5000');
		expect(p2.fate).toMatchObject({ type: 'sent', outIface: 'r-eth0' });
		expect(p2.steps.some((s) => s.type === 'hook' && s.hook === 'INPUT')).toBe(false);
	});
});

describe('§4.4 REDIRECT', () => {
	const rules = [
		'*nat',
		':PREROUTING ACCEPT [0:0]',
		':OUTPUT ACCEPT [0:0]',
		'-A PREROUTING -i r-eth0 -p tcp -m tcp --dport 80 -j REDIRECT --to-ports 8080',
		'-A OUTPUT -o r-eth1 -p tcp -m tcp --dport 80 -j REDIRECT --to-ports 8080',
		'COMMIT',
		'*filter',
		':INPUT ACCEPT [0:0]',
		':OUTPUT ACCEPT [0:0]',
		'-A INPUT -p tcp -m conntrack --ctstate DNAT -m comment --comment input-ctstate-DNAT',
		'-A OUTPUT -o r-eth1 -m comment --comment output-still-r-eth1',
		'COMMIT'
	];
	const listening = [{ proto: 'tcp' as const, port: 8080 }];

	it('in PREROUTING the destination becomes the incoming interface’s address and --to-ports; INPUT follows', () => {
		const { trace: t, kernel } = trace(rules, [tcp(['SYN'], { dst: '10.0.2.2' })], { listening });
		const p1 = packet(t, '1');
		expect(finalHeaders(p1)).toBe('10.0.1.2:40000 > 10.0.1.1:8080');
		expect(p1.fate).toMatchObject({ type: 'delivered' });
		expect(linesOf(kernel, '1')).toContain('filter:INPUT:rule:1:CONTINUE');
	});

	it('the stack’s SYN-ACK leaves from the redirected address and is rewritten back after the last chain', () => {
		const { trace: t } = trace(rules, [tcp(['SYN'], { dst: '10.0.2.2' })], { listening });
		expect(finalHeaders(packet(t, '1.1'))).toBe('10.0.2.2:80 > 10.0.1.2:40000');
	});

	it('in nat OUTPUT the destination becomes 127.0.0.1: rerouted to lo, filter OUTPUT still sees r-eth1', () => {
		const { trace: t, kernel } = trace(
			rules,
			[{ from: 'local', proto: 'tcp', sport: 41000, dst: '10.0.2.2', dport: 80, flags: ['SYN'] }],
			{ listening }
		);
		const p1 = packet(t, '1');
		expect(linesOf(kernel, '1')).toContain('filter:OUTPUT:rule:1:CONTINUE');
		expect(finalHeaders(p1)).toBe('10.0.2.1:41000 > 127.0.0.1:8080');
		expect(p1.fate).toMatchObject({ type: 'delivered' });
		// Back in over lo: no nat PREROUTING, and --ctstate DNAT matches in INPUT.
		expect(natLines(kernel, '1')).toEqual(['nat:OUTPUT:rule:1:ACCEPT']);
		expect(linesOf(kernel, '1')).toContain('filter:INPUT:rule:1:CONTINUE');
	});
});

describe('§4.5 nat OUTPUT (DNAT from local processes) and nat INPUT (SNAT towards local sockets)', () => {
	it('DNAT in nat OUTPUT reroutes, but the source the first route chose stays', () => {
		const { trace: t } = trace(
			[
				'*nat',
				':OUTPUT ACCEPT [0:0]',
				'-A OUTPUT -d 10.0.9.9/32 -p tcp -j DNAT --to-destination 10.0.2.2',
				'COMMIT'
			],
			[{ from: 'local', proto: 'tcp', sport: 45716, dst: '10.0.9.9', dport: 80, flags: ['SYN'] }],
			{ routes: [{ to: 'default', via: '10.0.1.2' }] }
		);
		const p1 = packet(t, '1');
		expect(finalHeaders(p1)).toBe('10.0.1.1:45716 > 10.0.2.2:80');
		expect(p1.fate).toMatchObject({ type: 'sent', outIface: 'r-eth1' });
	});

	it('a reply to an OUTPUT DNAT is de-DNATed at INPUT +100: filter INPUT sees the real server', () => {
		const { trace: t, kernel } = trace(
			[
				'*nat',
				':OUTPUT ACCEPT [0:0]',
				'-A OUTPUT -d 10.0.9.9/32 -p tcp -j DNAT --to-destination 10.0.2.2',
				'COMMIT',
				'*filter',
				':INPUT ACCEPT [0:0]',
				'-A INPUT -s 10.0.2.2/32 -m comment --comment input-sees-real-server',
				'COMMIT'
			],
			[
				{ from: 'local', proto: 'tcp', sport: 45716, dst: '10.0.9.9', dport: 80, flags: ['SYN'] },
				{
					from: 'r-eth1',
					proto: 'tcp',
					src: '10.0.2.2',
					sport: 80,
					dst: '10.0.1.1',
					dport: 45716,
					flags: ['SYN', 'ACK']
				}
			],
			{ routes: [{ to: 'default', via: '10.0.1.2' }] }
		);
		expect(linesOf(kernel, '2')).toContain('filter:INPUT:rule:1:CONTINUE');
		expect(finalHeaders(packet(t, '2'))).toBe('10.0.9.9:80 > 10.0.1.1:45716');
		expect(packet(t, '2').fate.type).toBe('delivered');
	});

	it('SNAT in nat INPUT changes the source the socket sees; its answer goes back to the real client', () => {
		const { trace: t } = trace(
			[
				'*nat',
				':INPUT ACCEPT [0:0]',
				'-A INPUT -p tcp -m tcp --dport 8080 -j SNAT --to-source 10.0.1.99',
				'COMMIT'
			],
			[tcp(['SYN'], { dport: 8080 })],
			{ listening: [{ proto: 'tcp', port: 8080 }] }
		);
		expect(finalHeaders(packet(t, '1'))).toBe('10.0.1.99:40000 > 10.0.1.1:8080');
		const synAck = packet(t, '1.1');
		expect(`${formatIPv4(synAck.packet.dst)}`).toBe('10.0.1.99');
		expect(finalHeaders(synAck)).toBe('10.0.1.1:8080 > 10.0.1.2:40000');
	});
});

describe('§4.6 existing connections keep the binding they got', () => {
	it('a null binding (no NAT rule matched the first packet) stays, even when a later packet would match', () => {
		// nth counts the packets reaching the rule: the first packet (0) is not NATed; the
		// connection's second packet would be number 1, but never walks the nat table.
		const rules = [
			'*nat',
			':PREROUTING ACCEPT [0:0]',
			'-A PREROUTING -p udp -m statistic --mode nth --every 2 --packet 1 -j DNAT --to-destination 10.0.2.9',
			'COMMIT'
		];
		const { trace: t } = trace(rules, [udp(), udp(), udp({ sport: 5001 })]);
		expect(finalHeaders(packet(t, '2'))).toBe('10.0.1.2:5000 > 10.0.2.2:53');
		// A new connection is the rule's second evaluation and is translated.
		expect(finalHeaders(packet(t, '3'))).toBe('10.0.1.2:5001 > 10.0.2.9:53');
	});

	it('once the entry is gone (here: expired, as after conntrack -D) the next packet is NEW and bound afresh', () => {
		const rules = [
			'*nat',
			':PREROUTING ACCEPT [0:0]',
			'-A PREROUTING -p udp -m statistic --mode nth --every 2 --packet 1 -j DNAT --to-destination 10.0.2.9',
			'COMMIT'
		];
		// UDP entries without a reply live 30 s.
		const { trace: t, kernel } = trace(rules, [
			udp({ time: 0 }),
			udp({ time: 10 }),
			udp({ time: 60 })
		]);
		expect(natLines(kernel, '2')).toEqual([]);
		expect(natLines(kernel, '3')).toEqual(['nat:PREROUTING:rule:1:ACCEPT']);
		expect(finalHeaders(packet(t, '3'))).toBe('10.0.1.2:5000 > 10.0.2.9:53');
	});
});

describe('§4.7 verdicts in the nat table', () => {
	it('ACCEPT in a nat chain means no translation: the DNAT after it is skipped', () => {
		const rules = [
			'*nat',
			':PREROUTING ACCEPT [0:0]',
			'-A PREROUTING -p udp -m udp --dport 5353 -j ACCEPT',
			'-A PREROUTING -p udp -j DNAT --to-destination 10.0.2.9',
			'COMMIT'
		];
		const { trace: t, kernel } = trace(rules, [udp({ dport: 5353 }), udp({ sport: 5001 })]);
		expect(natLines(kernel, '1')).toEqual(['nat:PREROUTING:rule:1:ACCEPT']);
		expect(finalHeaders(packet(t, '1'))).toBe('10.0.1.2:5000 > 10.0.2.2:5353');
		expect(finalHeaders(packet(t, '2'))).toBe('10.0.1.2:5001 > 10.0.2.9:53');
	});

	it('a DROP policy drops the first packet of every connection falling off the end, and nothing else', () => {
		// The MASQUERADE rule is what turns conntrack on; without it nat never runs at all (§1.4).
		const rules = [
			'*nat',
			':PREROUTING DROP [0:0]',
			':POSTROUTING ACCEPT [0:0]',
			'-A PREROUTING -p udp -m udp --dport 5353 -j ACCEPT',
			'-A POSTROUTING -o r-eth9 -j MASQUERADE',
			'COMMIT'
		];
		const { trace: t, kernel } = trace(rules, [
			udp(),
			udp({ dport: 5353 }),
			reply({ sport: 5353, dst: '10.0.1.2' })
		]);
		expect(natLines(kernel, '1')).toEqual(['nat:PREROUTING:policy:DROP']);
		expect(packet(t, '1').fate.type).toBe('dropped');
		expect(packet(t, '2').fate.type).toBe('sent');
		expect(natLines(kernel, '3')).toEqual([]);
		expect(packet(t, '3').fate.type).toBe('sent');
	});
});

describe('§4.8 implicit port remapping without any matching NAT rule', () => {
	it('a local flow that would clash with a masqueraded flow’s reply gets another source port', () => {
		const rules = [
			'*nat',
			':POSTROUTING ACCEPT [0:0]',
			'-A POSTROUTING -s 10.0.1.0/24 -o r-eth1 -j MASQUERADE',
			'COMMIT'
		];
		const { trace: t, kernel } = trace(rules, [
			udp({ sport: 7000 }),
			{ from: 'local', proto: 'udp', sport: 7000, dst: '10.0.2.2', dport: 53 }
		]);
		expect(finalHeaders(packet(t, '1'))).toBe('10.0.2.1:7000 > 10.0.2.2:53');
		expect(natLines(kernel, '2')).toEqual(['nat:POSTROUTING:policy:ACCEPT']);
		const p2 = packet(t, '2');
		const bind = p2.steps.find((s) => s.type === 'conntrack' && s.phase === 'bind');
		expect(bind && bind.type === 'conntrack' && bind.text).toMatch(/null binding.*§4\.8/);
		const port = Number(finalHeaders(p2).split(' > ')[0].split(':')[1]);
		expect(port).not.toBe(7000);
		expect(port).toBeGreaterThanOrEqual(1024);
	});

	it('without any nat table nothing is bound, so nothing is remapped', () => {
		const rules = [
			'*filter',
			':OUTPUT ACCEPT [0:0]',
			'-A OUTPUT -m conntrack --ctstate NEW',
			'COMMIT'
		];
		const { trace: t } = trace(rules, [
			{ from: 'local', proto: 'udp', sport: 7000, dst: '10.0.2.2', dport: 53 }
		]);
		expect(t.packets[0].steps.some((s) => s.type === 'conntrack' && s.phase === 'bind')).toBe(
			false
		);
	});
});
