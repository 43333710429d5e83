/**
 * The engine against the kernel facts of netfilter-semantics.md §1, §2, §5: paths, table order,
 * verdict scope, jumps and gotos, routing. Each case names the section it proves.
 */
import { describe, expect, it } from 'vitest';
import { parseRuleset } from '../index';
import type { Host } from './host';
import { MAIN_TABLE } from './host';
import { makePacket } from './matches/test-packet';
import type { Packet } from './packet';
import { simulate, type ScenarioPacket } from './simulate';
import { failedTestOf, type PacketTrace, type Step } from './trace';

const ip = (s: string) => s.split('.').reduce((n, b) => n * 256 + Number(b), 0) >>> 0;

function host(over: Partial<Host> = {}): Host {
	return {
		interfaces: [
			{ name: 'r-eth0', addresses: [{ address: ip('10.0.1.1'), prefix: 24 }] },
			{ name: 'r-eth1', addresses: [{ address: ip('10.0.2.1'), prefix: 24 }] }
		],
		routes: [],
		policyRules: [],
		forwarding: true,
		listening: [],
		ipsets: [],
		backend: 'nft',
		tcpLoose: true,
		statisticSeed: 1,
		clockStart: 0,
		...over
	};
}

/** A route to 10.0.9.0/24 via `via` on `dev` in routing table `table`. */
function route9(via: string, dev: string, table: number): Host['routes'][number] {
	return {
		to: { address: ip('10.0.9.0'), prefix: 24, mask: 0xffffff00 },
		via: ip(via),
		dev,
		table,
		src: null,
		metric: 0
	};
}

/** A forwarded ICMP echo from the client side, unless overridden. */
function wire(over: Partial<Packet> = {}, from = 'r-eth0'): ScenarioPacket {
	return {
		from,
		packet: makePacket({
			proto: 1,
			sport: 0,
			dport: 0,
			flags: 0,
			icmpType: 8,
			icmpId: 7,
			src: ip('10.0.1.2'),
			dst: ip('10.0.2.2'),
			length: 84,
			...over
		})
	};
}

function run(rules: string, packets: ScenarioPacket[], h: Host = host()): PacketTrace[] {
	const { ruleset, diagnostics } = parseRuleset(rules);
	expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
	return simulate(h, ruleset, packets).packets;
}

/** `table:CHAIN` for every base chain entered, in order. */
const chains = (t: PacketTrace) =>
	t.steps
		.filter((s): s is Extract<Step, { type: 'chain' }> => s.type === 'chain')
		.map((s) => `${s.table}:${s.chain}`);

/** Every rule/policy event as the kernel format spells it (without the chain/table filter). */
const events = (t: PacketTrace) =>
	t.steps.flatMap((s) =>
		s.type === 'rule'
			? [`${s.table}:${s.chain}:rule:${s.rule}:${s.verdict}`]
			: s.type === 'policy'
				? [`${s.table}:${s.chain}:policy:${s.verdict}`]
				: []
	);

const ALL_CHAINS = `*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
COMMIT
*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A POSTROUTING -p tcp -m conntrack --ctstate INVALID -j ACCEPT
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
COMMIT
*security
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
COMMIT
`;

