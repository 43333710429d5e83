/**
 * What one packet does to the entry it belongs to, per protocol — the kernel's l4proto `packet`
 * functions (nf_conntrack_proto_{tcp,udp,icmp,generic}.c). Each returns what the lookup must do
 * next: keep the packet on the entry, call it INVALID, or drop the entry and look up again.
 */
import { IPPROTO, type Packet } from '../packet';
import type { CtDirection, CtEntry } from '../conntrack-types';
import { closingOrLater, flagIndex, tcpFlagsValid, tcpNext, type FlagIndex } from './tcp-states';
import {
	GENERIC_TIMEOUT,
	ICMP_TIMEOUT,
	TCP_TIMEOUT,
	TCP_UNACK_TIMEOUT,
	UDP_STREAM_AFTER,
	UDP_STREAM_TIMEOUT,
	UDP_TIMEOUT
} from './timeouts';

/** Per-entry state the kernel keeps but `conntrack -L` does not print. */
export interface EntryMeta {
	/** Seconds the last refresh granted; made absolute (`expires`) at confirm. */
	timeout: number;
	/** Scenario second at which the entry is gone (valid once confirmed). */
	expires: number;
	/** UDP: a replied flow still alive after this second becomes a stream (ASSURED, 120 s). */
	udpStreamAt: number;
	/** TCP: flags class and direction of the last in-window or ignored segment. */
	lastIndex: FlagIndex | null;
	lastDir: CtDirection | null;
	/** TCP: the side that sent a FIN first (IP_CT_TCP_FLAG_CLOSE_INIT), per direction. */
	closeInit: Record<CtDirection, boolean>;
	/** TCP: a SYN crossed a SYN (simultaneous open). */
	simultaneous: boolean;
	/** Killed while a packet still referred to it (RST as the only answer): gone from the table. */
	dead: boolean;
	/** Zone the entry lives in (`-j CT --zone`). */
	zone: number;
}

/**
 * `ok`: the packet belongs to the entry (counted and refreshed unless the tracker chose not to).
 * `invalid`: the packet gets no conntrack (INVALID), the entry is unchanged.
 * `repeat`: the entry is an old connection being reopened: delete it and look up afresh.
 */
export type TrackResult = 'ok' | 'invalid' | 'repeat';

export function newMeta(zone: number): EntryMeta {
	return {
		timeout: 0,
		expires: 0,
		udpStreamAt: 0,
		lastIndex: null,
		lastDir: null,
		closeInit: { ORIGINAL: false, REPLY: false },
		simultaneous: false,
		dead: false,
		zone
	};
}

/** nf_ct_refresh_acct: count the packet in its direction and grant `timeout` more seconds. */
function refresh(
	entry: CtEntry,
	meta: EntryMeta,
	dir: CtDirection,
	p: Packet,
	timeout: number
): void {
	const i = dir === 'ORIGINAL' ? 0 : 1;
	entry.packets[i] += 1;
	entry.bytes[i] += p.length;
	entry.lastSeen = p.time;
	meta.timeout = timeout;
	meta.expires = p.time + timeout;
}

/**
 * nf_conntrack_tcp_packet without window tracking: every segment is taken as in-window, since
 * scenario packets carry no sequence numbers (§9: window tracking was not verified either).
 */
