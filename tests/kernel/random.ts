/**
 * `npm run test:kernel -- --random N --seed S`: N random scenarios over what nfwalk claims to
 * simulate, each recorded live and compared with nfwalk. Kernel randomness stays out: no
 * statistic, no --random ports, no time-driven matches; NAT binds single addresses, and a port the
 * kernel moves at random is reconciled by the recorder (ports.ts).
 *
 * A case is a host with two interfaces and an ipset, 1–4 tables of random chains and rules
 * (matches, jumps, gotos, returns, marks, REJECT, NOTRACK, NAT), and 1–6 packets: new flows from either side or
 * from the host, and replies to earlier packets addressed as nfwalk says they left the host (so
 * conntrack and NAT are exercised both ways). A case the kernel and nfwalk disagree on is written
 * to tests/kernel/failures/, shrunk by dropping rules and packets while they still disagree.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRuleset } from '../../src/lib/engine/index';
import { packetAt } from '../../src/lib/engine/sim/packet-at';
import { simulate } from '../../src/lib/engine/sim/simulate';
import { formatIPv4 } from '../../src/lib/engine/parse/values';
import { parseScenario, type PacketJson, type ScenarioJson } from '../../src/lib/scenario/index';
import { recordScenario, Unrecordable } from './recorder/record';
import type { Sender } from './recorder/sender';
import { lineDiff, ROOT, simulatedLines } from './suite';

type Rand = () => number;

function mulberry32(seed: number): Rand {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: Rand, p: number) => r() < p;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

const HOOKS: Record<string, string[]> = {
	raw: ['PREROUTING', 'OUTPUT'],
	mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
	nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
	filter: ['INPUT', 'FORWARD', 'OUTPUT']
};

const ADDRS = [
	'10.0.1.2',
	'10.0.2.2',
	'10.0.1.1',
	'10.0.2.1',
	'10.0.1.0/24',
	'10.0.2.0/24',
	'10.0.9.0/24'
];
const PORTS = [22, 53, 80, 443, 8080, 5353];

/** Matches for a rule; `proto` is the rule's -p (ports and flags need it). */
function randomMatches(r: Rand, proto: string | null): string[] {
	const m: string[] = [];
	if (chance(r, 0.3)) m.push(`${chance(r, 0.2) ? '! ' : ''}-s ${pick(r, ADDRS)}`);
	if (chance(r, 0.3)) m.push(`${chance(r, 0.2) ? '! ' : ''}-d ${pick(r, ADDRS)}`);
	if (proto === 'tcp' || proto === 'udp') {
		if (chance(r, 0.5)) m.push(`-m ${proto} --dport ${pick(r, PORTS)}`);
		else if (chance(r, 0.2)) m.push(`-m multiport --dports ${pick(r, PORTS)},${pick(r, PORTS)}`);
		if (proto === 'tcp' && chance(r, 0.25))
			m.push(pick(r, ['-m tcp --syn', '-m tcp ! --syn', '-m tcp --tcp-flags SYN,ACK ACK']));
	}
	if (proto === 'icmp' && chance(r, 0.4))
		m.push(`-m icmp --icmp-type ${pick(r, ['echo-request', 'echo-reply', 'port-unreachable'])}`);
	if (chance(r, 0.35))
		m.push(
			`-m conntrack ${chance(r, 0.15) ? '! ' : ''}--ctstate ${pick(r, ['NEW', 'ESTABLISHED', 'RELATED', 'INVALID', 'UNTRACKED', 'NEW,ESTABLISHED', 'RELATED,ESTABLISHED', 'DNAT', 'SNAT'])}`
		);
	if (chance(r, 0.15)) m.push(`-m conntrack --ctdir ${pick(r, ['ORIGINAL', 'REPLY'])}`);
	if (chance(r, 0.15)) m.push(`-m mark --mark ${pick(r, ['0x1', '0x2', '0x0'])}`);
	if (chance(r, 0.1)) m.push(`-m connmark --mark ${pick(r, ['0x1', '0x0'])}`);
	if (chance(r, 0.1)) m.push(`-m addrtype --dst-type ${pick(r, ['LOCAL', 'UNICAST'])}`);
	if (chance(r, 0.1)) m.push(`-m length --length ${pick(r, ['0:60', '61:1500'])}`);
	if (chance(r, 0.1)) m.push(`-m ttl --ttl-gt ${pick(r, [1, 32, 63])}`);
	if (chance(r, 0.15)) m.push(`-m comment --comment c${int(r, 1, 99)}`);
	if (chance(r, 0.1))
		m.push(
			`-m iprange --${pick(r, ['src', 'dst'])}-range ${pick(r, ['10.0.1.1-10.0.1.9', '10.0.2.2-10.0.2.3'])}`
		);
	if (chance(r, 0.1))
		m.push(`-m set ${chance(r, 0.2) ? '! ' : ''}--match-set S1 ${pick(r, ['src', 'dst'])}`);
	if (chance(r, 0.05)) m.push(`-m pkttype --pkt-type ${pick(r, ['unicast', 'broadcast'])}`);
	if (chance(r, 0.05))
		m.push(`-m state --state ${pick(r, ['NEW', 'ESTABLISHED,RELATED', 'INVALID'])}`);
	return m;
}

