/**
 * The host as the engine asks it questions: is this address mine, which route does this packet
 * take, what type is this address (`-m addrtype`), is this key in that ipset. Built once per
 * scenario from the `Host` description.
 */
import type { Host, HostIpSet, HostRoute } from './host';
import { MAIN_TABLE } from './host';
import { prefixToMask } from '../parse/values';

export interface OwnAddress {
	iface: string;
	address: number;
	prefix: number;
}

/** The result of a route lookup, e.g. eth1 via 10.0.2.254 with source 10.0.2.1. */
export interface RouteResult {
	kind: 'local' | 'unicast';
	iface: string;
	via: number | null;
	/** The address a locally generated packet gets as its source on this route. */
	src: number | null;
	/** `10.0.9.0/24 via 10.0.2.2 dev eth1 table 7`, for the trace. */
	text: string;
}

const LOOPBACK: OwnAddress = { iface: 'lo', address: 0x7f000001, prefix: 8 };

function inPrefix(addr: number, net: number, prefix: number): boolean {
	const mask = prefixToMask(prefix);
	return (addr & mask) >>> 0 === (net & mask) >>> 0;
}

function ipText(n: number): string {
	return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export class HostModel {
	readonly own: OwnAddress[];
	private readonly routes: HostRoute[];
	private readonly sets = new Map<string, HostIpSet>();

	constructor(readonly host: Host) {
		this.own = [
			LOOPBACK,
			...host.interfaces.flatMap((i) => i.addresses.map((a) => ({ iface: i.name, ...a })))
		];
		// Connected routes are implicit, as the kernel adds them with each address.
		const connected: HostRoute[] = this.own
			.filter((a) => a.iface !== 'lo')
			.map((a) => ({
				to: {
					address: (a.address & prefixToMask(a.prefix)) >>> 0,
					prefix: a.prefix,
					mask: prefixToMask(a.prefix)
				},
				via: null,
				dev: a.iface,
				table: MAIN_TABLE,
				src: a.address,
				metric: 0
			}));
		this.routes = [...connected, ...host.routes];
		// Copies: `-j SET` changes members during a scenario, and the scenario's Host must not change.
		for (const s of host.ipsets) this.sets.set(s.name, { ...s, members: [...s.members] });
	}

	/** Any address of the box, on any interface (weak host model), and all of 127.0.0.0/8. */
	isLocal(addr: number): boolean {
		if (addr >>> 24 === 127) return true;
		return this.own.some((a) => a.address === addr);
	}

	/** The interface that holds a local address (`lo` for 127/8). */
	ifaceOf(addr: number): string | null {
		if (addr >>> 24 === 127) return 'lo';
		return this.own.find((a) => a.address === addr)?.iface ?? null;
	}

	/** Directed broadcast of a connected subnet, or the limited broadcast. */
	isBroadcast(addr: number): boolean {
		if (addr === 0xffffffff) return true;
		return this.own.some(
			(a) => a.prefix < 31 && (a.address | ~prefixToMask(a.prefix)) >>> 0 === addr
		);
	}

	/** The routing table policy routing picks for this mark (main when no rule matches). */
	tableFor(mark: number): number {
		const rules = [...this.host.policyRules].sort((a, b) => a.priority - b.priority);
		for (const r of rules) if ((mark & r.mask) >>> 0 === r.fwmark) return r.table;
		return MAIN_TABLE;
	}

	/**
	 * The route for `dst` (longest prefix, then lowest metric) in the table the mark selects;
	 * a lookup in a policy table that finds nothing falls through to main, as `ip rule`'s
	 * default rules do.
	 */
	route(dst: number, mark = 0): RouteResult | null {
		if (this.isLocal(dst)) {
			const iface = this.ifaceOf(dst) ?? 'lo';
			return {
				kind: 'local',
				iface,
				via: null,
				src: dst,
				text: `local ${ipText(dst)} dev ${iface}`
			};
		}
		const table = this.tableFor(mark);
		const found =
			this.lookup(dst, table) ?? (table !== MAIN_TABLE ? this.lookup(dst, MAIN_TABLE) : null);
		if (!found) return null;
		const src = found.src ?? this.own.find((a) => a.iface === found.dev)?.address ?? null;
		const to = found.to.prefix === 0 ? 'default' : `${ipText(found.to.address)}/${found.to.prefix}`;
		const via = found.via === null ? '' : ` via ${ipText(found.via)}`;
		const tbl = found.table === MAIN_TABLE ? '' : ` table ${found.table}`;
		return {
			kind: 'unicast',
			iface: found.dev,
			via: found.via,
			src,
			text: `${to}${via} dev ${found.dev}${tbl}`
		};
	}

	private lookup(dst: number, table: number): HostRoute | null {
		let best: HostRoute | null = null;
		for (const r of this.routes) {
			if (r.table !== table || !inPrefix(dst, r.to.address, r.to.prefix)) continue;
			if (
				!best ||
				r.to.prefix > best.to.prefix ||
				(r.to.prefix === best.to.prefix && r.metric < best.metric)
			)
				best = r;
		}
		return best;
	}

	ipset(name: string): HostIpSet | undefined {
		return this.sets.get(name);
	}
}