describe('§1.2 paths and table order', () => {
	it('forwarded: raw, mangle, nat PRE, mangle/filter/security FORWARD, mangle/nat POST', () => {
		const [t] = run(ALL_CHAINS, [wire()]);
		expect(chains(t)).toEqual([
			'raw:PREROUTING',
			'mangle:PREROUTING',
			'nat:PREROUTING',
			'mangle:FORWARD',
			'filter:FORWARD',
			'security:FORWARD',
			'mangle:POSTROUTING',
			'nat:POSTROUTING'
		]);
		expect(t.fate).toEqual({ type: 'sent', outIface: 'r-eth1', via: null });
	});

	it('locally delivered (nft): mangle, filter, nat, security INPUT — §1.1 security at 150', () => {
		const [t] = run(ALL_CHAINS, [wire({ dst: ip('10.0.2.1') })]);
		expect(chains(t).slice(3)).toEqual([
			'mangle:INPUT',
			'filter:INPUT',
			'nat:INPUT',
			'security:INPUT'
		]);
	});

	it('locally delivered (legacy): security before nat INPUT — §1.1 security at 50', () => {
		const [t] = run(ALL_CHAINS, [wire({ dst: ip('10.0.2.1') })], host({ backend: 'legacy' }));
		expect(chains(t).slice(3)).toEqual([
			'mangle:INPUT',
			'filter:INPUT',
			'security:INPUT',
			'nat:INPUT'
		]);
	});

	it('the echo reply of a delivered ping is generated and walks OUTPUT and POSTROUTING', () => {
		const [req, reply] = run(ALL_CHAINS, [wire({ dst: ip('10.0.1.1') })]);
		expect(req.fate.type).toBe('delivered');
		expect(reply.id).toBe('1.1');
		expect(reply.packet).toMatchObject({
			icmpType: 0,
			icmpId: 7,
			src: ip('10.0.1.1'),
			dst: ip('10.0.1.2')
		});
		// The reply is the connection's second packet: no nat chain (§1.4).
		expect(chains(reply)).toEqual([
			'raw:OUTPUT',
			'mangle:OUTPUT',
			'filter:OUTPUT',
			'security:OUTPUT',
			'mangle:POSTROUTING'
		]);
	});

	it('to loopback: the output leg, then the input leg without nat PREROUTING/INPUT', () => {
		const [t] = run(ALL_CHAINS, [
			{
				from: 'local',
				packet: makePacket({
					proto: 1,
					sport: 0,
					dport: 0,
					flags: 0,
					icmpType: 8,
					src: 0,
					dst: ip('127.0.0.1')
				})
			}
		]);
		expect(chains(t)).toEqual([
			'raw:OUTPUT',
			'mangle:OUTPUT',
			'nat:OUTPUT',
			'filter:OUTPUT',
			'security:OUTPUT',
			'mangle:POSTROUTING',
			'nat:POSTROUTING',
			'raw:PREROUTING',
			'mangle:PREROUTING',
			'mangle:INPUT',
			'filter:INPUT',
			'security:INPUT'
		]);
	});

	it('§1.3 iptables-nft: an undeclared built-in chain does not exist; legacy has them all', () => {
		const rules = '*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n';
		expect(chains(run(rules, [wire()])[0])).toEqual([]);
		expect(chains(run(rules, [wire()], host({ backend: 'legacy' }))[0])).toEqual([
			'filter:FORWARD'
		]);
	});
});

