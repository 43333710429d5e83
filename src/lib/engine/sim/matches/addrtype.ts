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

/** The interface whose directed broadcast `addr` is, or null. */
function broadcastIface(host: HostModel, addr: number): string | null {
	for (const a of host.own) {
		if (a.prefix < 31 && (a.address | ~prefixToMask(a.prefix)) >>> 0 === addr) return a.iface;
	}
	return null;
}

export function addrType(host: HostModel, addr: number, dev: string | null): number {
	if (addr >>> 24 === 0 || addr >>> 0 === 0xffffffff) return BROADCAST;
	if (addr >>> 28 === 0xe) return MULTICAST;
	if (host.isLocal(addr)) return !dev || host.ifaceOf(addr) === dev ? LOCAL : UNICAST;
	if (host.isBroadcast(addr))
		return !dev || broadcastIface(host, addr) === dev ? BROADCAST : UNICAST;
	return UNICAST;
}

export const compileAddrtype: MatchCompiler = (options) => {
	const limitIn = has(options, 'limit-iface-in');
	const limitOut = has(options, 'limit-iface-out');
	const tests: Test[] = [];
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
			return ((mask & (1 << addrType(env.host, p[side], dev))) !== 0) !== inv;
		});
	}
	return allOf(tests);
};
