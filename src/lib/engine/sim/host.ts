/**
 * The host a scenario runs on: interfaces and addresses, routes, policy-routing rules, sockets
 * that listen, ipsets and the kernel settings every trace assumes (documented in
 * docs/scenario-format.md). Addresses are unsigned 32-bit numbers, as in the rule model.
 */
import type { Cidr } from '../model';

/** e.g. `{ name: 'eth0', addresses: [{ address: 0x0a000101, prefix: 24 }] }` for 10.0.1.1/24. */
export interface HostInterface {
	name: string;
	addresses: { address: number; prefix: number }[];
	/** The interface's own MAC, for generated packets' `-m mac`; optional. */
	mac?: string;
}

/** A route, e.g. default via 10.0.2.254 dev eth1 (`to` 0.0.0.0/0). */
export interface HostRoute {
	to: Cidr;
	/** Next hop; null for an on-link (connected) route. */
	via: number | null;
	dev: string;
	/** Routing table number: 254 is `main`. */
	table: number;
	/** Preferred source address (`src` in `ip route`), or null to pick one of `dev`. */
	src: number | null;
	metric: number;
}

/** `ip rule add fwmark 0x1/0xff lookup 7 priority 100`. */
export interface PolicyRule {
	priority: number;
	fwmark: number;
	mask: number;
	table: number;
}

/** An ipset the host defines: its type and members. */
export interface HostIpSet {
	name: string;
	/** `hash:ip`, `hash:net`, `hash:ip,port`, `hash:net,port`, `bitmap:port` … */
	type: string;
	/** Members as ipset lists them, e.g. `10.0.0.0/8`, `10.0.0.1,tcp:80`, `443`. */
	members: string[];
}

/** A socket that answers: a TCP listener or a bound UDP socket. */
export interface ListeningSocket {
	proto: 'tcp' | 'udp';
	port: number;
	/** Bound address, or null for 0.0.0.0. */
	address: number | null;
}

export interface Host {
	/** `lo` (127.0.0.1/8) is always there and need not be listed. */
	interfaces: HostInterface[];
	/** Connected routes of every interface address are implicit and need not be listed. */
	routes: HostRoute[];
	policyRules: PolicyRule[];
	forwarding: boolean;
	listening: ListeningSocket[];
	ipsets: HostIpSet[];
	/** Which iptables registers the tables: decides security vs nat INPUT order and which built-in chains exist. */
	backend: 'nft' | 'legacy';
	/** `nf_conntrack_tcp_loose` (1 on every host nfwalk models unless a scenario says 0). */
	tcpLoose: boolean;
	/** Seed of the generator `-m statistic --mode random` draws from. */
	statisticSeed: number;
	/** Wall-clock time (Unix seconds, UTC) when the scenario starts, for `-m time`. */
	clockStart: number;
}

export const MAIN_TABLE = 254;
export const LOCAL_TABLE = 255;
