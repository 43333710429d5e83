import { describe, expect, it } from 'vitest';
import { parseRuleset } from '../../index';
import type { Rule } from '../../model';
import type { TargetEnv } from '../compile-types';
import type { CtRef } from '../conntrack-types';
import type { Host } from '../host';
import { HostModel } from '../host-model';
import { makePacket } from '../matches/test-packet';
import { TCP_FLAG, type Packet } from '../packet';
import { compileTarget } from './index';

const HOST: Host = {
	interfaces: [
		{ name: 'eth0', addresses: [{ address: 0x0a000101, prefix: 24 }] },
		{ name: 'eth1', addresses: [{ address: 0x0a000201, prefix: 24 }] }
	],
	routes: [],
	policyRules: [],
	forwarding: true,
	listening: [
		{ proto: 'tcp', port: 3129, address: null },
		{ proto: 'udp', port: 5353, address: 0x7f000001 }
	],
	ipsets: [],
	backend: 'nft',
	tcpLoose: true,
	statisticSeed: 1,
	clockStart: 0
};

/** The one rule of `*TABLE -A CHAIN SPEC`, parsed and checked: a case with a typo fails here. */
function ruleOf(table: string, chain: string, spec: string): Rule {
	const { ruleset, diagnostics } = parseRuleset(`*${table}\n-A ${chain} ${spec}\nCOMMIT\n`);
	expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
	return ruleset.tables[0].chains.find((c) => c.name === chain)!.rules[0];
}

/** An env whose NOTRACK/CT calls are recorded. */
function envFor(ct: CtRef | null = null) {
	const calls = { untracked: 0 };
	const env: TargetEnv = {
		hook: 'PREROUTING',
		table: 'raw',
		ct,
		host: new HostModel(HOST),
		state: { recent: new Map(), random: () => 0 },
		setUntracked: () => void calls.untracked++
	};
	return { env, calls };
}

function run(table: string, chain: string, spec: string, p: Packet, ct: CtRef | null = null) {
	const target = compileTarget(ruleOf(table, chain, spec));
	expect(target).not.toBeNull();
	const { env, calls } = envFor(ct);
	env.table = table as TargetEnv['table'];
	env.hook = chain as TargetEnv['hook'];
	return { result: target!.run(p, env), note: target!.note, calls };
}

describe('compileTarget: what the chain walk handles itself', () => {
	it.each([
		['-j ACCEPT'],
		['-j DROP'],
		['-j RETURN'],
		['-j QUEUE'],
		['-p tcp'] // no target: the rule only counts
	])('%s is not an extension target → null', (spec) => {
		expect(compileTarget(ruleOf('filter', 'INPUT', spec))).toBeNull();
	});

	it('a jump to a user chain → null', () => {
		const { ruleset } = parseRuleset('*filter\n:U - [0:0]\n-A INPUT -j U\nCOMMIT\n');
		const rule = ruleset.tables[0].chains.find((c) => c.name === 'INPUT')!.rules[0];
		expect(compileTarget(rule)).toBeNull();
	});

	it('an extension target without a simulator continues, with a note saying so', () => {
		const rule = ruleOf('filter', 'INPUT', '-j ACCEPT');
		const fake: Rule = {
			...rule,
			target: { type: 'extension', name: 'FUTURE', options: [], span: rule.span }
		};
		const t = compileTarget(fake)!;
		const p = makePacket();
		expect(t.run(p, envFor().env)).toEqual({ verdict: 'CONTINUE' });
		expect(t.note).toBe('nfwalk does not simulate -j FUTURE and assumed it continues');
		expect(p).toEqual(makePacket());
	});
});

describe('§4.1/§4.7 NAT targets end the nat chain; without a connection to bind they rewrite nothing', () => {
	it.each([
		['PREROUTING', '-p tcp -j DNAT --to-destination 10.0.2.2:8080'],
		['POSTROUTING', '-j SNAT --to-source 10.0.2.1'],
		['POSTROUTING', '-o eth1 -j MASQUERADE'],
		['PREROUTING', '-p tcp -j REDIRECT --to-ports 8080'],
		['PREROUTING', '-d 10.0.9.0/24 -j NETMAP --to 10.0.2.0/24']
	])('nat %s %s → ACCEPT, packet unchanged', (chain, spec) => {
		const p = makePacket();
		const { result } = run('nat', chain, spec, p);
		expect(result.verdict).toBe('ACCEPT');
		expect(result.note).toMatch(/no binding/);
		expect(p).toEqual(makePacket());
	});
});

