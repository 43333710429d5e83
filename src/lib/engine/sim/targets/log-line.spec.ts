import { describe, expect, it } from 'vitest';
import type { Hook } from '../../model';
import type { Host } from '../host';
import { HostModel } from '../host-model';
import { makePacket } from '../matches/test-packet';
import { TCP_FLAG, type Packet } from '../packet';
import { logLine, type LogFlags } from './log-line';

const HOST = new HostModel({
	interfaces: [
		{ name: 'eth0', addresses: [{ address: 0x0a000101, prefix: 24 }], mac: '02:00:00:00:01:01' },
		{ name: 'eth1', addresses: [{ address: 0x0a000201, prefix: 24 }] }
	],
	routes: [],
	policyRules: [],
	forwarding: true,
	listening: [],
	ipsets: [],
	backend: 'nft',
	tcpLoose: true,
	statisticSeed: 1,
	clockStart: 0
} satisfies Host);

const NONE: LogFlags = { tcpSequence: false, uid: false, macDecode: false };
const MAC = 'MAC=02:00:00:00:01:01:02:00:00:00:01:02:08:00';
const IN_ETH0 = { inIface: 'eth0', mac: '02:00:00:00:01:02' };
const UDP = { proto: 17, sport: 5000, dport: 53, flags: 0, length: 40 };

