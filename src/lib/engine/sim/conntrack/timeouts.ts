/**
 * Default conntrack timeouts in seconds, as `sysctl net.netfilter.nf_conntrack_*_timeout*` reports
 * them on a stock kernel. An entry not refreshed for this long is gone (§3 expiry).
 *
 * | protocol / state          | sysctl                                         | seconds |
 * |---------------------------|------------------------------------------------|---------|
 * | tcp SYN_SENT, SYN_SENT2   | nf_conntrack_tcp_timeout_syn_sent              | 120     |
 * | tcp SYN_RECV              | nf_conntrack_tcp_timeout_syn_recv              | 60      |
 * | tcp ESTABLISHED           | nf_conntrack_tcp_timeout_established           | 432000  |
 * | tcp FIN_WAIT              | nf_conntrack_tcp_timeout_fin_wait              | 120     |
 * | tcp CLOSE_WAIT            | nf_conntrack_tcp_timeout_close_wait            | 60      |
 * | tcp LAST_ACK              | nf_conntrack_tcp_timeout_last_ack              | 30      |
 * | tcp TIME_WAIT             | nf_conntrack_tcp_timeout_time_wait             | 120     |
 * | tcp CLOSE (after a RST)   | nf_conntrack_tcp_timeout_close                 | 10      |
 * | tcp picked up mid-stream, no reply yet (capped) | nf_conntrack_tcp_timeout_unacknowledged | 300 |
 * | udp, until a stream       | nf_conntrack_udp_timeout                       | 30      |
 * | udp stream (replied, >2 s)| nf_conntrack_udp_timeout_stream                | 120     |
 * | icmp                      | nf_conntrack_icmp_timeout                      | 30      |
 * | anything else             | nf_conntrack_generic_timeout                   | 600     |
 */
import type { TcpCtState, CtEntry } from '../conntrack-types';

export const TCP_TIMEOUT: Readonly<Record<TcpCtState, number>> = {
	NONE: 120,
	SYN_SENT: 120,
	SYN_SENT2: 120,
	SYN_RECV: 60,
	ESTABLISHED: 432000,
	FIN_WAIT: 120,
	CLOSE_WAIT: 60,
	LAST_ACK: 30,
	TIME_WAIT: 120,
	CLOSE: 10
};

/** A loose pickup (ESTABLISHED before any reply) gets at most this, not 5 days. */
export const TCP_UNACK_TIMEOUT = 300;

export const UDP_TIMEOUT = 30;
export const UDP_STREAM_TIMEOUT = 120;
/** udp_packet: a replied flow becomes a stream (ASSURED, 120 s) once it is older than this. */
export const UDP_STREAM_AFTER = 2;
export const ICMP_TIMEOUT = 30;
export const GENERIC_TIMEOUT = 600;

/**
 * The default timeout of an entry in its current state: what `nf_ct_expires` starts from. A UDP
 * entry counts as a stream once it is assured.
 */
export function stateTimeout(e: CtEntry): number {
	if (e.tcpState !== null) return TCP_TIMEOUT[e.tcpState];
	if (e.orig.proto === 17) return e.status.assured ? UDP_STREAM_TIMEOUT : UDP_TIMEOUT;
	return e.orig.proto === 1 ? ICMP_TIMEOUT : GENERIC_TIMEOUT;
}