describe('§2 verdicts and chain semantics', () => {
	it('§2.1 ACCEPT in raw and mangle does not stop filter FORWARD DROP', () => {
		const rules = `*raw\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p icmp -j ACCEPT\nCOMMIT\n*mangle\n:PREROUTING ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n-A PREROUTING -p icmp -j ACCEPT\n-A FORWARD -p icmp -j ACCEPT\nCOMMIT\n*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -p icmp -j DROP\nCOMMIT\n`;
		const [t] = run(rules, [wire()]);
		expect(events(t)).toEqual([
			'raw:PREROUTING:rule:1:ACCEPT',
			'mangle:PREROUTING:rule:1:ACCEPT',
			'mangle:FORWARD:rule:1:ACCEPT',
			'filter:FORWARD:rule:1:DROP'
		]);
		expect(t.fate).toMatchObject({
			type: 'dropped',
			by: { table: 'filter', chain: 'FORWARD', rule: 1 }
		});
	});

	it('§2.1 ACCEPT inside a user chain ends the base chain; the next table still runs', () => {
		const rules = `*filter\n:FORWARD ACCEPT [0:0]\n:U - [0:0]\n-A FORWARD -j U\n-A FORWARD -j DROP\n-A U -j ACCEPT\nCOMMIT\n*security\n:FORWARD ACCEPT [0:0]\nCOMMIT\n`;
		const [t] = run(rules, [wire()]);
		expect(events(t)).toEqual([
			'filter:FORWARD:rule:1:JUMP',
			'filter:U:rule:1:ACCEPT',
			'security:FORWARD:policy:ACCEPT'
		]);
		expect(t.fate.type).toBe('sent');
	});

	it('§2.3 goto, implicit return to the last jump, RETURN in a built-in chain applies the policy', () => {
		const rules = [
			'*filter',
			':FORWARD DROP [0:0]',
			':A - [0:0]',
			':B - [0:0]',
			':C - [0:0]',
			'-A FORWARD -j A',
			'-A FORWARD -m comment --comment fwd-after-jump-A',
			'-A FORWARD -j C',
			'-A FORWARD -j RETURN',
			'-A FORWARD -j ACCEPT',
			'-A A -m comment --comment A-before-goto',
			'-A A -g B',
			'-A A -m comment --comment never-seen',
			'-A B -m comment --comment B-only-rule',
			'-A C -j RETURN',
			'-A C -m comment --comment never-seen',
			'COMMIT',
			''
		].join('\n');
		const [t] = run(rules, [wire()]);
		expect(events(t)).toEqual([
			'filter:FORWARD:rule:1:JUMP',
			'filter:A:rule:1:CONTINUE',
			'filter:A:rule:2:GOTO',
			'filter:B:rule:1:CONTINUE',
			'filter:FORWARD:rule:2:CONTINUE',
			'filter:FORWARD:rule:3:JUMP',
			'filter:C:rule:1:RETURN',
			'filter:FORWARD:rule:4:RETURN',
			'filter:FORWARD:policy:DROP'
		]);
		// The end of B is an implicit return, which the kernel does not print.
		expect(t.steps.some((s) => s.type === 'return' && s.implicit && s.chain === 'B')).toBe(true);
	});

	it('§2.3 a goto taken from the base chain ends in the base chain policy', () => {
		const rules = `*filter\n:FORWARD ACCEPT [0:0]\n:U2 - [0:0]\n-A FORWARD -g U2\n-A FORWARD -j DROP\n-A U2 -m comment --comment only\nCOMMIT\n`;
		const [t] = run(rules, [wire()]);
		expect(events(t)).toEqual([
			'filter:FORWARD:rule:1:GOTO',
			'filter:U2:rule:1:CONTINUE',
			'filter:FORWARD:policy:ACCEPT'
		]);
	});

	it('records the first failing test of each rule that does not match', () => {
		const rules = `*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -p tcp -j DROP\n-A FORWARD -s 10.9.0.0/16 -j DROP\n-A FORWARD -d 10.0.2.2 -i r-eth1 -j DROP\n-A FORWARD -m comment --comment x -m mark --mark 0x1 -j DROP\nCOMMIT\n`;
		const { ruleset } = parseRuleset(rules);
		const [t] = run(rules, [wire()]);
		const skip = t.steps.find((s): s is Extract<Step, { type: 'skip' }> => s.type === 'skip')!;
		// -p/-s/-d failures are derived on demand; only the -i and the -m mark failures are stored.
		expect(skip).toMatchObject({ from: 1, to: 4, beyond: [3, 3, 4, 7] });
		const chain = ruleset.tables[0].chains.find((c) => c.name === 'FORWARD')!;
		expect([1, 2, 3, 4].map((n) => failedTestOf(skip, n, chain.rules[n - 1], t.packet))).toEqual([
			0, 1, 3, 7
		]);
	});
});

