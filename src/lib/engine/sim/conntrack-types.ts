/**
 * Connection-tracking types shared by the conntrack table (`conntrack/`), the matchers
 * (`-m conntrack`, `-m state`, `-m connmark`) and the trace. States and status names are the
 * kernel's, as `conntrack -L` and `-m conntrack` spell them.
 */

/** `--ctstate` values; the virtual SNAT/DNAT states are read from the status bits. */
export type CtState = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED';

export type CtDirection = 'ORIGINAL' | 'REPLY';

/** One direction of a connection, e.g. tcp 10.0.1.2:40000 → 10.0.2.2:80. ICMP uses type/code/id. */
export interface CtTuple {
	proto: number;
	src: number;
	dst: number;
	/**
	 * Ports, or for ICMP: sport = query id, dport = (type << 8) | code as this direction carries
	 * them (an echo's original tuple has type 8, its reply tuple type 0).
	 */
	sport: number;
	dport: number;
}

/** Status bits: the four `--ctstatus` names, then the NAT bits the kernel keeps beside them. */
export interface CtStatus {
	seenReply: boolean;
	assured: boolean;
	confirmed: boolean;
	expected: boolean;
	/** IPS_SRC_NAT / IPS_DST_NAT: the binding changed the source / destination (`--ctstate SNAT/DNAT`). */
	srcNat: boolean;
	dstNat: boolean;
	/**
	 * IPS_SRC_NAT_DONE / IPS_DST_NAT_DONE: the manip is bound (by a NAT rule, or the null binding when
	 * none matched), so its nat chains are not traversed again for this connection (§1.4).
	 */
	srcNatDone: boolean;
	dstNatDone: boolean;
}

/** A status with every bit clear but those given, e.g. `ctStatus({ confirmed: true })`. */
export function ctStatus(bits: Partial<CtStatus> = {}): CtStatus {
	return {
		seenReply: false,
		assured: false,
		confirmed: false,
		expected: false,
		srcNat: false,
		dstNat: false,
		srcNatDone: false,
		dstNatDone: false,
		...bits
	};
}

/** TCP connection states as `conntrack -L` prints them. */
export type TcpCtState =
	| 'NONE'
	| 'SYN_SENT'
	/** Simultaneous open: a SYN came back in reply to a SYN. */
	| 'SYN_SENT2'
	| 'SYN_RECV'
	| 'ESTABLISHED'
	| 'FIN_WAIT'
	| 'CLOSE_WAIT'
	| 'LAST_ACK'
	| 'TIME_WAIT'
	| 'CLOSE';

/** A conntrack entry, e.g. the UDP flow 10.0.1.2:5000 → 10.0.2.2:53 and its reply tuple. */
export interface CtEntry {
	/** Order of creation within the scenario, from 1. */
	id: number;
	orig: CtTuple;
	reply: CtTuple;
	status: CtStatus;
	/** TCP only. */
	tcpState: TcpCtState | null;
	/** `ctmark` (`-j CONNMARK`, `-m connmark`). */
	mark: number;
	zone: number;
	/** Helper assigned with `-j CT --helper`, or null. */
	helper: string | null;
	/** Packets and bytes per direction, as `conntrack -L -o extended` would count them. */
	packets: [number, number];
	bytes: [number, number];
	/** Seconds (scenario time) when the entry was last refreshed, for expiry. */
	lastSeen: number;
}

/** What a packet carries after the conntrack lookup: its entry, its direction and state. */
export interface CtRef {
	/** Null for INVALID and UNTRACKED packets. */
	entry: CtEntry | null;
	dir: CtDirection;
	state: CtState;
	/** For RELATED packets: the connection they relate to (the flow an ICMP error quotes). */
	master: CtEntry | null;
}

/** A copy of an entry as it was at one step, for the trace and the UI's conntrack table. */
export type CtSnapshot = Omit<CtEntry, 'status'> & { status: CtStatus };

/**
 * What `-j CT` without `--notrack` attaches to a packet in raw (xt_CT's template), read by the
 * conntrack lookup that follows, e.g. `{ helper: 'ftp', zone: 0, zoneDir: 'both' }`.
 */
export interface CtTemplate {
	/** Helper an entry created by this lookup gets; existing entries keep theirs. */
	helper: string | null;
	/** Zone of the lookup: a number, or `mark` for the low 16 bits of the packet's mark then. */
	zone: number | 'mark';
	/** Which direction's tuple the zone applies to (`--zone-orig`, `--zone-reply`). */
	zoneDir: 'both' | 'orig' | 'reply';
}