function trackTcp(
	entry: CtEntry,
	meta: EntryMeta,
	dir: CtDirection,
	p: Packet,
	loose: boolean
): TrackResult {
	if (!tcpFlagsValid(p.flags)) return 'invalid';
	const old = entry.tcpState ?? 'NONE';
	const index = flagIndex(p.flags);
	let next = tcpNext(old, dir, p.flags);
	// tcp_new: without an entry only a SYN opens one, or with tcp_loose a segment the table takes
	// straight to ESTABLISHED (a bare ACK picked up mid-stream, §3.3).
	if (old === 'NONE' && next !== 'SYN_SENT' && (next !== 'ESTABLISHED' || !loose)) return 'invalid';
	if (next === 'SYN_SENT' && closingOrLater(old)) {
		// A SYN on a closed or closing connection reopens it only if it was closed by a FIN, or this
		// side sent the RST; otherwise it is ignored like any unexpected SYN.
		const closedByFin = meta.closeInit.ORIGINAL || meta.closeInit.REPLY;
		if (closedByFin || (meta.lastDir === dir && meta.lastIndex === 'rst')) return 'repeat';
		next = 'IG';
	}
	if (next === 'IG') {
		// Ignored: the packet passes on the entry (ESTABLISHED), which is neither changed nor refreshed.
		meta.lastIndex = index;
		meta.lastDir = dir;
		return 'ok';
	}
	if (next === 'IV') return 'invalid';
	if (next === 'SYN_SENT2') meta.simultaneous = true;
	if (next === 'SYN_RECV' && dir === 'REPLY' && index === 'ack' && meta.simultaneous)
		next = 'ESTABLISHED';

	meta.lastIndex = index;
	meta.lastDir = dir;
	entry.tcpState = next;
	if (old !== next && next === 'FIN_WAIT') meta.closeInit[dir] = true;
	let timeout = index === 'rst' ? TCP_TIMEOUT.CLOSE : TCP_TIMEOUT[next];
	if (!entry.status.seenReply) {
		// "If only reply is a RST … delete the conntrack immediately": the packet keeps the entry,
		// but the table no longer has it (a refused connection leaves nothing in `conntrack -L`).
		if (index === 'rst') {
			refresh(entry, meta, dir, p, timeout);
			meta.dead = true;
			return 'ok';
		}
		if (next === 'ESTABLISHED' && timeout > TCP_UNACK_TIMEOUT) timeout = TCP_UNACK_TIMEOUT;
	} else if (
		!entry.status.assured &&
		(old === 'SYN_RECV' || old === 'ESTABLISHED') &&
		next === 'ESTABLISHED'
	) {
		// The ACK that completes the handshake (or a second answer to a picked-up flow).
		entry.status.assured = true;
	}
	refresh(entry, meta, dir, p, timeout);
	return 'ok';
}

/** nf_conntrack_udp_packet: 30 s, and 120 s + ASSURED once a replied flow lives past 2 s. */
function trackUdp(entry: CtEntry, meta: EntryMeta, dir: CtDirection, p: Packet): TrackResult {
	if (!entry.status.confirmed) meta.udpStreamAt = p.time + UDP_STREAM_AFTER;
	if (!entry.status.seenReply) {
		refresh(entry, meta, dir, p, UDP_TIMEOUT);
		return 'ok';
	}
	const stream = p.time > meta.udpStreamAt;
	refresh(entry, meta, dir, p, stream ? UDP_STREAM_TIMEOUT : UDP_TIMEOUT);
	if (stream) entry.status.assured = true;
	return 'ok';
}

/** Runs the packet through its protocol's tracker; `loose` is nf_conntrack_tcp_loose. */
export function track(
	entry: CtEntry,
	meta: EntryMeta,
	dir: CtDirection,
	p: Packet,
	loose: boolean
): TrackResult {
	switch (entry.orig.proto) {
		case IPPROTO.tcp:
			return trackTcp(entry, meta, dir, p, loose);
		case IPPROTO.udp:
		case 136: // UDP-Lite uses the UDP tracker.
			return trackUdp(entry, meta, dir, p);
		case IPPROTO.icmp:
			refresh(entry, meta, dir, p, ICMP_TIMEOUT);
			return 'ok';
		default:
			refresh(entry, meta, dir, p, GENERIC_TIMEOUT);
			return 'ok';
	}
}

/**
 * What the engine should say at a lookup for protocols tracked less exactly than the kernel does,
 * or null. SCTP and DCCP have their own state machines in the kernel (an INIT/REQUEST opens a
 * flow); GRE keys come from the PPTP helper. Here they are tracked like the generic protocol.
 */
export function trackingNote(proto: number): string | null {
	if (proto === 132 || proto === 33 || proto === 47) {
		return `protocol ${proto}: tracked as a generic flow (NEW until a reply, then ESTABLISHED; 600 s); the kernel's own ${proto === 132 ? 'SCTP' : proto === 33 ? 'DCCP' : 'GRE'} tracker is not simulated`;
	}
	return null;
}