describe('§2.5 REJECT, §2.6 NFQUEUE', () => {
	it('§2.5 REJECT sends a port unreachable from the router towards the sender, through OUTPUT, RELATED', () => {
		const rules = `*filter\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A FORWARD -m conntrack --ctstate NEW -j REJECT\nCOMMIT\n`;
		const [t, error] = run(rules, [wire()]);
		expect(t.fate).toMatchObject({
			type: 'dropped',
			by: { table: 'filter', chain: 'FORWARD', rule: 1 }
		});
		expect(error.packet).toMatchObject({
			proto: 1,
			icmpType: 3,
			icmpCode: 3,
			src: ip('10.0.1.1'),
			dst: ip('10.0.1.2')
		});
		expect(chains(error)).toEqual(['filter:OUTPUT']);
		expect(error.steps.find((s) => s.type === 'conntrack')).toMatchObject({ state: 'RELATED' });
	});

	it('§2.5 tcp-reset answers from the original destination; an OUTPUT DROP policy eats it', () => {
		const rules = `*filter\n:FORWARD ACCEPT [0:0]\n:OUTPUT DROP [0:0]\n-A FORWARD -p tcp -j REJECT --reject-with tcp-reset\nCOMMIT\n`;
		const syn = wire({
			proto: 6,
			sport: 44116,
			dport: 80,
			flags: 2,
			icmpType: 0,
			icmpId: 0,
			length: 60
		});
		const [, rst] = run(rules, [syn]);
		expect(rst.packet).toMatchObject({
			proto: 6,
			src: ip('10.0.2.2'),
			sport: 80,
			dst: ip('10.0.1.2'),
			dport: 44116,
			flags: 0x14
		});
		expect(events(rst)).toEqual(['filter:OUTPUT:policy:DROP']);
	});

	it('§2.6 NFQUEUE without a listener drops; with --queue-bypass the next table still runs', () => {
		const rules = `*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -p udp -m udp --dport 53 -j NFQUEUE --queue-num 3\n-A FORWARD -p udp -m udp --dport 5353 -j NFQUEUE --queue-num 3 --queue-bypass\n-A FORWARD -p udp -j DROP\nCOMMIT\n*security\n:FORWARD ACCEPT [0:0]\nCOMMIT\n`;
		const udp = (dport: number) =>
			wire({ proto: 17, sport: 5000, dport, flags: 0, icmpType: 0, icmpId: 0, length: 28 });
		const [dropped, bypassed] = run(rules, [udp(53), udp(5353)]);
		expect(dropped.fate.type).toBe('stolen');
		expect(events(bypassed)).toEqual([
			'filter:FORWARD:rule:2:QUEUE',
			'security:FORWARD:policy:ACCEPT'
		]);
		expect(bypassed.fate.type).toBe('sent');
	});
});

describe('§2.7 DROP in OUTPUT', () => {
	it('the program that sent the packet gets EPERM', () => {
		const rules = `*filter\n:OUTPUT ACCEPT [0:0]\n-A OUTPUT -p udp -m udp --dport 53 -j DROP\nCOMMIT\n`;
		const dns = {
			from: 'local',
			packet: makePacket({
				proto: 17,
				sport: 5000,
				dport: 53,
				flags: 0,
				src: 0,
				dst: ip('10.0.2.2'),
				length: 28
			})
		};
		const [t] = run(rules, [dns]);
		expect(t.fate).toMatchObject({
			type: 'dropped',
			by: { chain: 'OUTPUT', rule: 1 },
			reason: expect.stringContaining('EPERM')
		});
	});
});

describe('§5.5 rerouting locally generated packets', () => {
	it('a MARK in mangle OUTPUT reroutes: later OUTPUT chains see the old -o, POSTROUTING the new', () => {
		const h = host({
			routes: [route9('10.0.1.2', 'r-eth0', MAIN_TABLE), route9('10.0.2.2', 'r-eth1', 7)],
			policyRules: [{ priority: 100, fwmark: 1, mask: 0xffffffff, table: 7 }]
		});
		const rules = [
			'*mangle',
			':OUTPUT ACCEPT [0:0]',
			':POSTROUTING ACCEPT [0:0]',
			'-A OUTPUT -d 10.0.9.9/32 -j MARK --set-xmark 0x1/0xffffffff',
			'-A POSTROUTING -o r-eth1 -m comment --comment post-o-r-eth1',
			'COMMIT',
			'*filter',
			':OUTPUT ACCEPT [0:0]',
			'-A OUTPUT -o r-eth0 -m comment --comment filter-out-o-r-eth0',
			'COMMIT',
			''
		].join('\n');
		const ping = {
			from: 'local',
			packet: makePacket({
				proto: 1,
				sport: 0,
				dport: 0,
				flags: 0,
				icmpType: 8,
				src: 0,
				dst: ip('10.0.9.9'),
				length: 84
			})
		};
		const [t] = run(rules, [ping], h);
		expect(events(t)).toEqual([
			'mangle:OUTPUT:rule:1:CONTINUE',
			'mangle:OUTPUT:policy:ACCEPT',
			'filter:OUTPUT:rule:1:CONTINUE',
			'filter:OUTPUT:policy:ACCEPT',
			'mangle:POSTROUTING:rule:1:CONTINUE',
			'mangle:POSTROUTING:policy:ACCEPT'
		]);
		// The source address is not recomputed: it stays r-eth0's.
		expect(t.fate).toMatchObject({ type: 'sent', outIface: 'r-eth1' });
	});
});

