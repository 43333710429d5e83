/**
 * The line nf_log_syslog (`nf_log_ipv4`) prints for a packet, field for field as
 * nf_log_ip_packet → dump_mac_header → dump_ipv4_packet write it in Linux 6.x, trailing space
 * included (the kernel leaves one after the last field).
 *
 * nfwalk's packet does not carry everything the kernel prints. These get stable values:
 * - `ID=0` (the IP id), `WINDOW=0`, `RES=0x00`, `URGP=0`, `SEQ=0 ACK=0`, ICMP `SEQ=0`,
 *   `PARAMETER=0`, `GATEWAY=0.0.0.0`, `MTU=0`;
 * - no `DF`/`MF`/`CE`/`FRAG:` (fragment bits are not modelled; Linux TCP usually sets DF), no
 *   IP or TCP options (`OPT (…)`);
 * - MAC: the receiving interface's MAC as destination (00:… when the host does not give one), the
 *   packet's `mac` as source (00:… when unknown), type 08:00; every interface is taken to be
 *   Ethernet (a tun or WireGuard device would print `MAC= `).
 */
import type { Hook } from '../../model';
import type { HostModel } from '../host-model';
import type { Packet } from '../packet';
import { ipText } from './target-values';

export interface LogFlags {
	tcpSequence: boolean;
	uid: boolean;
	macDecode: boolean;
}

const ZERO_MAC = '00:00:00:00:00:00';
const IPTOS_TOS_MASK = 0x1e;
const IPTOS_PREC_MASK = 0xe0;
const IP_HDR = 20;
const ICMP_HDR = 8;

/** Bytes an ICMP message of this type must have after the IP header, else `INCOMPLETE`. */
const ICMP_REQUIRED: Readonly<Record<number, number>> = {
	0: 4,
	3: 28,
	4: 28,
	5: 28,
	8: 4,
	11: 28,
	12: 28,
	13: 20,
	14: 20,
	17: 12,
	18: 12
};

/** TCP flag names in the order the kernel prints them (AE is not modelled). */
const TCP_FLAGS: readonly [number, string][] = [
	[0x80, 'CWR'],
	[0x40, 'ECE'],
	[0x20, 'URG'],
	[0x10, 'ACK'],
	[0x08, 'PSH'],
	[0x04, 'RST'],
	[0x02, 'SYN'],
	[0x01, 'FIN']
];

const hex2 = (n: number) => '0x' + n.toString(16).toUpperCase().padStart(2, '0');
const incomplete = (n: number) => `INCOMPLETE [${n} bytes] `;

function tcpHeader(p: Packet, avail: number, flags: LogFlags): { text: string; stop: boolean } {
	let s = 'PROTO=TCP ';
	if (avail < 20) return { text: s + incomplete(avail), stop: true };
	s += `SPT=${p.sport} DPT=${p.dport} `;
	if (flags.tcpSequence) s += 'SEQ=0 ACK=0 ';
	s += 'WINDOW=0 RES=0x00 ';
	for (const [bit, name] of TCP_FLAGS) if (p.flags & bit) s += name + ' ';
	return { text: s + 'URGP=0 ', stop: false };
}

function udpHeader(p: Packet, avail: number): { text: string; stop: boolean } {
	const s = p.proto === 17 ? 'PROTO=UDP ' : 'PROTO=UDPLITE ';
	if (avail < 8) return { text: s + incomplete(avail), stop: true };
	return { text: s + `SPT=${p.sport} DPT=${p.dport} LEN=${p.length - IP_HDR} `, stop: false };
}

