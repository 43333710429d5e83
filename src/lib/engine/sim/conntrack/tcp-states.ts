/**
 * The kernel's TCP conntrack state machine (nf_conntrack_proto_tcp.c `tcp_conntracks`), without
 * window tracking: which state a packet with given flags moves a connection to, per direction.
 */
import { TCP_FLAG } from '../packet';
import type { CtDirection, TcpCtState } from '../conntrack-types';

/** IV: the packet is INVALID and the entry unchanged. IG: accepted, but the entry is not updated. */
export type TcpNext = TcpCtState | 'IV' | 'IG';

export type FlagIndex = 'syn' | 'synack' | 'fin' | 'ack' | 'rst' | 'none';

/** Column order of the kernel table. */
const COLUMNS: readonly TcpCtState[] = [
	'NONE',
	'SYN_SENT',
	'SYN_RECV',
	'ESTABLISHED',
	'FIN_WAIT',
	'CLOSE_WAIT',
	'LAST_ACK',
	'TIME_WAIT',
	'CLOSE',
	'SYN_SENT2'
];

const [, SS, SR, ES, FW, CW, LA, TW, CL, S2] = COLUMNS;
const IV = 'IV' as const;
const IG = 'IG' as const;

/** tcp_conntracks[dir][index][state], copied row by row from the kernel. */
const TABLE: Readonly<Record<CtDirection, Readonly<Record<FlagIndex, readonly TcpNext[]>>>> = {
	ORIGINAL: {
		syn: [SS, SS, IG, IG, IG, IG, IG, SS, SS, S2],
		synack: [IV, IV, SR, IV, IV, IV, IV, IV, IV, SR],
		fin: [IV, IV, FW, FW, LA, LA, LA, TW, CL, IV],
		ack: [ES, IV, ES, ES, CW, CW, TW, TW, CL, IV],
		rst: [IV, CL, CL, CL, CL, CL, CL, CL, CL, CL],
		none: [IV, IV, IV, IV, IV, IV, IV, IV, IV, IV]
	},
	REPLY: {
		syn: [IV, S2, IV, IV, IV, IV, IV, SS, IV, S2],
		synack: [IV, SR, IG, IG, IG, IG, IG, IG, IG, SR],
		fin: [IV, IV, FW, FW, LA, LA, LA, TW, CL, IV],
		ack: [IV, IG, SR, ES, CW, CW, TW, TW, CL, IG],
		rst: [IV, CL, CL, CL, CL, CL, CL, CL, CL, CL],
		none: [IV, IV, IV, IV, IV, IV, IV, IV, IV, IV]
	}
};

/** get_conntrack_index: RST wins, then SYN (with ACK: SYN-ACK), FIN, ACK. */
export function flagIndex(flags: number): FlagIndex {
	if (flags & TCP_FLAG.RST) return 'rst';
	if (flags & TCP_FLAG.SYN) return flags & TCP_FLAG.ACK ? 'synack' : 'syn';
	if (flags & TCP_FLAG.FIN) return 'fin';
	if (flags & TCP_FLAG.ACK) return 'ack';
	return 'none';
}

const F = TCP_FLAG;
/**
 * tcp_valid_flags, indexed after ECE, CWR and PSH are masked off: any other combination (a bare
 * FIN, SYN+FIN, no flags …) is INVALID before any state is looked at, even on a known connection.
 */
const VALID_FLAGS: ReadonlySet<number> = new Set([
	F.SYN,
	F.SYN | F.URG,
	F.SYN | F.ACK,
	F.RST,
	F.RST | F.ACK,
	F.FIN | F.ACK,
	F.FIN | F.ACK | F.URG,
	F.ACK,
	F.ACK | F.URG
]);

export function tcpFlagsValid(flags: number): boolean {
	return VALID_FLAGS.has(flags & ~(F.ECE | F.CWR | F.PSH));
}

export function isRst(flags: number): boolean {
	return (flags & F.RST) !== 0;
}

export function tcpNext(state: TcpCtState, dir: CtDirection, flags: number): TcpNext {
	return TABLE[dir][flagIndex(flags)][COLUMNS.indexOf(state)];
}

/**
 * tcp_new: the state a packet without an entry opens. Only a SYN, or with `tcp_loose` a packet
 * the table moves to ESTABLISHED (a bare ACK picked up mid-stream); anything else is INVALID (null).
 */
export function tcpNewState(flags: number, loose: boolean): TcpCtState | null {
	const next = tcpNext('NONE', 'ORIGINAL', flags);
	if (next === 'SYN_SENT') return next;
	if (next === 'ESTABLISHED' && loose) return next;
	return null;
}

/** `old_state >= TCP_CONNTRACK_TIME_WAIT` in the kernel's enum order: TIME_WAIT, CLOSE, SYN_SENT2. */
export function closingOrLater(state: TcpCtState): boolean {
	return COLUMNS.indexOf(state) >= COLUMNS.indexOf('TIME_WAIT');
}
