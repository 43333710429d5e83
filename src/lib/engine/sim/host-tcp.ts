/**
 * The host's TCP endpoints as far as a scenario can see them: which connections its listening
 * sockets hold, so the kernel's answers follow (tcp_v4_rcv, tcp_rcv_state_process). Sockets are
 * never accept()ed or written by a program: a connection receives, acknowledges, and stays.
 *
 * - A listening port: a SYN gets a SYN-ACK (a request in SYN_RECV); the handshake's ACK
 *   establishes it; any other segment with ACK gets a RST; a bare FIN or a segment without flags
 *   is discarded.
 * - A connection (SYN_RECV, ESTABLISHED, CLOSE_WAIT): data and FIN are acknowledged with an ACK
 *   (FIN moves it to CLOSE_WAIT); a retransmitted SYN gets the SYN-ACK again; a RST ends it.
 * - No socket: every segment but a RST gets a RST.
 * Not modelled: retransmissions and timeouts, window and sequence checks, TIME_WAIT.
 */
import { blankPacket, IPPROTO, TCP_FLAG, type Packet } from './packet';

type TcpState = 'SYN_RECV' | 'ESTABLISHED' | 'CLOSE_WAIT';

export interface TcpAnswer {
	packet: Packet;
	cause: string;
}

const key = (p: Packet) => `${p.dst}:${p.dport}<${p.src}:${p.sport}`;

/** A segment from the host's side of `p`'s connection with `flags`. */
function segment(p: Packet, flags: number, length: number): Packet {
	return blankPacket({
		proto: IPPROTO.tcp,
		src: p.dst,
		dst: p.src,
		sport: p.dport,
		dport: p.sport,
		flags,
		length,
		time: p.time
	});
}

/**
 * The SYN-ACK the host answers a SYN with: it always carries an MSS option, the route's MTU minus
 * 40 (1460 on Ethernet, 65495 on lo).
 */
function synAck(p: Packet): Packet {
	const r = segment(p, TCP_FLAG.SYN | TCP_FLAG.ACK, 44);
	r.mss = p.inIface === 'lo' ? 65495 : 1460;
	return r;
}

/** The RST that answers `orig`: RST|ACK unless `orig` carried an ACK (§2.5). */
export function tcpReset(orig: Packet): Packet {
	return segment(orig, orig.flags & TCP_FLAG.ACK ? TCP_FLAG.RST : TCP_FLAG.RST | TCP_FLAG.ACK, 40);
}

export class HostTcp {
	private readonly connections = new Map<string, TcpState>();

	/** What the host sends back for a TCP segment delivered to it; `listening` says if a socket listens. */
	answer(p: Packet, listening: boolean): TcpAnswer | null {
		const f = p.flags;
		const k = key(p);
		const state = this.connections.get(k);
		if (f & TCP_FLAG.RST) {
			this.connections.delete(k);
			return null;
		}
		if (state) return this.inConnection(p, k, state);
		if (!listening)
			return { packet: tcpReset(p), cause: `no socket on tcp/${p.dport}: the stack answers RST` };
		if ((f & (TCP_FLAG.SYN | TCP_FLAG.ACK)) === TCP_FLAG.SYN) {
			this.connections.set(k, 'SYN_RECV');
			return {
				packet: synAck(p),
				cause: `SYN to listening tcp/${p.dport}: the socket answers SYN-ACK`
			};
		}
		if (f & TCP_FLAG.ACK)
			return {
				packet: tcpReset(p),
				cause: `segment to listening tcp/${p.dport} without a connection: the stack answers RST`
			};
		return null;
	}

	private inConnection(p: Packet, k: string, state: TcpState): TcpAnswer | null {
		const f = p.flags;
		if (f & TCP_FLAG.SYN) {
			if (state !== 'SYN_RECV' || f & TCP_FLAG.ACK) return null;
			return {
				packet: synAck(p),
				cause: 'SYN again: the socket repeats its SYN-ACK'
			};
		}
		if (!(f & TCP_FLAG.ACK)) return null;
		const next: TcpState =
			f & TCP_FLAG.FIN ? 'CLOSE_WAIT' : state === 'SYN_RECV' ? 'ESTABLISHED' : state;
		this.connections.set(k, next);
		const data = p.payload.length > 0 || p.length > 40;
		if (f & TCP_FLAG.FIN)
			return { packet: segment(p, TCP_FLAG.ACK, 40), cause: 'FIN: the connection acknowledges it' };
		if (data)
			return {
				packet: segment(p, TCP_FLAG.ACK, 40),
				cause: 'data: the connection acknowledges it'
			};
		return null;
	}
}
