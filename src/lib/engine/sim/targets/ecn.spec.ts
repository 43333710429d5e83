import { describe, expect, it } from 'vitest';
import { IPPROTO, TCP_FLAG } from '../packet';
import { makePacket } from '../matches/test-packet';
import { makeEnv, targetOf } from './spec-helpers';

const { SYN, ACK, ECE, CWR } = TCP_FLAG;

interface Case {
	title: string;
	rule: string;
	proto: number;
	before: { tos: number; flags: number };
	after: { tos: number; flags: number };
}

// ipt_ECN: the IP ECT bits on any packet; ECE/CWR only on TCP packets.
const cases: Case[] = [
	{
		title: '--ecn-tcp-remove clears ECE and CWR and leaves the IP ECN bits',
		rule: '-p tcp -j ECN --ecn-tcp-remove',
		proto: IPPROTO.tcp,
		before: { tos: 0x02, flags: SYN | ECE | CWR },
		after: { tos: 0x02, flags: SYN }
	},
	{
		title: '--ecn-tcp-ece 1 sets ECE only',
		rule: '-p tcp -j ECN --ecn-tcp-ece 1',
		proto: IPPROTO.tcp,
		before: { tos: 0, flags: ACK },
		after: { tos: 0, flags: ACK | ECE }
	},
	{
		title: '--ecn-ip-ect 1 sets the two ECN bits and keeps DSCP',
		rule: '-j ECN --ecn-ip-ect 1',
		proto: IPPROTO.udp,
		before: { tos: 0xbb, flags: 0 },
		after: { tos: 0xb9, flags: 0 }
	},
	{
		title: 'TCP bits are left alone on a non-TCP packet',
		rule: '-p tcp -j ECN --ecn-tcp-cwr 1 --ecn-ip-ect 2',
		proto: IPPROTO.udp,
		before: { tos: 0x00, flags: 0 },
		after: { tos: 0x02, flags: 0 }
	}
];

describe('-j ECN', () => {
	it.each(cases)('$title', ({ rule, proto, before, after }) => {
		const p = makePacket({ proto, ...before });
		const r = targetOf(`-A FORWARD ${rule}`).run(p, makeEnv({ hook: 'FORWARD' }));
		expect(r).toEqual({ verdict: 'CONTINUE', effect: { type: 'ecn', before, after } });
		expect({ tos: p.tos, flags: p.flags }).toEqual(after);
	});
});