describe('TCPMSS lowers the MSS option, never raises it, and adds one (at most 536) to a SYN without it', () => {
	it.each([
		['--set-mss 1400', 1460, 40, 1400, 40],
		['--set-mss 1400', 1200, 40, 1200, 40],
		['--set-mss 1400', null, 40, 536, 44],
		['--set-mss 500', null, 40, 500, 44],
		['--clamp-mss-to-pmtu', 8960, 40, 1460, 40],
		// Data after the header: the kernel cannot add the option.
		['--set-mss 1400', null, 50, null, 50]
	])('%s on MSS %s, length %d → MSS %s, length %d', (opts, mss, length, wantMss, wantLength) => {
		const p = makePacket({ proto: 6, mss, length, flags: 0x02, outIface: 'eth1' });
		const { result } = run(
			'mangle',
			'FORWARD',
			`-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS ${opts}`,
			p
		);
		expect(result.verdict).toBe('CONTINUE');
		expect([p.mss, p.length]).toEqual([wantMss, wantLength]);
	});
});

describe('§2.5 REJECT: the type goes to the engine, which sends it and drops', () => {
	it.each([
		['-j REJECT', 'icmp-port-unreachable'],
		['-p tcp -j REJECT --reject-with tcp-reset', 'tcp-reset'],
		['-j REJECT --reject-with icmp-admin-prohibited', 'icmp-admin-prohibited'],
		['-j REJECT --reject-with host-unreach', 'icmp-host-unreachable']
	])('%s → REJECT with %s', (spec, rejectWith) => {
		const p = makePacket();
		expect(run('filter', 'FORWARD', spec, p).result).toEqual({ verdict: 'REJECT', rejectWith });
		expect(p).toEqual(makePacket());
	});
});

describe('§2.6 NFQUEUE: no listener drops, --queue-bypass accepts for this table', () => {
	it.each([
		['-j NFQUEUE', false, 'sent to queue 0; no program listens, so the kernel drops it (§2.6)'],
		[
			'-j NFQUEUE --queue-num 3 --queue-bypass',
			true,
			'sent to queue 3; no program listens, and --queue-bypass accepts it for this table (§2.6)'
		],
		[
			'-j NFQUEUE --queue-balance 2:5',
			false,
			'sent to one of queues 2–5; no program listens, so the kernel drops it (§2.6)'
		]
	])('%s → QUEUE, bypass %s', (spec, bypass, what) => {
		expect(run('filter', 'FORWARD', spec, makePacket()).result).toEqual({
			verdict: 'QUEUE',
			bypass,
			effect: { type: 'other', what, changed: false }
		});
	});
});

describe('§3.4 NOTRACK', () => {
	it('marks a packet without conntrack untracked and continues', () => {
		const { result, calls } = run(
			'raw',
			'PREROUTING',
			'-p udp --dport 53 -j NOTRACK',
			makePacket()
		);
		expect(calls.untracked).toBe(1);
		expect(result.verdict).toBe('CONTINUE');
		expect(result.effect).toEqual({
			type: 'other',
			what: 'untracked: no conntrack entry, --ctstate UNTRACKED matches, nat chains are skipped (§3.4)',
			changed: true
		});
	});

	it('leaves a packet that already carries conntrack alone (a REJECT reply, §2.5)', () => {
		const ct: CtRef = { entry: null, dir: 'REPLY', state: 'RELATED', master: null };
		const { result, calls } = run('raw', 'OUTPUT', '-j NOTRACK', makePacket(), ct);
		expect(calls.untracked).toBe(0);
		expect(result.verdict).toBe('CONTINUE');
		expect(result.effect).toBeUndefined();
		expect(result.note).toMatch(/already carries conntrack/);
	});
});

describe('§2.4 TRACE continues', () => {
	it('-j TRACE → CONTINUE, packet unchanged', () => {
		const p = makePacket();
		const { result } = run('raw', 'PREROUTING', '-j TRACE', p);
		expect(result.verdict).toBe('CONTINUE');
		expect(result.effect).toMatchObject({ type: 'other', changed: true });
		expect(p).toEqual(makePacket());
	});
});

describe('SYNPROXY as synproxy_tg4 decides', () => {
	const { SYN, ACK, FIN, RST, PSH } = TCP_FLAG;
	const spec = '-p tcp -m tcp --dport 80 -j SYNPROXY --sack-perm --timestamp --wscale 7 --mss 1460';
	it.each([
		['bare SYN: answered with a cookie, consumed', SYN, 'DROP'],
		['bare ACK: cookie checked, consumed or dropped', ACK, 'DROP'],
		['SYN+ACK continues', SYN | ACK, 'CONTINUE'],
		['ACK+PSH (no SYN/FIN/RST): cookie checked too', ACK | PSH, 'DROP'],
		['FIN+ACK continues', FIN | ACK, 'CONTINUE'],
		['RST continues', RST, 'CONTINUE']
	])('%s', (_name, flags, verdict) => {
		const p = makePacket({ flags });
		expect(run('filter', 'INPUT', spec, p).result.verdict).toBe(verdict);
		expect(p).toEqual(makePacket({ flags }));
	});
});

