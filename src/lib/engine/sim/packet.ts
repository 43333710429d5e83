/**
 * A packet as the simulator sees it: the IPv4 headers netfilter matches on plus the metadata the
 * kernel carries with the skb (mark, interfaces, owner). Addresses are unsigned 32-bit numbers.
 */

export const IPPROTO = { icmp: 1, tcp: 6, udp: 17 } as const;

/** TCP flag bits, e.g. `TCP_FLAG.SYN | TCP_FLAG.ACK` for a SYN-ACK. */
export const TCP_FLAG = {
	FIN: 0x01,
	SYN: 0x02,
	RST: 0x04,
	PSH: 0x08,
	ACK: 0x10,
	URG: 0x20,
	ECE: 0x40,
	CWR: 0x80
} as const;

/** One IPv4 packet, e.g. a TCP SYN from 10.0.1.2:40000 to 10.0.2.2:80 arriving on eth0. */
export interface Packet {
	/** IP protocol number (6 tcp, 17 udp, 1 icmp, …). */
	proto: number;
	src: number;
	dst: number;
	/** Ports for tcp/udp/udplite/sctp/dccp; 0 otherwise. */
	sport: number;
	dport: number;
	/** TCP flag bits (`TCP_FLAG`); 0 for other protocols. */
	flags: number;
	/**
	 * The TCP MSS option's value, or null when the segment carries none (the only TCP option
	 * nfwalk models: `-m tcpmss`, `--tcp-option 2` and `-j TCPMSS` read or write it).
	 */
	mss: number | null;
	/** ICMP type, code and echo/timestamp id; 0 for other protocols. */
	icmpType: number;
	icmpCode: number;
	icmpId: number;
	ttl: number;
	/** The whole TOS byte (DSCP << 2 | ECN). */
	tos: number;
	/** IP total length in bytes (what counters add). */
	length: number;
	/** Payload bytes as a latin1 string, for `-m string` and `-m u32`; '' when none was given. */
	payload: string;
	/** The datagram an ICMP error quotes (its headers), or null. */
	embedded: Packet | null;
	/** Source MAC as received on the wire (lower-case `aa:bb:…`), or null. */
	mac: string | null;
	/** The skb mark (`-j MARK`, `-m mark`). */
	mark: number;
	/** `IN=`: the interface it arrived on; null for locally generated packets. */
	inIface: string | null;
	/** `OUT=`: the interface routing chose; null before routing and for local delivery. */
	outIface: string | null;
	/** Owner of a locally generated packet (`-m owner`); null when not local or unknown. */
	uid: number | null;
	gid: number | null;
	/** Seconds since the scenario started (drives limit, hashlimit, recent, time). */
	time: number;
}

/**
 * A packet with every field at its neutral value (no ports, no flags, TTL 64, a bare 20-byte IP
 * header, no metadata) and `fields` on top. The one place a whole Packet is spelled out.
 */
export function blankPacket(fields: Partial<Packet> = {}): Packet {
	return {
		proto: 0,
		src: 0,
		dst: 0,
		sport: 0,
		dport: 0,
		flags: 0,
		mss: null,
		icmpType: 0,
		icmpCode: 0,
		icmpId: 0,
		ttl: 64,
		tos: 0,
		length: 20,
		payload: '',
		embedded: null,
		mac: null,
		mark: 0,
		inIface: null,
		outIface: null,
		uid: null,
		gid: null,
		time: 0,
		...fields
	};
}

export function clonePacket(p: Packet): Packet {
	return { ...p };
}

/** True for protocols whose header starts with 16-bit source and destination ports. */
export function hasPorts(proto: number): boolean {
	return proto === 6 || proto === 17 || proto === 136 || proto === 132 || proto === 33;
}
