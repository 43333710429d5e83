/**
 * The address MASQUERADE, REDIRECT and NETMAP bind to, which depends on the packet and the host
 * at the moment the rule runs (nf_nat_masquerade_ipv4, nf_nat_redirect_ipv4, netmap_tg).
 */
import type { Hook } from '../model';
import { prefixToMask } from '../parse/values';
import type { OwnAddress } from '../sim/host-model';
import type { Packet } from '../sim/packet';
import { nullRange, singleAddress, type Manip, type NatRange2, type NatRequest } from './range';

export const LOOPBACK_ADDRESS = 0x7f000001;

const sameNet = (a: number, b: number, prefix: number) =>
	((a ^ b) & prefixToMask(prefix)) >>> 0 === 0;

/** The manip a hook's nat slot does: destination before routing, source after it. */
export function manipOf(hook: Hook): Manip {
	return hook === 'PREROUTING' || hook === 'OUTPUT' ? 'DST' : 'SRC';
}

/** Primary addresses of an interface in the order `ip addr` lists them (a later one in an earlier one's subnet is secondary). */
function primaries(own: readonly OwnAddress[], iface: string): OwnAddress[] {
	const out: OwnAddress[] = [];
	for (const a of own) {
		if (a.iface !== iface) continue;
		if (out.some((p) => p.prefix === a.prefix && sameNet(p.address, a.address, p.prefix))) continue;
		out.push(a);
	}
	return out;
}

/**
 * inet_select_addr(out, nexthop, RT_SCOPE_UNIVERSE): the out interface's primary address in the
 * next hop's subnet, else its first primary address; null when it has none.
 */
export function masqueradeAddress(
	own: readonly OwnAddress[],
	outIface: string,
	nextHop: number
): number | null {
	const list = primaries(own, outIface);
	const inSubnet = list.find((a) => sameNet(a.address, nextHop, a.prefix));
	return (inSubnet ?? list[0])?.address ?? null;
}

/** What the rule's request binds to for this packet, or why the kernel drops it instead. */
export function resolveRequest(
	req: NatRequest,
	p: Packet,
	hook: Hook,
	host: { own: readonly OwnAddress[]; nextHop: number }
): { range: NatRange2 } | { drop: string } {
	switch (req.kind) {
		case 'SNAT':
		case 'DNAT':
			return { range: req.range };
		case 'MASQUERADE': {
			const out = p.outIface ?? '';
			const addr = masqueradeAddress(host.own, out, host.nextHop);
			if (addr === null)
				return {
					drop: `MASQUERADE: ${out || 'the out interface'} has no IPv4 address, so the kernel drops the packet`
				};
			return { range: singleAddress(req.range, addr) };
		}
		case 'REDIRECT': {
			if (hook === 'OUTPUT') return { range: singleAddress(req.range, LOOPBACK_ADDRESS) };
			const iface = p.inIface ?? '';
			const first = host.own.find((a) => a.iface === iface);
			if (!first)
				return {
					drop: `REDIRECT: ${iface || 'the in interface'} has no IPv4 address, so the kernel drops the packet`
				};
			return { range: singleAddress(req.range, first.address) };
		}
		case 'NETMAP': {
			const addr = manipOf(hook) === 'DST' ? p.dst : p.src;
			const mapped = ((addr & ~req.mask) | (req.network & req.mask)) >>> 0;
			return { range: nullRange(mapped) };
		}
	}
}