interface ChainPlan {
	table: string;
	name: string;
	builtin: boolean;
	hook: string | null;
	rules: string[];
}

/** A target for a rule of `chain`, given the user chains it may jump to (only later ones: no loops). */
function randomTarget(r: Rand, chain: ChainPlan, later: string[], proto: string | null): string {
	const t = chain.table;
	const hook = chain.hook;
	const opts: string[] = ['-j ACCEPT', '-j RETURN', ''];
	if (t !== 'nat') opts.push('-j DROP', '-j DROP');
	if (later.length)
		opts.push(`-j ${pick(r, later)}`, `-j ${pick(r, later)}`, `-g ${pick(r, later)}`);
	if (t === 'mangle' || t === 'raw')
		opts.push(`-j MARK --set-xmark ${pick(r, ['0x1', '0x2'])}/0xffffffff`);
	if (t === 'mangle') opts.push('-j CONNMARK --save-mark', '-j CONNMARK --restore-mark');
	if (t === 'mangle' && hook !== 'INPUT' && hook !== 'OUTPUT')
		opts.push(`-j TTL --ttl-set ${pick(r, [1, 2, 64])}`);
	if (t === 'filter') {
		opts.push(
			'-j REJECT',
			`-j REJECT --reject-with ${pick(r, ['icmp-host-prohibited', 'icmp-net-unreachable', 'icmp-admin-prohibited'])}`
		);
		if (proto === 'tcp') opts.push('-j REJECT --reject-with tcp-reset');
		opts.push('-j LOG --log-prefix "x "');
	}
	if (t === 'raw') opts.push('-j CT --notrack');
	if (t === 'nat' && hook) {
		if (hook === 'PREROUTING' || hook === 'OUTPUT') {
			opts.push(`-j DNAT --to-destination ${pick(r, ['10.0.2.2', '10.0.1.2', '10.0.2.9'])}`);
			if (proto === 'tcp' || proto === 'udp')
				opts.push('-j REDIRECT', `-j DNAT --to-destination 10.0.2.2:${pick(r, PORTS)}`);
		} else {
			opts.push(`-j SNAT --to-source ${pick(r, ['10.0.2.1', '10.0.1.1', '10.0.2.100'])}`);
			if (hook === 'POSTROUTING') opts.push('-j MASQUERADE');
		}
	}
	return pick(r, opts);
}

