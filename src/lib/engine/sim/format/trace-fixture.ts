/**
 * Hand-built traces for the formatter specs: written out step by step, so the formatters are
 * tested against the Trace contract, not against whatever simulate() currently produces.
 */
import type { Packet } from '../packet';
import type { PacketTrace, Step, Trace } from '../trace';

export const ip = (s: string): number =>
	s.split('.').reduce((n, o) => n * 256 + Number(o), 0) >>> 0;

export function packet(over: Partial<Packet> = {}): Packet {
	return {
		proto: 6,
		src: ip('10.0.1.2'),
		dst: ip('10.0.2.2'),
		sport: 40000,
		dport: 80,
		flags: 0x02,
		mss: null,
		icmpType: 0,
		icmpCode: 0,
		icmpId: 0,
		ttl: 64,
		tos: 0,
		length: 40,
		payload: '',
		embedded: null,
		mac: null,
		mark: 0,
		inIface: 'eth0',
		outIface: null,
		uid: null,
		gid: null,
		time: 0,
		...over
	};
}

export function packetTrace(
	id: string,
	steps: Step[],
	over: Partial<PacketTrace> = {}
): PacketTrace {
	return {
		id,
		cause: null,
		packet: packet(),
		steps,
		fate: { type: 'sent', outIface: 'eth1', via: null },
		...over
	};
}

export function trace(...packets: PacketTrace[]): Trace {
	return { packets, counters: [] };
}

/** The rules the fixtures' steps refer to (lines as numbered in the comments). */
export const RULES = [
	'*filter', // 1
	':INPUT ACCEPT [0:0]', // 2
	':FORWARD DROP [0:0]', // 3
	':A - [0:0]', // 4
	':B - [0:0]', // 5
	'-A FORWARD -s 10.9.0.0/16 -j DROP', // 6
	'-A FORWARD -p tcp -m conntrack --ctstate ESTABLISHED -j ACCEPT', // 7
	'-A FORWARD ! -i eth0 -p tcp --dport 22 -j ACCEPT', // 8
	'-A FORWARD -j A', // 9
	'-A A -m mark --mark 0x1 -j RETURN', // 10
	'-A A -g B', // 11
	'-A B -j MARK --set-mark 0x10', // 12
	'-A B -j REJECT', // 13
	'COMMIT', // 14
	''
].join('\n');
