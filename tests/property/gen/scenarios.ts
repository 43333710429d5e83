/**
 * Random scenarios for the simulator: the kernel suite's random cases (tables of random chains,
 * NAT, REJECT, replies to earlier packets), and three shapes it never draws — user chains nested
 * to and past iptables-nft's limit, chains that each jump twice to the next (2^depth walks), and
 * rule sets with thousands of rules. Plans are small records fast-check can shrink.
 */
import fc from 'fast-check';
import type { PacketJson, ScenarioJson } from '../../../src/lib/scenario/index';
import { randomScenario } from '../../kernel/random';

export interface ScenarioPlan {
	kind: 'random' | 'deep' | 'fanout' | 'big';
	seed: number;
	backend: 'nft' | 'legacy';
	table: 'filter' | 'mangle' | 'raw';
	/** Nesting for `deep` and `fanout`. */
	depth: number;
	/** Rules for `big`. */
	size: number;
	/** How many batches of the random case's packets to send (1 to 6 packets each). */
	batches: number;
}

/** Plans: mostly random cases; 1 in 20 a fan-out, 1 in 20 a big rule set (10–50 times slower). */
export function scenarioPlan(maxSize = 5000): fc.Arbitrary<ScenarioPlan> {
	const kind = fc.oneof(
		{ arbitrary: fc.constant('random' as const), weight: 14 },
		{ arbitrary: fc.constant('deep' as const), weight: 4 },
		{ arbitrary: fc.constant('fanout' as const), weight: 1 },
		{ arbitrary: fc.constant('big' as const), weight: 1 }
	);
	return fc.record({
		kind,
		seed: fc.nat(),
		backend: fc.constantFrom('nft', 'legacy'),
		table: fc.constantFrom('filter', 'mangle', 'raw'),
		depth: fc.integer({ min: 1, max: 40 }),
		size: fc.integer({ min: 1, max: maxSize }),
		batches: fc.integer({ min: 1, max: 3 })
	});
}

const HOOKS_OF: Record<ScenarioPlan['table'], string[]> = {
	filter: ['INPUT', 'FORWARD', 'OUTPUT'],
	mangle: ['PREROUTING', 'OUTPUT'],
	raw: ['PREROUTING', 'OUTPUT']
};

/** Every packet reaches `chain`: the table's chains on both paths jump to it. */
function entries(table: ScenarioPlan['table'], chain: string): string[] {
	return [
		...HOOKS_OF[table].map((h) => `:${h} ACCEPT [0:0]`),
		...HOOKS_OF[table].map((h) => `-A ${h} -j ${chain}`)
	];
}

/** D1 → D2 → … → Dn from the table's first hook, each chain with rules that may end the walk. */
function deepRules(p: ScenarioPlan): string[] {
	const lines = [`*${p.table}`, ...entries(p.table, 'D1')];
	for (let i = 1; i <= p.depth; i++) lines.push(`:D${i} - [0:0]`);
	const verdict = p.table === 'filter' ? 'DROP' : 'ACCEPT';
	for (let i = 1; i <= p.depth; i++) {
		if (i % 3 === 0) lines.push(`-A D${i} -p tcp -m tcp --dport ${[22, 80, 443][i % 3]} -j RETURN`);
		if (i % 4 === 0) lines.push(`-A D${i} -p udp -j ${verdict}`);
		if (i % 5 === 0) lines.push(`-A D${i} -m conntrack --ctstate ESTABLISHED -j ACCEPT`);
		if (i < p.depth) lines.push(`-A D${i} -${i % 7 === 0 ? 'g' : 'j'} D${i + 1}`);
	}
	lines.push(`-A D${p.depth} -j ${verdict}`, 'COMMIT');
	return lines;
}

/** C1 jumps twice to C2, C2 twice to C3 …: 2^depth chain walks for a packet that reaches C1. */
function fanoutRules(p: ScenarioPlan): string[] {
	const lines = [`*${p.table}`, ...entries(p.table, 'C1')];
	for (let i = 1; i <= p.depth; i++) lines.push(`:C${i} - [0:0]`);
	for (let i = 1; i < p.depth; i++) lines.push(`-A C${i} -j C${i + 1}`, `-A C${i} -j C${i + 1}`);
	lines.push(`-A C${p.depth} -m comment --comment leaf`, 'COMMIT');
	return lines;
}

/** A kube-proxy-like filter table: `size` rules over many addresses, ports and a few user chains. */
function bigRules(p: ScenarioPlan): string[] {
	let x = p.seed >>> 0;
	const next = (n: number) => {
		x = (Math.imul(x, 1103515245) + 12345) >>> 0;
		return (x >>> 8) % n;
	};
	const users = ['SVC-A', 'SVC-B', 'SVC-C'];
	const lines = ['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]'];
	for (const u of users) lines.push(`:${u} - [0:0]`);
	const targets = ['-j ACCEPT', '-j DROP', '-j RETURN', '-j LOG', '-j REJECT', ''];
	for (let i = 0; i < p.size; i++) {
		const chain = ['INPUT', 'FORWARD', 'FORWARD', 'OUTPUT', ...users][next(7)];
		const src = `10.0.${next(3) === 0 ? 1 : next(256)}.${next(256)}/${[32, 24, 16][next(3)]}`;
		const proto = ['tcp', 'udp', 'icmp', ''][next(4)];
		const port =
			proto === 'tcp' || proto === 'udp'
				? ` -m ${proto} --dport ${[22, 53, 80, 443, 8080][next(5)]}`
				: '';
		const fromUser = users.includes(chain);
		// Jumps go only to later user chains, so the table has no loop.
		const later = users.slice(fromUser ? users.indexOf(chain) + 1 : 0);
		const target =
			later.length && next(4) === 0
				? `-j ${later[next(later.length)]}`
				: targets[next(targets.length)];
		lines.push(`-A ${chain} -s ${src}${proto ? ` -p ${proto}` : ''}${port} ${target}`.trimEnd());
	}
	lines.push('COMMIT');
	return lines;
}

/** The scenario a plan stands for. */
export function planScenario(p: ScenarioPlan): ScenarioJson {
	const base = randomScenario(p.seed, 0);
	const packets: PacketJson[] = [...base.packets];
	for (let b = 1; b < p.batches; b++) packets.push(...randomScenario(p.seed, b).packets);
	const rules =
		p.kind === 'deep'
			? deepRules(p)
			: p.kind === 'fanout'
				? fanoutRules(p)
				: p.kind === 'big'
					? bigRules(p)
					: base.rules;
	return {
		...base,
		title: `${p.kind} ${p.seed}`,
		host: { ...base.host, backend: p.backend },
		rules,
		packets
	};
}