function randomRules(r: Rand): string[] {
	const tables = ['filter', 'mangle', 'nat', 'raw'].filter((t) =>
		chance(r, t === 'filter' ? 0.8 : 0.45)
	);
	if (tables.length === 0) tables.push('filter');
	const lines: string[] = [];
	for (const t of tables) {
		const chains: ChainPlan[] = HOOKS[t]
			.filter(() => chance(r, 0.7))
			.map((h) => ({ table: t, name: h, builtin: true, hook: h, rules: [] }));
		const users = int(r, 0, 2);
		for (let i = 0; i < users; i++)
			chains.push({ table: t, name: `U${i + 1}`, builtin: false, hook: null, rules: [] });
		for (const [ci, c] of chains.entries()) {
			const later = chains
				.slice(ci + 1)
				.filter((x) => !x.builtin)
				.map((x) => x.name);
			const n = int(r, 0, c.builtin ? 5 : 3);
			for (let k = 0; k < n; k++) {
				const proto = pick(r, ['tcp', 'udp', 'icmp', null, null]);
				const m = randomMatches(r, proto);
				if (c.hook === 'INPUT' || c.hook === 'PREROUTING') {
					if (chance(r, 0.2)) m.unshift(`-i ${pick(r, ['eth0', 'eth1', 'lo'])}`);
				} else if (c.hook && chance(r, 0.2)) m.unshift(`-o ${pick(r, ['eth0', 'eth1', 'lo'])}`);
				const target = randomTarget(r, c, later, proto);
				c.rules.push(
					['-A', c.name, proto ? `-p ${proto}` : '', ...m, target].filter(Boolean).join(' ')
				);
			}
		}
		lines.push(`*${t}`);
		for (const c of chains) {
			const policy = c.builtin
				? t === 'nat' || t === 'raw'
					? chance(r, 0.1)
						? 'DROP'
						: 'ACCEPT'
					: chance(r, 0.25)
						? 'DROP'
						: 'ACCEPT'
				: '-';
			lines.push(`:${c.name} ${policy} [0:0]`);
		}
		for (const c of chains) lines.push(...c.rules);
		lines.push('COMMIT');
	}
	return lines;
}

const REPLY_FLAGS: Record<string, string[]> = { SYN: ['SYN', 'ACK'], 'SYN,ACK': ['ACK'] };

/** A new flow from one of the sides or the host. */
function newFlow(r: Rand, n: number): PacketJson {
	const from = pick(r, ['eth0', 'eth0', 'eth1', 'local']);
	const proto = pick(r, ['tcp', 'tcp', 'udp', 'icmp']);
	const src = from === 'eth0' ? '10.0.1.2' : from === 'eth1' ? '10.0.2.2' : undefined;
	const dst = pick(
		r,
		from === 'eth0'
			? ['10.0.2.2', '10.0.1.1', '10.0.2.1', '10.0.9.9']
			: from === 'eth1'
				? ['10.0.1.2', '10.0.2.1', '10.0.1.1']
				: ['10.0.1.2', '10.0.2.2', '127.0.0.1', '10.0.1.1']
	);
	const p: PacketJson = { from, proto, dst };
	if (src) p.src = src;
	if (proto === 'tcp' || proto === 'udp') {
		p.sport = 40000 + n;
		p.dport = pick(r, PORTS);
		if (proto === 'tcp') p.flags = pick(r, [['SYN'], ['SYN'], ['ACK'], ['FIN', 'ACK']]);
	} else {
		p.type = 8;
		p.code = 0;
		p.id = 100 + n;
	}
	return p;
}

/** The answer to a packet nfwalk says left the host: swapped, as the wire saw it, from the side it went. */
function replyTo(scenario: ScenarioJson, index: number): PacketJson | null {
	const parsed = parseScenario(JSON.stringify(scenario));
	if (!parsed.host || !parsed.scenario) return null;
	const trace = simulate(parsed.host, parseRuleset(parsed.scenario.rules).ruleset, parsed.packets);
	const t = trace.packets.find((p) => p.id === String(index + 1));
	if (!t || t.fate.type !== 'sent') return null;
	const { src, dst, sport, dport } = packetAt(t, t.steps.length);
	const orig = scenario.packets[index];
	const reply: PacketJson = {
		from: t.fate.outIface,
		proto: orig.proto,
		src: formatIPv4(dst),
		dst: formatIPv4(src)
	};
	if (orig.proto === 'tcp' || orig.proto === 'udp') {
		reply.sport = dport;
		reply.dport = sport;
		if (orig.proto === 'tcp') reply.flags = REPLY_FLAGS[(orig.flags ?? []).join(',')] ?? ['ACK'];
	} else {
		reply.type = 0;
		reply.code = 0;
		reply.id = orig.id;
	}
	return reply;
}

