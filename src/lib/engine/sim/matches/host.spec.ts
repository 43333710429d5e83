import { describe, expect, it } from 'vitest';
import type { Hook } from '../../model';
import type { HostIpSet } from '../host';
import type { Packet } from '../packet';
import { A, firstMatch, makeEnv, makeHost } from './spec-helpers';
import { makePacket } from './test-packet';

/** [what it proves, rule, packet overrides, hook, expected]. Host: eth0 10.0.1.1/24, eth1 10.0.2.1/24. */
const ADDRTYPE: [string, string, Partial<Packet>, Hook, boolean][] = [
	[
		'own address is LOCAL',
		'-A INPUT -m addrtype --dst-type LOCAL',
		{ dst: A('10.0.2.1') },
		'INPUT',
		true
	],
	[
		'127/8 is LOCAL',
		'-A INPUT -m addrtype --dst-type LOCAL',
		{ dst: A('127.0.0.9') },
		'INPUT',
		true
	],
	[
		'a forwarded destination is UNICAST',
		'-A FORWARD -m addrtype --dst-type UNICAST',
		{},
		'FORWARD',
		true
	],
	[
		'a forwarded destination is not LOCAL',
		'-A FORWARD -m addrtype --dst-type LOCAL',
		{},
		'FORWARD',
		false
	],
	[
		'directed broadcast',
		'-A INPUT -m addrtype --dst-type BROADCAST',
		{ dst: A('10.0.1.255') },
		'INPUT',
		true
	],
	[
		'limited broadcast',
		'-A INPUT -m addrtype --dst-type BROADCAST',
		{ dst: A('255.255.255.255') },
		'INPUT',
		true
	],
	[
		'224/4 is MULTICAST',
		'-A INPUT -m addrtype --dst-type MULTICAST',
		{ dst: A('239.1.2.3') },
		'INPUT',
		true
	],
	[
		'! --src-type LOCAL on a remote source',
		'-A INPUT -m addrtype ! --src-type LOCAL',
		{},
		'INPUT',
		true
	],
	[
		'type list',
		'-A INPUT -m addrtype --dst-type BROADCAST,MULTICAST',
		{ dst: A('224.0.0.1') },
		'INPUT',
		true
	],
	[
		'--limit-iface-in: LOCAL of the arrival interface',
		'-A INPUT -m addrtype --dst-type LOCAL --limit-iface-in',
		{ dst: A('10.0.1.1'), inIface: 'eth0' },
		'INPUT',
		true
	],
	[
		'--limit-iface-in: address of another interface is UNICAST',
		'-A INPUT -m addrtype --dst-type LOCAL --limit-iface-in',
		{ dst: A('10.0.2.1'), inIface: 'eth0' },
		'INPUT',
		false
	]
];

describe('addrtype', () => {
	it.each(ADDRTYPE)('%s', (_, rule, over, hook, expected) => {
		expect(firstMatch(rule).test(makePacket(over), makeEnv({ hook }))).toBe(expected);
	});
});

const SETS: HostIpSet[] = [
	{ name: 'bad', type: 'hash:ip', members: ['10.0.1.2', '10.0.1.3'] },
	{ name: 'nets', type: 'hash:net', members: ['10.0.0.0/8', '10.0.1.0/24 nomatch'] },
	{ name: 'svc', type: 'hash:ip,port', members: ['10.0.2.2,tcp:80', '10.0.2.2,udp:53'] },
	{ name: 'netsvc', type: 'hash:net,port', members: ['10.0.2.0/24,443'] },
	{ name: 'ports', type: 'bitmap:port', members: ['22', '8000-8080'] },
	{ name: 'odd', type: 'list:set', members: ['bad'] }
];
const udp: Partial<Packet> = { proto: 17, flags: 0, sport: 5000, dport: 53 };

