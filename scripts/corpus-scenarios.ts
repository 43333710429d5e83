/**
 * Makes the kernel suite's corpus scenarios: for each chosen real rule set in
 * ../shared/corpus/real, a host whose interfaces carry the names the rules use, and packets aimed at
 * the deepest rules of filter INPUT/FORWARD and nat PREROUTING (their protocol, port, addresses and
 * in-interface), plus a ping and a datagram to a closed port. Writes
 * tests/kernel/corpus/NAME.json holding the file's name, the host and the packets — never the
 * rules, which stay in ../shared (several are licensed for non-commercial use only) and are read
 * when the suite runs.
 *
 *   npx tsx scripts/corpus-scenarios.ts            # every file in CHOSEN
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRuleset } from '../src/lib/engine/index';
import type { Rule, Ruleset } from '../src/lib/engine/model';
import { formatIPv4 } from '../src/lib/engine/parse/values';
import type { HostJson, PacketJson } from '../src/lib/scenario/index';

/** Real rule sets iptables-nft loads as they are, small enough to read, varied in what they do. */
export const CHOSEN = [
	'github-florinandrei-router-2017.rules',
	'github-ffulm-freifunk-gw.rules',
	'github-larsks-so75357081-bridged.rules',
	'github-juhanurmi-tor-exitnode.rules',
	'github-duderandom21-vpn-policy-routing.rules',
	'github-ekorekin-fuel-kvm-libvirt.rules',
	'github-sboily-incrediblepbx.rules',
	'netnet-ferm-dmz-router.rules',
	'serverfault-758088-docker.rules',
	'netnet-synology-ds414.rules'
];

const SHARED = join(import.meta.dirname, '../../shared/corpus/real');
const OUT = join(import.meta.dirname, '../tests/kernel/corpus');

interface Candidate {
	depth: number;
	packet: PacketJson;
}

/** A concrete interface name for what a rule writes (`ppp+` → `ppp0`). */
const concrete = (name: string) => (name.endsWith('+') ? `${name.slice(0, -1)}0` : name);

function interfacesOf(rs: Ruleset): string[] {
	const names = new Set<string>();
	for (const t of rs.tables)
		for (const c of t.chains)
			for (const r of c.rules)
				for (const i of [r.inInterface, r.outInterface])
					if (i && i.value !== 'lo' && i.value !== '+') names.add(concrete(i.value));
	const list = [...names].filter((n) => n.length <= 15).slice(0, 4);
	return list.length >= 2
		? list
		: [...list, ...['eth0', 'eth1'].filter((n) => !list.includes(n))].slice(0, 2);
}

/** The first port a rule asks for with --dport / --dports, if it names one. */
function portOf(r: Rule): number | null {
	for (const m of r.matches)
		for (const o of m.options) {
			if (o.inverted) continue;
			if (o.name === 'dport') return (o.value as { from: number }).from;
			if (o.name === 'dports' || o.name === 'ports')
				return ((o.value as { from: number }[])[0] ?? null)?.from ?? null;
		}
	return null;
}

const hostIn = (cidr: { address: number; mask: number }) =>
	cidr.mask === 0xffffffff ? cidr.address : (cidr.address + 1) >>> 0;

function build(file: string) {
	const rs = parseRuleset(readFileSync(join(SHARED, file), 'utf8')).ruleset;
	const ifaces = interfacesOf(rs);
	const host: HostJson = {
		interfaces: ifaces.map((name, k) => ({ name, addresses: [`10.${100 + k}.0.1/24`] })),
		routes: [{ to: 'default', via: '10.100.0.254' }],
		forwarding: true,
		listening: [
			{ proto: 'tcp', port: 22 },
			{ proto: 'tcp', port: 80 },
			{ proto: 'udp', port: 53 }
		]
	};
	const own = new Set(ifaces.map((_, k) => `10.${100 + k}.0.1`));
	const candidates: Candidate[] = [];
	for (const t of rs.tables) {
		if (t.name !== 'filter' && t.name !== 'nat') continue;
		for (const c of t.chains) {
			if (t.name === 'nat' && c.name !== 'PREROUTING') continue;
			if (t.name === 'filter' && c.name === 'OUTPUT') continue;
			c.rules.forEach((r, i) => {
				const proto = r.protocol && !r.protocol.inverted ? r.protocol.value : null;
				if (proto !== 'tcp' && proto !== 'udp') return;
				const port = portOf(r);
				if (port === null) return;
				const inName =
					r.inInterface && !r.inInterface.inverted ? concrete(r.inInterface.value) : null;
				const k = Math.max(0, inName ? ifaces.indexOf(inName) : 0);
				const from = ifaces[k];
				if (!from) return;
				const src =
					r.source && !r.source.inverted ? formatIPv4(hostIn(r.source.value)) : `10.${100 + k}.0.2`;
				let dst: string;
				if (r.destination && !r.destination.inverted) dst = formatIPv4(hostIn(r.destination.value));
				else dst = c.name === 'FORWARD' ? '203.0.113.10' : `10.${100 + k}.0.1`;
				if (own.has(src)) return;
				const p: PacketJson = {
					from,
					proto,
					src,
					sport: 40000 + candidates.length,
					dst,
					dport: port
				};
				if (proto === 'tcp') p.flags = ['SYN'];
				candidates.push({ depth: i + 1, packet: p });
			});
		}
	}
	candidates.sort((a, b) => b.depth - a.depth);
	const seen = new Set<string>();
	const packets: PacketJson[] = [];
	for (const c of candidates) {
		const key = `${c.packet.from}|${c.packet.proto}|${c.packet.src}|${c.packet.dst}|${c.packet.dport}`;
		if (seen.has(key)) continue;
		seen.add(key);
		packets.push(c.packet);
		if (packets.length === 5) break;
	}
	packets.push(
		{
			from: ifaces[0],
			proto: 'icmp',
			src: '10.100.0.2',
			dst: '10.100.0.1',
			type: 8,
			code: 0,
			id: 9
		},
		{ from: ifaces[0], proto: 'udp', src: '10.100.0.2', sport: 45000, dst: '10.100.0.1', dport: 9 }
	);
	return { host, packets };
}

mkdirSync(OUT, { recursive: true });
for (const file of CHOSEN) {
	const { host, packets } = build(file);
	const name = file.replace(/\.rules$/, '');
	const doc = {
		'nfwalk-corpus': 1,
		title: `Real rule set ${file}`,
		description: `The rules of ../shared/corpus/real/${file} (read there when the suite runs, never copied here), on a host with the interfaces the rules name; packets aimed at the deepest filter INPUT/FORWARD and nat PREROUTING rules, a ping and a datagram to a closed port. Made by scripts/corpus-scenarios.ts.`,
		source: file,
		host,
		packets
	};
	writeFileSync(join(OUT, `${name}.json`), JSON.stringify(doc, null, '\t') + '\n');
	console.log(
		`${name}: ${host.interfaces.map((i) => i.name).join(', ')}; ${packets.length} packets`
	);
}