export function randomScenario(seed: number, index: number): ScenarioJson {
	const r = mulberry32((seed * 1_000_003 + index) >>> 0);
	const scenario: ScenarioJson = {
		nfwalk: 1,
		title: `random ${seed}/${index}`,
		host: {
			interfaces: [
				{ name: 'eth0', addresses: ['10.0.1.1/24'] },
				{ name: 'eth1', addresses: ['10.0.2.1/24'] }
			],
			routes: [{ to: '10.0.9.0/24', via: '10.0.2.2' }],
			forwarding: chance(r, 0.85),
			listening: [
				{ proto: 'tcp', port: 22 },
				{ proto: 'udp', port: 53 }
			],
			ipsets: [{ name: 'S1', type: 'hash:ip', members: ['10.0.1.2', '10.0.2.1'] }]
		},
		rules: randomRules(r),
		packets: []
	};
	const count = int(r, 1, 6);
	for (let n = 0; n < count; n++) {
		const prev = scenario.packets.length;
		const reply = prev > 0 && chance(r, 0.45) ? replyTo(scenario, int(r, 0, prev - 1)) : null;
		scenario.packets.push(reply ?? newFlow(r, n));
	}
	return scenario;
}

/** Records a candidate and says whether nfwalk disagrees (null: could not be recorded). */
async function disagrees(s: ScenarioJson, sender: Sender, prefix: string): Promise<string | null> {
	const text = JSON.stringify(s, null, '\t');
	const live = (await recordScenario(text, sender, prefix)).lines;
	const sim = simulatedLines(text);
	return live === sim ? null : lineDiff(live, sim);
}

/** Drops rules and packets one at a time while nfwalk still disagrees with the kernel. */
async function shrink(s: ScenarioJson, sender: Sender, prefix: string): Promise<ScenarioJson> {
	let best = s;
	for (let changed = true; changed;) {
		changed = false;
		const rules = best.rules as string[];
		for (let i = rules.length - 1; i >= 0; i--) {
			if (!rules[i].startsWith('-A ')) continue;
			const cand = { ...best, rules: rules.filter((_, k) => k !== i) };
			try {
				if (await disagrees(cand, sender, prefix)) {
					best = cand;
					changed = true;
					break;
				}
			} catch {
				/* not recordable without it: keep */
			}
		}
		for (let i = best.packets.length - 1; i >= 1 && !changed; i--) {
			const cand = { ...best, packets: best.packets.filter((_, k) => k !== i) };
			try {
				if (await disagrees(cand, sender, prefix)) {
					best = cand;
					changed = true;
				}
			} catch {
				/* keep */
			}
		}
	}
	return best;
}

export async function runRandom(
	sender: Sender,
	prefix: string,
	count: number,
	seed: number
): Promise<{ passed: number; failed: number }> {
	let passed = 0;
	let failed = 0;
	let skipped = 0;
	const dir = join(ROOT, 'tests/kernel/failures');
	for (let i = 0; i < count; i++) {
		const s = randomScenario(seed, i);
		const rules = parseRuleset((s.rules as string[]).join('\n'));
		if (rules.diagnostics.some((d) => d.severity === 'error')) {
			skipped++;
			continue;
		}
		let diff: string | null;
		try {
			diff = await disagrees(s, sender, prefix);
		} catch (e) {
			if (e instanceof Unrecordable) {
				skipped++;
				continue;
			}
			failed++;
			console.log(`✗ random ${seed}/${i}: recording failed: ${(e as Error).message}`);
			continue;
		}
		if (!diff) {
			passed++;
			continue;
		}
		failed++;
		const small = await shrink(s, sender, prefix);
		mkdirSync(dir, { recursive: true });
		const file = join(dir, `random-${seed}-${i}.json`);
		writeFileSync(
			file,
			JSON.stringify({ ...small, title: `random ${seed}/${i}, shrunk` }, null, '\t') + '\n'
		);
		console.log(
			`✗ random ${seed}/${i}: nfwalk disagrees with the kernel (shrunk case: ${file}):\n${diff}`
		);
	}
	console.log(
		`random seed ${seed}: ${passed} identical, ${failed} different, ${skipped} skipped (rule set invalid or unrecordable)`
	);
	return { passed, failed };
}
