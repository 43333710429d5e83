/**
 * A kube-proxy-style iptables-save dump of N rules (exact once N covers the 18 fixed rules), generated
 * deterministically so parse benchmarks compare like with like. The shapes follow kube-proxy's
 * iptables mode: cluster-IP jumps in KUBE-SERVICES, one KUBE-SVC chain per service port that picks
 * an endpoint with `-m statistic`, one KUBE-SEP chain per endpoint that DNATs, and masquerade marks.
 *   npx tsx scripts/gen-kube-dump.ts [N=50000] > kube.rules
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** kube-proxy's chain suffix: base32 of a SHA-256, first 16 characters. */
function chainHash(seed: string): string {
	const bytes = createHash('sha256').update(seed).digest();
	let out = '';
	let bits = 0;
	let acc = 0;
	for (const b of bytes) {
		acc = (acc << 8) | b;
		bits += 8;
		while (bits >= 5 && out.length < 16) {
			out += BASE32[(acc >>> (bits - 5)) & 31];
			bits -= 5;
		}
		acc &= 0xff;
	}
	return out;
}

function ip(n: number): string {
	return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** iptables-save prints the probability it stored (a 31-bit fraction), not the one kube-proxy asked for. */
function probability(p: number): string {
	return (Math.round(p * 0x80000000) / 0x80000000).toFixed(11);
}

interface Service {
	name: string;
	proto: 'tcp' | 'udp';
	port: number;
	targetPort: number;
	endpoints: number;
	nodePort: number | null;
}

const SPECIAL: Service[] = [
	{
		name: 'kube-system/kube-dns:dns',
		proto: 'udp',
		port: 53,
		targetPort: 53,
		endpoints: 2,
		nodePort: null
	},
	{
		name: 'kube-system/kube-dns:dns-tcp',
		proto: 'tcp',
		port: 53,
		targetPort: 53,
		endpoints: 2,
		nodePort: null
	},
	{
		name: 'default/kubernetes:https',
		proto: 'tcp',
		port: 443,
		targetPort: 6443,
		endpoints: 3,
		nodePort: null
	}
];

/** The i-th service: a varied but fixed mix of ports, endpoint counts and node ports. */
function service(i: number): Service {
	if (i < SPECIAL.length) return SPECIAL[i];
	const ports = [80, 443, 8080, 9090, 5432];
	return {
		name: `ns-${i % 37}/svc-${i}:${i % 5 === 1 ? 'https' : 'http'}`,
		proto: i % 11 === 0 ? 'udp' : 'tcp',
		port: ports[i % ports.length],
		targetPort: 8000 + (i % 1000),
		endpoints: 1 + (i % 4),
		nodePort: i % 7 === 0 ? 30000 + (i % 2768) : null
	};
}

function ruleCost(s: Service): number {
	return 2 + 3 * s.endpoints + (s.nodePort === null ? 0 : 2);
}

const NAT_HEAD = [
	'-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
	'-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
	'-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
	'-A KUBE-MARK-DROP -j MARK --set-xmark 0x8000/0x8000',
	'-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
	'-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -m mark --mark 0x4000/0x4000 -j MASQUERADE --random-fully'
];
// kube-proxy keeps the node-port jump last in KUBE-SERVICES.
const NAT_TAIL = [
	'-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS'
];
const FILTER_RULES = [
	'-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
	'-A INPUT -j KUBE-FIREWALL',
	'-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD',
	'-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
	'-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
	'-A OUTPUT -j KUBE-FIREWALL',
	'-A KUBE-FIREWALL -m comment --comment "kubernetes firewall for dropping marked packets" -m mark --mark 0x8000/0x8000 -j DROP',
	'-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
	'-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP',
	'-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
	'-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT'
];
const FIXED_RULES = NAT_HEAD.length + NAT_TAIL.length + FILTER_RULES.length;

const CLUSTER_IP_BASE = 0x0a600000 + 10; // 10.96.0.10, kube-dns's usual address
const POD_IP_BASE = 0x0af40000 + 2; // 10.244.0.2
const POD_CIDR = '10.244.0.0/16';

/** Generates the dump; the rule count is exact once N covers the fixed rules plus one service. */
export function generateKubeDump(n = 50_000): string {
	const natChains = [
		'KUBE-SERVICES',
		'KUBE-NODEPORTS',
		'KUBE-POSTROUTING',
		'KUBE-MARK-MASQ',
		'KUBE-MARK-DROP'
	];
	const nat: string[] = [...NAT_HEAD];
	let budget = n - FIXED_RULES;
	let pod = 0;
	let i = 0;
	for (; budget >= ruleCost(service(i)); i++) {
		const s = service(i);
		budget -= ruleCost(s);
		const svc = `KUBE-SVC-${chainHash(`${s.name}/${s.proto}`)}`;
		const clusterIp = ip(CLUSTER_IP_BASE + i);
		const m = `-p ${s.proto} -m comment --comment "${s.name} cluster IP" -m ${s.proto} --dport ${s.port}`;
		natChains.push(svc);
		nat.push(`-A KUBE-SERVICES -d ${clusterIp}/32 ${m} -j ${svc}`);
		nat.push(`-A ${svc} ! -s ${POD_CIDR} -d ${clusterIp}/32 ${m} -j KUBE-MARK-MASQ`);
		if (s.nodePort !== null) {
			const np = `-p ${s.proto} -m comment --comment "${s.name}" -m ${s.proto} --dport ${s.nodePort}`;
			nat.push(`-A KUBE-NODEPORTS ${np} -j KUBE-MARK-MASQ`, `-A KUBE-NODEPORTS ${np} -j ${svc}`);
		}
		for (let e = 0; e < s.endpoints; e++) {
			const podIp = ip(POD_IP_BASE + pod++);
			const sep = `KUBE-SEP-${chainHash(`${s.name}/${s.proto}/${podIp}:${s.targetPort}`)}`;
			natChains.push(sep);
			// Each endpoint but the last is taken with probability 1/(endpoints left), so all are equally likely.
			const left = s.endpoints - e;
			const pick =
				left > 1 ? ` -m statistic --mode random --probability ${probability(1 / left)}` : '';
			nat.push(`-A ${svc} -m comment --comment "${s.name}"${pick} -j ${sep}`);
			nat.push(`-A ${sep} -s ${podIp}/32 -m comment --comment "${s.name}" -j KUBE-MARK-MASQ`);
			nat.push(
				`-A ${sep} -p ${s.proto} -m comment --comment "${s.name}" -m ${s.proto} -j DNAT --to-destination ${podIp}:${s.targetPort}`
			);
		}
	}
	nat.push(...NAT_TAIL);

	// Leftover budget: services without endpoints, which kube-proxy rejects in the filter table.
	const filter = [...FILTER_RULES];
	for (; budget > 0; budget--, i++) {
		filter.push(
			`-A KUBE-SERVICES -d ${ip(CLUSTER_IP_BASE + i)}/32 -p tcp -m comment --comment "ns-${i % 37}/idle-${i}:http has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable`
		);
	}
	const filterChains = ['KUBE-EXTERNAL-SERVICES', 'KUBE-FIREWALL', 'KUBE-FORWARD', 'KUBE-SERVICES'];
	return [
		'# Generated by nfwalk scripts/gen-kube-dump.ts',
		'*nat',
		...['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'].map((c) => `:${c} ACCEPT [0:0]`),
		...natChains.map((c) => `:${c} - [0:0]`),
		...nat,
		'COMMIT',
		'*filter',
		...['INPUT', 'FORWARD', 'OUTPUT'].map((c) => `:${c} ACCEPT [0:0]`),
		...filterChains.map((c) => `:${c} - [0:0]`),
		...filter,
		'COMMIT',
		''
	].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const n = Number(process.argv[2] ?? 50_000);
	if (!Number.isInteger(n) || n < 0) {
		process.stderr.write('usage: npx tsx scripts/gen-kube-dump.ts [RULES=50000] > kube.rules\n');
		process.exit(2);
	}
	process.stdout.write(generateKubeDump(n));
}
