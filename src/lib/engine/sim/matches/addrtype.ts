/**
 * `-m addrtype`: the route type the kernel's inet_dev_addr_type gives an address: BROADCAST for
 * 0.0.0.0/8, 255.255.255.255 and directed broadcasts, MULTICAST for 224/4, LOCAL for the box's
 * own addresses, UNICAST for everything else. With `--limit-iface-in/out`, LOCAL and BROADCAST
 * count only on the interface that holds the address.
 */
import type { HostModel } from '../host-model';
import { prefixToMask } from '../../parse/values';
import type { MatchCompiler } from '../compile-types';
import { has, opt, type Test } from './build';
import { allOf } from './build';

const UNICAST = 1;
const LOCAL = 2;
const BROADCAST = 3;
const MULTICAST = 5;

/** The host's local routing table as addrtype reads it: own addresses and directed broadcasts. */
interface LocalTable {
	local: Map<number, string>;
	broadcast: Map<number, string>;
}

const tables = new WeakMap<HostModel, LocalTable>();

/** Built once per host: a packet then costs two map lookups, not a walk over every address. */
function localTable(host: HostModel): LocalTable {
	let t = tables.get(host);
	if (t) return t;
	t = { local: new Map(), broadcast: new Map() };
	for (const a of host.own) {
		t.local.set(a.address >>> 0, a.iface);
		// The kernel adds `broadcast <subnet broadcast>` with every address shorter than /31.
		if (a.prefix < 31) t.broadcast.set((a.address | ~prefixToMask(a.prefix)) >>> 0, a.iface);
	}
	tables.set(host, t);
	return t;
}

/**
 * inet_dev_addr_type: 0/8 and the limited broadcast are BROADCAST, 224/4 MULTICAST, otherwise the
 * local table's route type (a /32 broadcast such as 127.255.255.255 beats `local 127.0.0.0/8`),
 * and UNICAST for what the local table does not hold. With a device, a route on another device
 * counts as UNICAST.
 */
export function addrType(t: LocalTable, addr: number, dev: string | null): number {
	if (addr >>> 24 === 0 || addr >>> 0 === 0xffffffff) return BROADCAST;
	if (addr >>> 28 === 0xe) return MULTICAST;
	const b = t.broadcast.get(addr);
	if (b !== undefined) return !dev || b === dev ? BROADCAST : UNICAST;
	const l = t.local.get(addr) ?? (addr >>> 24 === 127 ? 'lo' : undefined);
	if (l !== undefined) return !dev || l === dev ? LOCAL : UNICAST;
	return UNICAST;
}

export const compileAddrtype: MatchCompiler = (options) => {
	const limitIn = has(options, 'limit-iface-in');
	const limitOut = has(options, 'limit-iface-out');
	const tests: Test[] = [];
	let host: HostModel | null = null;
	let table: LocalTable | null = null;
	for (const [name, side] of [
		['src-type', 'src'],
		['dst-type', 'dst']
	] as const) {
		const o = opt(options, name);
		if (!o) continue;
		const mask = o.value as number;
		const inv = o.inverted;
		tests.push((p, env) => {
			const dev = limitIn ? p.inIface : limitOut ? p.outIface : null;
			if (env.host !== host) {
				host = env.host;
				table = localTable(host);
			}
			return ((mask & (1 << addrType(table!, p[side] >>> 0, dev))) !== 0) !== inv;
		});
	}
	return allOf(tests);
};