const SET_CASES: [string, string, Partial<Packet>, boolean][] = [
	['hash:ip src member', '-A FORWARD -m set --match-set bad src', {}, true],
	['hash:ip dst not a member', '-A FORWARD -m set --match-set bad dst', {}, false],
	['! hash:ip', '-A FORWARD -m set ! --match-set bad dst', {}, true],
	['hash:net prefix member', '-A FORWARD -m set --match-set nets dst', {}, true],
	['hash:net nomatch entry wins (narrower)', '-A FORWARD -m set --match-set nets src', {}, false],
	[
		'hash:net --return-nomatch',
		'-A FORWARD -m set --match-set nets src --return-nomatch',
		{},
		true
	],
	['hash:ip,port dst,dst tcp', '-A FORWARD -m set --match-set svc dst,dst', {}, true],
	[
		'hash:ip,port protocol must match',
		'-A FORWARD -m set --match-set svc dst,dst',
		{ proto: 17, flags: 0 },
		false
	],
	['hash:ip,port udp', '-A FORWARD -m set --match-set svc dst,dst', udp, true],
	[
		'hash:ip,port dst,src reads the source port',
		'-A FORWARD -m set --match-set svc dst,src',
		{},
		false
	],
	[
		'hash:ip,port: one direction for two dimensions never matches',
		'-A FORWARD -m set --match-set svc dst',
		{},
		false
	],
	[
		'hash:net,port default tcp',
		'-A FORWARD -m set --match-set netsvc dst,dst',
		{ dport: 443 },
		true
	],
	['bitmap:port range', '-A FORWARD -m set --match-set ports dst', { dport: 8080 }, true],
	['bitmap:port miss', '-A FORWARD -m set --match-set ports dst', {}, false],
	['missing set never matches', '-A FORWARD -m set --match-set nope src', {}, false],
	['missing set never matches, even with !', '-A FORWARD -m set ! --match-set nope src', {}, false],
	['unsupported type never matches', '-A FORWARD -m set --match-set odd src', {}, false]
];

describe('set (host ipsets)', () => {
	const host = makeHost(SETS);
	it.each(SET_CASES)('%s', (_, rule, over, expected) => {
		expect(firstMatch(rule).test(makePacket(over), makeEnv({ host }))).toBe(expected);
	});
});

const RPF: [string, string, Partial<Packet>, boolean][] = [
	[
		'source routed back out the arrival interface',
		'-A PREROUTING -m rpfilter',
		{ src: A('10.0.1.2'), inIface: 'eth0' },
		true
	],
	[
		'spoofed source from the wrong side',
		'-A PREROUTING -m rpfilter',
		{ src: A('10.0.1.2'), inIface: 'eth1' },
		false
	],
	[
		'--loose accepts any route',
		'-A PREROUTING -m rpfilter --loose',
		{ src: A('10.0.1.2'), inIface: 'eth1' },
		true
	],
	['--invert', '-A PREROUTING -m rpfilter --invert', { src: A('10.0.1.2'), inIface: 'eth1' }, true],
	[
		'own address as source needs --accept-local',
		'-A PREROUTING -m rpfilter',
		{ src: A('10.0.1.1'), inIface: 'eth0' },
		false
	],
	[
		'loopback input passes before any lookup (rpfilter_is_loopback)',
		'-A PREROUTING -m rpfilter',
		{ src: A('127.0.0.1'), dst: A('127.0.0.1'), inIface: 'lo' },
		true
	],
	[
		'loopback input with --invert',
		'-A PREROUTING -m rpfilter --invert',
		{ src: A('10.0.1.1'), dst: A('10.0.1.1'), inIface: 'lo' },
		false
	],
	[
		'own address arriving on its own interface passes with --accept-local',
		'-A PREROUTING -m rpfilter --accept-local',
		{ src: A('10.0.1.1'), inIface: 'eth0' },
		true
	],
	[
		'--validmark: the mark picks the policy-routing table',
		'-A PREROUTING -m rpfilter --validmark',
		{ src: A('10.0.9.9'), inIface: 'eth0', mark: 7 },
		true
	],
	[
		'without --validmark the mark is ignored (main table: default via eth1)',
		'-A PREROUTING -m rpfilter',
		{ src: A('10.0.9.9'), inIface: 'eth0', mark: 7 },
		false
	],
	[
		'DHCP discover passes',
		'-A PREROUTING -m rpfilter',
		{ src: 0, dst: A('255.255.255.255'), inIface: 'eth0' },
		true
	]
];

describe('rpfilter', () => {
	it.each(RPF)('%s', (_, rule, over, expected) => {
		const env = makeEnv({ hook: 'PREROUTING', table: 'raw' });
		expect(firstMatch(rule, 'raw').test(makePacket(over), env)).toBe(expected);
	});
});