describe('assumptions are visible at the rule', () => {
	it('an unknown match module still gives a trace, with the assumption at its rule', () => {
		const { ruleset, diagnostics } = parseRuleset(
			'*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -m frobnicate --level 3 -j DROP\nCOMMIT\n'
		);
		expect(diagnostics.map((d) => d.code)).toEqual(['unknown-match']);
		const [t] = simulate(host(), ruleset, [wire()]).packets;
		const rule = t.steps.find((s) => s.type === 'rule');
		expect(rule).toMatchObject({ rule: 1, verdict: 'DROP' });
		expect(rule && 'note' in rule && rule.note).toMatch(
			/does not simulate -m frobnicate: assumed to match/
		);
	});

	it('a NAT target ends the nat chain and shows its binding at the rule', () => {
		const rules =
			'*nat\n:POSTROUTING ACCEPT [0:0]\n-A POSTROUTING -o r-eth1 -j MASQUERADE\n-A POSTROUTING -j ACCEPT\nCOMMIT\n';
		const [t] = run(rules, [wire()]);
		expect(events(t)).toEqual(['nat:POSTROUTING:rule:1:ACCEPT']);
		const rule = t.steps.find((s) => s.type === 'rule');
		expect(rule && 'effect' in rule && rule.effect?.type).toBe('nat');
	});
});

describe('which test failed first follows ip_packet_match: -s, -d, -i, -o, then -p', () => {
	it.each([
		['-p udp -s 10.9.0.0/16', 1],
		['-p udp -d 10.0.2.2 -i r-eth1', 3],
		['-p udp -d 10.0.2.2 -i r-eth0', 0],
		['-p udp -m comment --comment x', 0]
	])('%s fails first on test %d', (spec, test) => {
		const rules = `*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD ${spec} -j DROP\nCOMMIT\n`;
		const [t] = run(rules, [wire()]);
		const skip = t.steps.find((x): x is Extract<Step, { type: 'skip' }> => x.type === 'skip')!;
		const rule = parseRuleset(rules).ruleset.tables[0].chains.find((c) => c.name === 'FORWARD')!
			.rules[0];
		expect(failedTestOf(skip, 1, rule, t.packet)).toBe(test);
	});
});

describe('long runs of -d ADDR/32 rules (kube-proxy service lists)', () => {
	const host_ = host;
	// 30 rules, alternating tcp and udp, each for its own address; the index must give exactly
	// what testing rule by rule gives.
	const lines = ['*filter', ':FORWARD ACCEPT [0:0]'];
	for (let k = 1; k <= 30; k++)
		lines.push(`-A FORWARD -d 10.0.9.${k}/32 -p ${k % 2 ? 'tcp' : 'udp'} -j DROP`);
	lines.push('-A FORWARD -d 10.0.9.15/32 -j ACCEPT', 'COMMIT', '');
	const rules = lines.join('\n');
	const { ruleset } = parseRuleset(rules);
	const chain = ruleset.tables[0].chains.find((c) => c.name === 'FORWARD')!;

	it.each([
		['tcp to rule 15 (tcp)', 6, 15, ['filter:FORWARD:rule:15:DROP']],
		['udp to rule 15 (tcp): the whole run is skipped', 17, 15, ['filter:FORWARD:rule:31:ACCEPT']],
		['udp to rule 16 (udp)', 17, 16, ['filter:FORWARD:rule:16:DROP']],
		['tcp to an address in no rule', 6, 99, ['filter:FORWARD:policy:ACCEPT']]
	])('%s', (_what, proto, host, expected) => {
		const viaEth1 = host_({
			routes: [route9('10.0.2.2', 'r-eth1', MAIN_TABLE)]
		});
		const packet = wire({
			proto,
			sport: 1,
			dport: 2,
			flags: proto === 6 ? 2 : 0,
			icmpType: 0,
			dst: ip(`10.0.9.${host}`)
		});
		const [t] = run(rules, [packet], viaEth1);
		expect(events(t)).toEqual(expected);
		const skip = t.steps.find((x): x is Extract<Step, { type: 'skip' }> => x.type === 'skip')!;
		expect(skip.beyond).toEqual([]);
		// Each skipped rule failed -d or -p, derived from the rule and the packet.
		for (let n = skip.from; n <= skip.to; n++) {
			const r = chain.rules[n - 1];
			// The kernel tests -d before -p: a rule for another address failed -d.
			const dstHit = r.destination!.value.address === ip(`10.0.9.${host}`);
			expect(failedTestOf(skip, n, r, t.packet)).toBe(dstHit ? 0 : 2);
		}
	});
});

