import { describe, expect, it } from 'vitest';
import { IPPROTO } from '../packet';
import { makePacket } from '../matches/test-packet';
import { makeEnv, targetOf } from './spec-helpers';

// The field format itself is proven in log-line.spec.ts; here: the targets pass prefix, hook and
// flags through, continue, and never change the packet.
const cases = [
	{
		title:
			'§2.4 LOG in FORWARD: prefix, both devices, MAC, MARK; nothing printed in a container netns',
		rule: '-A FORWARD -j LOG --log-prefix "kt-log: " --log-level 6',
		hook: 'FORWARD' as const,
		packet: makePacket({ inIface: 'eth0', outIface: 'eth1', mark: 0x10, mac: '02:00:00:00:00:02' }),
		line: 'kt-log: IN=eth0 OUT=eth1 MAC=00:00:00:00:00:00:02:00:00:00:00:02:08:00 SRC=10.0.1.2 DST=10.0.2.2 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=TCP SPT=40000 DPT=80 WINDOW=0 RES=0x00 SYN URGP=0 MARK=0x10 ',
		to: /^kernel log \(level 6\); .*nf_log_all_netns=1/
	},
	{
		title: 'LOG --log-uid in OUTPUT prints the owner of a local packet',
		rule: '-A OUTPUT -j LOG --log-uid',
		hook: 'OUTPUT' as const,
		packet: makePacket({ outIface: 'eth1', uid: 1000, gid: 100 }),
		line: 'IN= OUT=eth1 SRC=10.0.1.2 DST=10.0.2.2 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=TCP SPT=40000 DPT=80 WINDOW=0 RES=0x00 SYN URGP=0 UID=1000 GID=100 ',
		to: /^kernel log \(level 4\)/
	},
	{
		title: 'NFLOG goes to its group with its prefix',
		rule: '-A OUTPUT -j NFLOG --nflog-group 5 --nflog-prefix fw',
		hook: 'OUTPUT' as const,
		packet: makePacket({ proto: IPPROTO.udp, length: 40, outIface: 'eth1' }),
		line: 'fwIN= OUT=eth1 SRC=10.0.1.2 DST=10.0.2.2 LEN=40 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=UDP SPT=40000 DPT=80 LEN=20 ',
		to: /^nfnetlink_log group 5 /
	}
];

describe('LOG and NFLOG', () => {
	it.each(cases)('$title', ({ rule, hook, packet, line, to }) => {
		const before = { ...packet };
		const r = targetOf(rule, 'filter').run(packet, makeEnv({ hook, table: 'filter' }));
		expect(r.verdict).toBe('CONTINUE');
		expect(r.effect).toEqual({ type: 'log', line, to: expect.stringMatching(to) });
		expect(packet).toEqual(before);
	});
});