describe('time (host clock 2023-11-14T22:13:20Z + packet.time)', () => {
	const CASES: [string, string, number, boolean][] = [
		['inside --timestart/--timestop', '--timestart 22:00 --timestop 23:00', 0, true],
		['after --timestop', '--timestart 22:00 --timestop 22:10', 0, false],
		['across midnight', '--timestart 22:00 --timestop 06:00', 4 * 3600, true],
		['weekday Tue (2023-11-14)', '--weekdays Tue', 0, true],
		['weekday Wed', '--weekdays Wed', 0, false],
		['weekday rolls over at midnight', '--weekdays Wed', 2 * 3600, true],
		['monthdays 14', '--monthdays 14', 0, true],
		['! monthdays 14', '! --monthdays 14', 0, false],
		['monthdays rolls over at midnight UTC', '--monthdays 15', 2 * 3600, true],
		['monthdays 30 on 2023-11-30', '--monthdays 30', 16 * 86400, true],
		['month end: 2023-12-01 is day 1, not 31', '--monthdays 31', 17 * 86400, false],
		['month end: 2023-12-01 is day 1', '--monthdays 1 --weekdays Fri', 17 * 86400, true],
		['datestop before now', '--datestop 2023-11-14T22:00:00', 0, false],
		['datestart before now', '--datestart 2023-01-01', 0, true]
	];
	it.each(CASES)('%s', (_, opts, time, expected) => {
		expect(firstMatch(`-A INPUT -m time ${opts}`).test(makePacket({ time }), makeEnv())).toBe(
			expected
		);
	});
});

describe('extensions nfwalk cannot simulate', () => {
	const CASES: [string, string, boolean, RegExp][] = [
		[
			'unknown module: assumed to match',
			'-A INPUT -m frobnicate --x 1',
			true,
			/does not simulate -m frobnicate: assumed to match/
		],
		['esp SPI: assumed to match', '-A INPUT -p esp -m esp --espspi 100', true, /ESP SPI/],
		['sctp chunks', '-A INPUT -p sctp -m sctp --chunk-types any INIT', false, /SCTP chunks/],
		['physdev: not a bridge', '-A FORWARD -m physdev --physdev-in veth0', false, /bridge/],
		[
			'physdev: ! --physdev-is-bridged matches routed traffic',
			'-A FORWARD -m physdev ! --physdev-is-bridged',
			true,
			/every option is negated/
		],
		[
			'physdev: one plain option among negated ones fails',
			'-A FORWARD -m physdev ! --physdev-is-in --physdev-is-out',
			false,
			/bridge/
		],
		[
			'policy: --pol none matches (no IPsec)',
			'-A INPUT -m policy --dir in --pol none',
			true,
			/IPsec/
		],
		[
			'policy: --pol ipsec never matches',
			'-A INPUT -m policy --dir in --pol ipsec',
			false,
			/IPsec/
		],
		['ipvs: --ipvs never matches', '-A INPUT -m ipvs --ipvs', false, /IPVS/],
		['ipvs: a lone ! --ipvs matches', '-A INPUT -m ipvs ! --ipvs', true, /IPVS/],
		['ipvs: ! --ipvs with --vport fails', '-A INPUT -m ipvs ! --ipvs --vport 80', false, /IPVS/],
		['realm: every route has realm 0', '-A INPUT -m realm --realm 0', true, /realm is 0/],
		['realm: 0x2a does not match', '-A INPUT -m realm --realm 0x2a', false, /realm is 0/],
		['realm: ! 0x2a matches', '-A INPUT -m realm ! --realm 0x2a', true, /realm is 0/],
		['socket', '-A PREROUTING -m socket', false, /socket/]
	];
	it.each(CASES)('%s', (_, rule, expected, note) => {
		const table = rule.includes('PREROUTING') ? 'mangle' : 'filter';
		const m = firstMatch(rule, table);
		expect(m.test(makePacket(), makeEnv())).toBe(expected);
		expect(m.note).toMatch(note);
	});
	it('nfacct always matches, without a note', () => {
		const m = firstMatch('-A INPUT -m nfacct --nfacct-name web');
		expect(m.test(makePacket(), makeEnv())).toBe(true);
		expect(m.note).toBeUndefined();
	});
});