function icmpHeader(p: Packet, avail: number, top: boolean, flags: LogFlags): string {
	let s = 'PROTO=ICMP ';
	if (avail < ICMP_HDR) return s + incomplete(avail);
	s += `TYPE=${p.icmpType} CODE=${p.icmpCode} `;
	const required = ICMP_REQUIRED[p.icmpType];
	if (required && avail < required) return s + incomplete(avail);
	switch (p.icmpType) {
		case 0:
		case 8:
			return s + `ID=${p.icmpId} SEQ=0 `;
		case 12:
			return s + 'PARAMETER=0 ';
		case 5:
			s += 'GATEWAY=0.0.0.0 ';
		// falls through: a redirect quotes the packet too
		case 3:
		case 4:
		case 11:
			// The kernel recurses once: an error quoted inside an error is not opened.
			if (top) {
				const inner = p.embedded
					? dumpIp(p.embedded, avail - ICMP_HDR, false, flags)
					: // nfwalk does not know the quoted header: as if the bytes were missing.
						'TRUNCATED';
				s += `[${inner}] `;
			}
			if (p.icmpType === 3 && p.icmpCode === 4) s += 'MTU=0 ';
			return s;
		default:
			return s;
	}
}

/** dump_ipv4_packet: `avail` is how many bytes of the skb follow this IP header's start. */
function dumpIp(p: Packet, avail: number, top: boolean, flags: LogFlags): string {
	if (avail < IP_HDR) return 'TRUNCATED';
	let s = `SRC=${ipText(p.src)} DST=${ipText(p.dst)} `;
	s += `LEN=${p.length} TOS=${hex2(p.tos & IPTOS_TOS_MASK)} PREC=${hex2(p.tos & IPTOS_PREC_MASK)} TTL=${p.ttl} ID=0 `;
	const rest = avail - IP_HDR;
	switch (p.proto) {
		case 6:
		case 17:
		case 136: {
			const h = p.proto === 6 ? tcpHeader(p, rest, flags) : udpHeader(p, rest);
			// An incomplete TCP/UDP header ends the dump: no UID= or MARK= either.
			if (h.stop) return s + h.text;
			s += h.text;
			break;
		}
		case 1:
			s += icmpHeader(p, rest, top, flags);
			break;
		case 51:
			s += 'PROTO=AH ' + (rest < 12 ? incomplete(rest) : 'SPI=0x0 ');
			break;
		case 50:
			s += 'PROTO=ESP ' + (rest < 8 ? incomplete(rest) : 'SPI=0x0 ');
			break;
		default:
			s += `PROTO=${p.proto} `;
	}
	// Only a local socket's packet has an owner to print.
	if (top && flags.uid && p.uid !== null) s += `UID=${p.uid} GID=${p.gid ?? 0} `;
	if (top && p.mark) s += `MARK=0x${(p.mark >>> 0).toString(16)} `;
	return s;
}

function macHeader(p: Packet, inName: string, host: HostModel, flags: LogFlags): string {
	const loopback = inName === 'lo';
	const dst = loopback
		? ZERO_MAC
		: (host.host.interfaces.find((i) => i.name === inName)?.mac ?? ZERO_MAC);
	const src = loopback ? ZERO_MAC : (p.mac ?? ZERO_MAC);
	if (flags.macDecode) return `MACSRC=${src} MACDST=${dst} MACPROTO=0800 `;
	return `MAC=${dst}:${src}:08:00 `;
}

/**
 * The whole line without the kernel's timestamp and level marker, e.g.
 * `kt-log: IN=eth0 OUT= MAC=… SRC=10.0.1.2 DST=10.0.1.1 LEN=60 … SYN URGP=0 `.
 */
export function logLine(
	p: Packet,
	hook: Hook,
	host: HostModel,
	prefix: string,
	flags: LogFlags
): string {
	// The hook passes no `in` device on OUTPUT and no `out` device before routing or to INPUT.
	const inName = hook === 'OUTPUT' ? '' : (p.inIface ?? '');
	const outName = hook === 'PREROUTING' || hook === 'INPUT' ? '' : (p.outIface ?? '');
	let s = `${prefix}IN=${inName} OUT=${outName} `;
	if (inName) s += macHeader(p, inName, host, flags);
	return s + dumpIp(p, p.length, true, flags);
}
