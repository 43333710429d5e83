/**
 * The namespaces a recording runs in: one for the scenario's host, with veth interfaces named and
 * addressed as the scenario's, and one silent neighbour per interface (no address, so it answers
 * nothing; its end of the veth is `nb0`). The host gets the scenario's profile: routes, policy
 * rules, forwarding, ipsets, the conntrack sysctl, and the settings that keep the kernel from
 * adding packets of its own (no redirects, no ICMP rate limit, no reverse-path filter, no IPv6).
 * Everything made here is deleted by `destroy`, also after a failure.
 */
import { execFileSync } from 'node:child_process';
import type { HostJson } from '../../../src/lib/scenario/index';

export interface Lab {
	host: string;
	/** Interface name → its neighbour's namespace. */
	neighbours: Map<string, string>;
	/** Interface name → { host side MAC, neighbour side MAC }. */
	macs: Map<string, { host: string; neighbour: string }>;
}

const NETNS_DIR = '/var/run/netns';

export function netnsPath(name: string): string {
	return `${NETNS_DIR}/${name}`;
}

/** Runs a command; a failure says which and what it printed. */
export function sh(cmd: string, args: string[], input?: string): string {
	try {
		return execFileSync(cmd, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
	} catch (e) {
		const err = e as { stderr?: string; stdout?: string };
		throw new Error(
			`${cmd} ${args.join(' ')} failed: ${(err.stderr || err.stdout || String(e)).trim()}`
		);
	}
}

const inNs = (ns: string, cmd: string, args: string[], input?: string) =>
	sh('ip', ['netns', 'exec', ns, cmd, ...args], input);

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/** Locally administered MACs: 02:6e:66:IF:00:01 on the host, …:02 on the neighbour. */
function macFor(index: number, side: 1 | 2): string {
	return `02:6e:66:${hex2(index)}:00:${hex2(side)}`;
}

const QUIET_SYSCTLS = [
	'net.ipv6.conf.all.disable_ipv6=1',
	'net.ipv6.conf.default.disable_ipv6=1',
	'net.ipv4.conf.all.rp_filter=0',
	'net.ipv4.conf.default.rp_filter=0',
	'net.ipv4.conf.all.send_redirects=0',
	'net.ipv4.conf.default.send_redirects=0',
	'net.ipv4.conf.all.accept_redirects=0',
	'net.ipv4.conf.default.accept_redirects=0',
	'net.ipv4.icmp_ratelimit=0',
	'net.ipv4.icmp_msgs_per_sec=100000',
	'net.ipv4.icmp_msgs_burst=100000'
];

/** Builds the namespaces for `host`; `prefix` keeps concurrent recorders apart. */
export function createLab(prefix: string, host: HostJson): Lab {
	const lab: Lab = { host: `${prefix}h`, neighbours: new Map(), macs: new Map() };
	try {
		sh('ip', ['netns', 'add', lab.host]);
		inNs(lab.host, 'sysctl', ['-qw', ...QUIET_SYSCTLS]);
		sh('ip', ['-n', lab.host, 'link', 'set', 'lo', 'up']);
		host.interfaces.forEach((iface, i) => {
			const ns = `${prefix}n${i}`;
			sh('ip', ['netns', 'add', ns]);
			lab.neighbours.set(iface.name, ns);
			inNs(ns, 'sysctl', [
				'-qw',
				'net.ipv6.conf.all.disable_ipv6=1',
				'net.ipv6.conf.default.disable_ipv6=1'
			]);
			const macs = { host: iface.mac ?? macFor(i + 1, 1), neighbour: macFor(i + 1, 2) };
			lab.macs.set(iface.name, macs);
			sh('ip', [
				'-n',
				lab.host,
				'link',
				'add',
				iface.name,
				'address',
				macs.host,
				'type',
				'veth',
				'peer',
				'name',
				'nb0',
				'address',
				macs.neighbour,
				'netns',
				ns
			]);
			for (const a of iface.addresses)
				sh('ip', ['-n', lab.host, 'addr', 'add', a, 'dev', iface.name]);
			inNs(lab.host, 'sysctl', [
				'-qw',
				`net.ipv4.conf.${iface.name}.rp_filter=0`,
				`net.ipv4.conf.${iface.name}.send_redirects=0`
			]);
			sh('ip', ['-n', lab.host, 'link', 'set', iface.name, 'up']);
			sh('ip', ['-n', ns, 'link', 'set', 'nb0', 'up']);
			sh('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
		});
		inNs(lab.host, 'sysctl', ['-qw', `net.ipv4.ip_forward=${host.forwarding ? 1 : 0}`]);
		for (const r of host.routes ?? []) {
			const args = ['-n', lab.host, 'route', 'add', r.to];
			if (r.via) args.push('via', r.via);
			if (r.dev) args.push('dev', r.dev);
			if (r.table !== undefined) args.push('table', String(r.table));
			if (r.src) args.push('src', r.src);
			if (r.metric !== undefined) args.push('metric', String(r.metric));
			sh('ip', args);
		}
		for (const p of host.policyRules ?? []) {
			const mark = p.mask === undefined ? String(p.fwmark) : `${p.fwmark}/${p.mask}`;
			const args = ['-n', lab.host, 'rule', 'add', 'fwmark', mark, 'lookup', String(p.table)];
			if (p.priority !== undefined) args.push('priority', String(p.priority));
			sh('ip', args);
		}
		for (const set of host.ipsets ?? []) {
			inNs(lab.host, 'ipset', ['create', set.name, set.type]);
			for (const m of set.members) inNs(lab.host, 'ipset', ['add', set.name, m]);
		}
		return lab;
	} catch (e) {
		destroyLab(lab);
		throw e;
	}
}

/** A permanent neighbour entry, so a packet to `address` out of `iface` never waits on ARP. */
export function addNeighbour(lab: Lab, iface: string, address: string): void {
	const mac = lab.macs.get(iface)?.neighbour;
	if (!mac) return;
	sh('ip', [
		'-n',
		lab.host,
		'neigh',
		'replace',
		address,
		'lladdr',
		mac,
		'dev',
		iface,
		'nud',
		'permanent'
	]);
}

/** Loads the rules with iptables-restore (nft backend) and puts a TRACE rule first in raw PREROUTING and OUTPUT. */
export function loadRules(lab: Lab, restoreText: string): void {
	inNs(lab.host, 'iptables-nft-restore', [], restoreText);
	inNs(lab.host, 'iptables-nft', ['-t', 'raw', '-I', 'PREROUTING', '1', '-j', 'TRACE']);
	inNs(lab.host, 'iptables-nft', ['-t', 'raw', '-I', 'OUTPUT', '1', '-j', 'TRACE']);
}

/** `nf_conntrack_tcp_loose=0` when the scenario asks; the sysctl exists once conntrack is loaded. */
export function setTcpLoose(lab: Lab, loose: boolean): void {
	if (!loose) inNs(lab.host, 'sysctl', ['-qw', 'net.netfilter.nf_conntrack_tcp_loose=0']);
}

/** `table:chain` → rule handles in order, and the handles of the TRACE rules. */
export function ruleHandles(lab: Lab): { handles: Map<string, number[]>; trace: Set<string> } {
	const json = JSON.parse(inNs(lab.host, 'nft', ['-j', '-a', 'list', 'ruleset'])) as {
		nftables: {
			rule?: { family: string; table: string; chain: string; handle: number; expr: unknown[] };
		}[];
	};
	const handles = new Map<string, number[]>();
	const trace = new Set<string>();
	for (const item of json.nftables) {
		const r = item.rule;
		if (!r || r.family !== 'ip') continue;
		const key = `${r.table}:${r.chain}`;
		if (!handles.has(key)) handles.set(key, []);
		handles.get(key)!.push(r.handle);
		if (r.table === 'raw' && JSON.stringify(r.expr).includes('"nftrace"'))
			trace.add(`${key}:${r.handle}`);
	}
	return { handles, trace };
}

/** The kernel's and iptables' versions, for the recording's header. */
export function versions(): { kernel: string; iptables: string } {
	return {
		kernel: sh('uname', ['-r']).trim(),
		iptables: sh('iptables-nft', ['--version']).trim()
	};
}

/** Deletes every namespace of the lab (killing what still runs in them). */
export function destroyLab(lab: Lab): void {
	for (const ns of [lab.host, ...lab.neighbours.values()]) {
		try {
			const pids = sh('ip', ['netns', 'pids', ns]).split('\n').filter(Boolean);
			for (const pid of pids) {
				try {
					process.kill(Number(pid), 'SIGKILL');
				} catch {
					/* already gone */
				}
			}
		} catch {
			/* namespace never made */
		}
		try {
			sh('ip', ['netns', 'del', ns]);
		} catch {
			/* not there */
		}
	}
}

/** Namespaces left by an earlier run of this prefix family (a crash), deleted before a new run. */
export function sweepStale(family: string): void {
	const list = sh('ip', ['netns', 'list']).split('\n');
	for (const line of list) {
		const name = line.split(' ')[0];
		if (name.startsWith(family)) {
			try {
				sh('ip', ['netns', 'del', name]);
			} catch {
				/* gone */
			}
		}
	}
}