describe('TPROXY: a listening socket takes the packet unchanged, with the mark set', () => {
	const base = { inIface: 'eth0', dst: 0x08080808, dport: 80, mark: 0x100 };
	it.each([
		[
			'tcp listener on 0.0.0.0:3129 → ACCEPT, mark (0x100 & ~0x1) ^ 0x1',
			'-p tcp -j TPROXY --on-port 3129 --tproxy-mark 0x1/0x1',
			{},
			'ACCEPT',
			0x101
		],
		[
			'mask clears before xor: 0x100 with 0x2/0x300 → 0x2',
			'-p tcp -j TPROXY --on-port 3129 --tproxy-mark 0x2/0x300',
			{},
			'ACCEPT',
			0x2
		],
		[
			'no socket on 3130 → DROP, mark untouched',
			'-p tcp -j TPROXY --on-port 3130 --tproxy-mark 0x1/0x1',
			{},
			'DROP',
			0x100
		],
		[
			'udp socket bound to 127.0.0.1:5353 with --on-ip 127.0.0.1 → ACCEPT',
			'-p udp -j TPROXY --on-port 5353 --on-ip 127.0.0.1 --tproxy-mark 0x1/0xffffffff',
			{ proto: 17, flags: 0 },
			'ACCEPT',
			0x1
		],
		[
			"udp socket bound to 127.0.0.1 is not on eth0's address (no --on-ip) → DROP",
			'-p udp -j TPROXY --on-port 5353',
			{ proto: 17, flags: 0 },
			'DROP',
			0x100
		]
	])('%s', (_name, spec, over, verdict, mark) => {
		const p = makePacket({ ...base, ...over });
		const { result } = run('mangle', 'PREROUTING', spec, p);
		expect(result.verdict).toBe(verdict);
		expect(p).toEqual(makePacket({ ...base, ...over, mark }));
	});
});

describe('targets nfwalk only describes: CONTINUE, packet unchanged, what the kernel would do', () => {
	it.each([
		[
			'mangle',
			'PREROUTING',
			'-p tcp -j TCPOPTSTRIP --strip-options mss,timestamp',
			'the kernel would replace TCP options 2,8 with NOPs; nfwalk does not change the packet'
		],
		[
			'mangle',
			'POSTROUTING',
			'-p udp -j CHECKSUM --checksum-fill',
			'the kernel would fill in the missing checksum of this packet; nfwalk does not change the packet'
		],
		[
			'mangle',
			'PREROUTING',
			'-j TEE --gateway 10.0.2.9',
			'the kernel would send a copy of this packet to 10.0.2.9 (nfwalk makes no copy); nfwalk does not change the packet'
		],
		[
			'filter',
			'INPUT',
			'-j AUDIT --type drop',
			'the kernel would write an audit record (type drop); nfwalk does not change the packet'
		],
		[
			'filter',
			'INPUT',
			'-j IDLETIMER --timeout 60 --label web',
			'the kernel would restart idle timer "web" (60 s); nfwalk does not change the packet'
		],
		[
			'filter',
			'INPUT',
			'-j LED --led-trigger-id ssh',
			'the kernel would blink LED trigger netfilter-ssh; nfwalk does not change the packet'
		],
		[
			'mangle',
			'PREROUTING',
			'-j HMARK --hmark-tuple src,dst --hmark-mod 4 --hmark-rnd 0x1',
			'the kernel would set the mark from a hash of the packet tuple (modulo --hmark-mod, plus --hmark-offset), which nfwalk does not compute: later mark matches see the old mark; nfwalk does not change the packet'
		],
		[
			'mangle',
			'INPUT',
			'-j SECMARK --selctx system_u:object_r:http_packet_t:s0',
			'the kernel would label the packet system_u:object_r:http_packet_t:s0 (SELinux); nfwalk does not change the packet'
		],
		[
			'mangle',
			'INPUT',
			'-j CONNSECMARK --save',
			"the kernel would copy the packet's SELinux label to its connection; nfwalk does not change the packet"
		],
		[
			'mangle',
			'INPUT',
			'-j CONNSECMARK --restore',
			"the kernel would copy the connection's SELinux label to the packet; nfwalk does not change the packet"
		]
	])('%s %s %s', (table, chain, spec, what) => {
		const p = makePacket({ mark: 0x5 });
		expect(run(table, chain, spec, p).result).toEqual({
			verdict: 'CONTINUE',
			effect: { type: 'other', what, changed: false }
		});
		expect(p).toEqual(makePacket({ mark: 0x5 }));
	});
});