describe('§5 routing', () => {
	it('§5.1 an address of another interface is local (weak host model)', () => {
		const [t] = run(ALL_CHAINS, [wire({ dst: ip('10.0.2.1') })]);
		expect(t.steps.find((s) => s.type === 'route')).toMatchObject({ decision: 'local' });
	});

	it('§5.2 forwarding off: PREROUTING runs, then the packet is silently dropped', () => {
		const [t, ...rest] = run(ALL_CHAINS, [wire()], host({ forwarding: false }));
		expect(chains(t)).toEqual(['raw:PREROUTING', 'mangle:PREROUTING', 'nat:PREROUTING']);
		expect(t.fate.type).toBe('discarded');
		expect(rest).toEqual([]);
	});

	it('§5.3 FORWARD and POSTROUTING see TTL−1; TTL 1 never reaches FORWARD and gets time exceeded', () => {
		const [ok] = run(ALL_CHAINS, [wire({ ttl: 64 })]);
		expect(ok.steps.find((s) => s.type === 'effect')).toMatchObject({
			effect: { type: 'ttl', before: 64, after: 63 }
		});
		const [expired, error] = run(ALL_CHAINS, [wire({ ttl: 1 })]);
		expect(chains(expired)).toEqual(['raw:PREROUTING', 'mangle:PREROUTING', 'nat:PREROUTING']);
		expect(error.packet).toMatchObject({
			proto: 1,
			icmpType: 11,
			icmpCode: 0,
			src: ip('10.0.1.1'),
			dst: ip('10.0.1.2')
		});
		expect(chains(error)[0]).toBe('raw:OUTPUT');
	});

	it('§5.3 no route: net unreachable from the incoming interface address', () => {
		const h = host({ routes: [] });
		const [t, error] = run(ALL_CHAINS, [wire({ dst: ip('10.0.99.1') })], h);
		expect(t.fate.type).toBe('discarded');
		expect(error.packet).toMatchObject({ icmpType: 3, icmpCode: 0, src: ip('10.0.1.1') });
	});

	it('§5.4 a MARK set in mangle PREROUTING steers the forwarding route through policy routing', () => {
		const h = host({
			routes: [route9('10.0.1.2', 'r-eth0', MAIN_TABLE), route9('10.0.2.2', 'r-eth1', 7)],
			policyRules: [{ priority: 100, fwmark: 1, mask: 0xffffffff, table: 7 }]
		});
		const rules = `*mangle\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -d 10.0.9.1/32 -j MARK --set-xmark 0x1/0xffffffff\nCOMMIT\n`;
		const [marked, plain] = run(
			rules,
			[wire({ dst: ip('10.0.9.1') }), wire({ dst: ip('10.0.9.2') })],
			h
		);
		expect(marked.fate).toMatchObject({ type: 'sent', outIface: 'r-eth1' });
		expect(plain.fate).toMatchObject({ type: 'sent', outIface: 'r-eth0' });
	});
});

describe('§6 counters', () => {
	it('a matching rule counts packets and IP total length bytes; a policy counts what ended on it', () => {
		const rules = `*filter\n:FORWARD DROP [0:0]\n-A FORWARD -p icmp -m comment --comment counts\nCOMMIT\n`;
		const { ruleset } = parseRuleset(rules);
		const trace = simulate(host(), ruleset, [wire(), wire({ icmpId: 8 }), wire({ icmpId: 9 })]);
		expect(trace.counters).toContainEqual({
			table: 'filter',
			chain: 'FORWARD',
			rule: 1,
			packets: 3,
			bytes: 252
		});
		expect(trace.counters).toContainEqual({
			table: 'filter',
			chain: 'FORWARD',
			rule: 0,
			packets: 3,
			bytes: 252
		});
	});
});