// Each line is what nf_log_syslog prints, trailing space included; comments name the kernel rule.
const CASES: [string, Hook, Partial<Packet>, string, Partial<LogFlags>, string][] = [
	[
		'§2.4 a forwarded SYN in PREROUTING: no OUT= yet, MAC dst:src:type',
		'PREROUTING',
		{ ...IN_ETH0, outIface: 'eth1' },
		'kt-log: ',
		{},
		`kt-log: IN=eth0 OUT= ${MAC} SRC=10.0.1.2 DST=10.0.2.2 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=TCP SPT=40000 DPT=80 WINDOW=0 RES=0x00 SYN URGP=0 `
	],
	[
		'FORWARD: OUT= set; TOS masks 0x1e, PREC 0xe0 (0xb9 → 0x18/0xA0); MARK in lower-case hex',
		'FORWARD',
		{ ...IN_ETH0, outIface: 'eth1', tos: 0xb9, mark: 0x1f, ttl: 63 },
		'',
		{},
		`IN=eth0 OUT=eth1 ${MAC} SRC=10.0.1.2 DST=10.0.2.2 LEN=60 TOS=0x18 PREC=0xA0 TTL=63 ID=0 PROTO=TCP SPT=40000 DPT=80 WINDOW=0 RES=0x00 SYN URGP=0 MARK=0x1f `
	],
	[
		'TCP flags in the kernel order CWR ECE URG ACK PSH RST SYN FIN',
		'INPUT',
		{ ...IN_ETH0, flags: TCP_FLAG.FIN | TCP_FLAG.PSH | TCP_FLAG.ACK | TCP_FLAG.CWR },
		'',
		{},
		`IN=eth0 OUT= ${MAC} SRC=10.0.1.2 DST=10.0.2.2 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=TCP SPT=40000 DPT=80 WINDOW=0 RES=0x00 CWR ACK PSH FIN URGP=0 `
	],
	[
		'--log-tcp-sequence puts SEQ/ACK before WINDOW',
		'INPUT',
		IN_ETH0,
		'',
		{ tcpSequence: true },
		`IN=eth0 OUT= ${MAC} SRC=10.0.1.2 DST=10.0.2.2 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=TCP SPT=40000 DPT=80 SEQ=0 ACK=0 WINDOW=0 RES=0x00 SYN URGP=0 `
	],
	[
		'OUTPUT: no in device, so no MAC; --log-uid prints the socket owner; UDP LEN is the UDP length',
		'OUTPUT',
		{ ...UDP, src: 0x0a000201, outIface: 'eth1', uid: 1000, gid: 100 },
		'out: ',
		{ uid: true },
		'out: IN= OUT=eth1 SRC=10.0.2.1 DST=10.0.2.2 LEN=40 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=UDP SPT=5000 DPT=53 LEN=20 UID=1000 GID=100 '
	],
	[
		'--log-uid without a socket (a received packet) prints nothing more',
		'INPUT',
		{ ...UDP, ...IN_ETH0 },
		'',
		{ uid: true },
		`IN=eth0 OUT= ${MAC} SRC=10.0.1.2 DST=10.0.2.2 LEN=40 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=UDP SPT=5000 DPT=53 LEN=20 `
	],
	[
		'--log-macdecode: MACSRC/MACDST/MACPROTO instead of MAC=',
		'INPUT',
		IN_ETH0,
		'',
		{ macDecode: true },
		'IN=eth0 OUT= MACSRC=02:00:00:00:01:02 MACDST=02:00:00:00:01:01 MACPROTO=0800 SRC=10.0.1.2 DST=10.0.2.2 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=TCP SPT=40000 DPT=80 WINDOW=0 RES=0x00 SYN URGP=0 '
	],
	[
		'loopback: an all-zero Ethernet header',
		'INPUT',
		{ inIface: 'lo', mac: '02:00:00:00:01:02', src: 0x7f000001, dst: 0x7f000001 },
		'',
		{},
		'IN=lo OUT= MAC=00:00:00:00:00:00:00:00:00:00:00:00:08:00 SRC=127.0.0.1 DST=127.0.0.1 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=TCP SPT=40000 DPT=80 WINDOW=0 RES=0x00 SYN URGP=0 '
	],
	[
		'ICMP echo request: ID from the packet, SEQ unknown → 0',
		'INPUT',
		{ proto: 1, flags: 0, sport: 0, dport: 0, icmpType: 8, icmpId: 7, length: 84, inIface: 'eth1' },
		'',
		{},
		'IN=eth1 OUT= MAC=00:00:00:00:00:00:00:00:00:00:00:00:08:00 SRC=10.0.1.2 DST=10.0.2.2 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=ICMP TYPE=8 CODE=0 ID=7 SEQ=0 '
	],
	[
		'ICMP port unreachable opens the quoted datagram once, in brackets; MARK only for the outer',
		'OUTPUT',
		{
			proto: 1,
			flags: 0,
			sport: 0,
			dport: 0,
			icmpType: 3,
			icmpCode: 3,
			length: 68,
			src: 0x0a000101,
			dst: 0x0a000102,
			outIface: 'eth0',
			mark: 0x2,
			embedded: makePacket({ ...UDP, ttl: 63, mark: 0x9 })
		},
		'',
		{},
		'IN= OUT=eth0 SRC=10.0.1.1 DST=10.0.1.2 LEN=68 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=ICMP TYPE=3 CODE=3 [SRC=10.0.1.2 DST=10.0.2.2 LEN=40 TOS=0x00 PREC=0x00 TTL=63 ID=0 PROTO=UDP SPT=5000 DPT=53 LEN=20 ] MARK=0x2 '
	],
	[
		'ICMP fragmentation needed adds MTU= after the quote',
		'OUTPUT',
		{
			proto: 1,
			flags: 0,
			icmpType: 3,
			icmpCode: 4,
			length: 576,
			embedded: makePacket({ length: 1500 })
		},
		'',
		{},
		'IN= OUT= SRC=10.0.1.2 DST=10.0.2.2 LEN=576 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=ICMP TYPE=3 CODE=4 [SRC=10.0.1.2 DST=10.0.2.2 LEN=1500 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=TCP SPT=40000 DPT=80 WINDOW=0 RES=0x00 SYN URGP=0 ] MTU=0 '
	],
	[
		'an ICMP error too short for the quoted IP header: INCOMPLETE, no bracket',
		'OUTPUT',
		{ proto: 1, flags: 0, icmpType: 11, length: 40 },
		'',
		{},
		'IN= OUT= SRC=10.0.1.2 DST=10.0.2.2 LEN=40 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=ICMP TYPE=11 CODE=0 INCOMPLETE [20 bytes] '
	],
	[
		'a TCP packet shorter than its header: INCOMPLETE ends the line (no MARK=)',
		'OUTPUT',
		{ length: 30, mark: 0x1 },
		'',
		{},
		'IN= OUT= SRC=10.0.1.2 DST=10.0.2.2 LEN=30 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=TCP INCOMPLETE [10 bytes] '
	],
	[
		'another protocol: its number',
		'OUTPUT',
		{ proto: 47, flags: 0, sport: 0, dport: 0 },
		'',
		{},
		'IN= OUT= SRC=10.0.1.2 DST=10.0.2.2 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=47 '
	]
];

describe('LOG line as nf_log_ipv4 prints it', () => {
	it.each(CASES)('%s', (_name, hook, over, prefix, flags, line) => {
		expect(logLine(makePacket(over), hook, HOST, prefix, { ...NONE, ...flags })).toBe(line);
	});
});
