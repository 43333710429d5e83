import type { ValueMask } from '../../parse/values';
import type { TargetCompiler } from '../compile-types';
import { IPPROTO, type Packet } from '../packet';
import type { HostModel } from '../host-model';
import { ipText, optionValue } from './target-values';

/** nf_tproxy_laddr4: --on-ip, else the first address of the incoming interface, else the destination. */
function localAddress(onIp: number, p: Packet, host: HostModel): number {
	if (onIp) return onIp;
	return host.own.find((a) => a.iface === p.inIface)?.address ?? p.dst;
}

/**
 * `-j TPROXY` (mangle PREROUTING, tcp/udp): finds a local socket on --on-ip:--on-port (0 = the
 * packet's port) without rewriting the packet. Found: the mark is set (`(mark & ~mask) ^ value`)
 * and the packet is accepted for this table; none: dropped.
 * Approximations: every listening socket is taken to have IP_TRANSPARENT (the kernel needs it),
 * and established proxied connections are not looked up (only listeners). Delivering the
 * accepted packet locally still needs the usual policy route for the mark.
 */
export const compileTproxy: TargetCompiler = (options) => {
	const port = optionValue<number>(options, 'on-port') ?? 0;
	const onIp = optionValue<number>(options, 'on-ip') ?? 0;
	const mark = optionValue<ValueMask>(options, 'tproxy-mark') ?? { value: 0, mask: 0 };
	return {
		note: 'TPROXY: nfwalk takes every listening socket to be transparent (IP_TRANSPARENT) and looks up listeners only',
		run(p, env) {
			const proto = p.proto === IPPROTO.tcp ? 'tcp' : p.proto === IPPROTO.udp ? 'udp' : null;
			const addr = localAddress(onIp, p, env.host);
			const lport = port || p.dport;
			const sock = env.host.host.listening.find(
				(s) => s.proto === proto && s.port === lport && (s.address === null || s.address === addr)
			);
			if (!sock)
				return {
					verdict: 'DROP',
					note: `no ${proto ?? 'tcp/udp'} socket listens on ${ipText(addr)}:${lport}: TPROXY drops the packet`
				};
			const before = p.mark;
			p.mark = ((p.mark & ~mark.mask) ^ mark.value) >>> 0;
			return {
				verdict: 'ACCEPT',
				effect: { type: 'mark', before, after: p.mark },
				note: `assigned to the ${proto} socket on ${ipText(addr)}:${lport} (packet not rewritten)`
			};
		}
	};
};
