/**
 * `-m u32`: xt_u32's u32_match_it over the datagram as nfwalk can rebuild it from the packet's
 * fields: a 20-byte IPv4 header (no options), the TCP/UDP/ICMP header, then the payload (or, for
 * an ICMP error, the quoted header). Bytes are computed on demand, so a test costs a few field
 * reads and allocates nothing. Fields the packet does not carry read as 0: the IP id and
 * fragment field, checksums, TCP sequence/ack/window/urgent, the ICMP sequence; there are no IP
 * or TCP options (the TCP data offset is 5).
 */
import { hasPorts, type Packet } from '../packet';
import type { MatchCompiler } from '../compile-types';
import { opt } from './build';

/** One `location=values` test as libxt_u32 parses it; `ops[i]` joins `nums[i]` to `nums[i + 1]`. */
interface U32Test {
	nums: number[];
	ops: string[];
	values: [number, number][];
}

const OP_AND = 0;
const OP_SHL = 1;
const OP_SHR = 2;
const OP_AT = 3;
const OP_CODE: Readonly<Record<string, number>> = {
	'&': OP_AND,
	'<<': OP_SHL,
	'>>': OP_SHR,
	'@': OP_AT
};

/** ICMP types whose body quotes the datagram they are about. */
function isIcmpError(type: number): boolean {
	return type === 3 || type === 4 || type === 5 || type === 11 || type === 12;
}

/** Length of the transport header nfwalk rebuilds; the payload starts after it. */
function l4HeaderLength(p: Packet): number {
	switch (p.proto) {
		case 6:
			return 20;
		case 17:
		case 136:
		case 1:
			return 8;
		case 132:
			return 12;
		case 33:
			return 16;
		default:
			return 0;
	}
}

function l4Byte(p: Packet, i: number, ipLength: number): number {
	if (hasPorts(p.proto) && i < 4) {
		const port = i < 2 ? p.sport : p.dport;
		return i % 2 === 0 ? port >>> 8 : port & 0xff;
	}
	if (p.proto === 6) {
		if (i === 12) return 0x50;
		return i === 13 ? p.flags & 0xff : 0;
	}
	if (p.proto === 17 && (i === 4 || i === 5)) {
		const len = Math.max(0, ipLength - 20);
		return i === 4 ? (len >>> 8) & 0xff : len & 0xff;
	}
	if (p.proto === 1) {
		if (i === 0) return p.icmpType;
		if (i === 1) return p.icmpCode;
		if (!isIcmpError(p.icmpType) && (i === 4 || i === 5))
			return i === 4 ? (p.icmpId >>> 8) & 0xff : p.icmpId & 0xff;
	}
	return 0;
}

/** Byte `off` of the datagram of `p` whose total length is `len` (0 past what nfwalk knows). */
function ipByte(p: Packet, off: number, len: number): number {
	if (off >= len) return 0;
	if (off < 20) {
		switch (off) {
			case 0:
				return 0x45;
			case 1:
				return p.tos & 0xff;
			case 2:
				return (len >>> 8) & 0xff;
			case 3:
				return len & 0xff;
			case 8:
				return p.ttl & 0xff;
			case 9:
				return p.proto & 0xff;
			case 12:
			case 13:
			case 14:
			case 15:
				return (p.src >>> (8 * (15 - off))) & 0xff;
			case 16:
			case 17:
			case 18:
			case 19:
				return (p.dst >>> (8 * (19 - off))) & 0xff;
			default:
				return 0;
		}
	}
	const l4 = off - 20;
	const hdr = l4HeaderLength(p);
	if (l4 < hdr) return l4Byte(p, l4, len);
	const body = l4 - hdr;
	if (p.proto === 1 && p.embedded && isIcmpError(p.icmpType)) {
		// The quoted datagram: its IP header and the first 8 bytes of its transport header.
		return body < 28 ? ipByte(p.embedded, body, p.embedded.length) : 0;
	}
	return body < p.payload.length ? p.payload.charCodeAt(body) & 0xff : 0;
}

function word(p: Packet, pos: number): number {
	const len = p.length;
	return (
		((ipByte(p, pos, len) << 24) |
			(ipByte(p, pos + 1, len) << 16) |
			(ipByte(p, pos + 2, len) << 8) |
			ipByte(p, pos + 3, len)) >>>
		0
	);
}

/** One compiled `&&` operand: the location program and the accepted value ranges. */
interface Program {
	nums: Uint32Array;
	ops: Uint8Array;
	lo: Uint32Array;
	hi: Uint32Array;
}

function compileTest(t: U32Test): Program {
	return {
		nums: Uint32Array.from(t.nums),
		// ops[i] is the operator in front of nums[i]; ops[0] is unused.
		ops: Uint8Array.from([0, ...t.ops.map((o) => OP_CODE[o])]),
		lo: Uint32Array.from(t.values, (v) => v[0]),
		hi: Uint32Array.from(t.values, (v) => v[1])
	};
}

/** u32_match_it: every `&&` operand must land in one of its value ranges. */
function matchAll(programs: readonly Program[], p: Packet): boolean {
	const len = p.length;
	for (const t of programs) {
		let at = 0;
		let pos = t.nums[0];
		if (len < 4 || pos > len - 4) return false;
		let val = word(p, pos);
		for (let i = 1; i < t.nums.length; i++) {
			const n = t.nums[i];
			switch (t.ops[i]) {
				case OP_AND:
					val = (val & n) >>> 0;
					break;
				// x86 masks the shift count to 5 bits, and so does JavaScript.
				case OP_SHL:
					val = (val << n) >>> 0;
					break;
				case OP_SHR:
					val = val >>> n;
					break;
				case OP_AT:
					at += val;
					if (at > 0xffffffff) return false;
					pos = n;
					if (len < at + 4 || pos > len - at - 4) return false;
					val = word(p, at + pos);
					break;
			}
		}
		let hit = false;
		for (let i = 0; i < t.lo.length && !hit; i++) hit = t.lo[i] <= val && val <= t.hi[i];
		if (!hit) return false;
	}
	return true;
}

export const compileU32: MatchCompiler = (options) => {
	const o = opt(options, 'u32');
	if (!o) return { test: () => true };
	const programs = (o.value as U32Test[]).map(compileTest);
	const inv = o.inverted;
	return {
		test: (p) => matchAll(programs, p) !== inv,
		note: '-m u32 reads the datagram as nfwalk rebuilds it: IP id, fragment field, checksums, TCP seq/ack/window and the ICMP sequence read as 0, and there are no IP or TCP options'
	};
};
