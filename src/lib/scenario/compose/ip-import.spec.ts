import { describe, expect, it } from 'vitest';
import { parseScenario } from '../parse-scenario';
import type { HostJson } from '../scenario';
import { applyImport, importIpOutput } from './ip-import';

const IP_ADDR = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host noprefixroute
       valid_lft forever preferred_lft forever
2: eth0@if12: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
    link/ether 02:42:AC:11:00:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0
    altname enp0s3
    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0
       valid_lft forever preferred_lft forever
    inet 172.17.9.9/16 scope global secondary eth0:1
       valid_lft forever preferred_lft forever
    inet6 fe80::42:acff:fe11:2/64 scope link
       valid_lft forever preferred_lft forever
3: wg0: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1420 qdisc noqueue state UNKNOWN group default qlen 1000
    link/none
    inet 10.8.0.1 peer 10.8.0.2/32 scope global wg0
4: wlan0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default qlen 1000
    link/ether 3c:22:fb:00:00:01 brd ff:ff:ff:ff:ff:ff
`;

const IP_ROUTE = `default via 172.17.0.1 dev eth0
default via 192.168.1.1 dev wlan0 proto dhcp src 192.168.1.23 metric 600
10.9.0.0/16 via 172.17.0.254 dev eth0 onlink
10.10.0.5 dev wg0 scope link
172.17.0.0/16 dev eth0 proto kernel scope link src 172.17.0.2
192.168.7.0/24 via 172.17.0.7 dev eth0 table 7
local 172.17.0.2 dev eth0 table local proto kernel scope host src 172.17.0.2
broadcast 172.17.255.255 dev eth0 table local proto kernel scope link src 172.17.0.2
`;

describe('importIpOutput', () => {
	it('reads ip addr: every interface but lo, IPv4 addresses, secondaries and the MAC', () => {
		const r = importIpOutput(IP_ADDR);
		expect(r.diagnostics).toEqual([]);
		expect(r.interfaces).toEqual([
			{ name: 'eth0', addresses: ['172.17.0.2/16', '172.17.9.9/16'], mac: '02:42:ac:11:00:02' },
			// A point-to-point address has no prefix of its own: a /32.
			{ name: 'wg0', addresses: ['10.8.0.1/32'] },
			{ name: 'wlan0', addresses: [], mac: '3c:22:fb:00:00:01' }
		]);
		expect(r.hadRoutes).toBe(false);
	});

	it('reads ip route: gateways, metrics, tables; connected and local routes are the host’s own', () => {
		const r = importIpOutput(IP_ROUTE);
		expect(r.diagnostics).toEqual([]);
		expect(r.routes).toEqual([
			{ to: 'default', via: '172.17.0.1', dev: 'eth0' },
			{ to: 'default', via: '192.168.1.1', dev: 'wlan0', src: '192.168.1.23', metric: 600 },
			{ to: '10.9.0.0/16', via: '172.17.0.254', dev: 'eth0' },
			{ to: '10.10.0.5/32', dev: 'wg0' },
			{ to: '192.168.7.0/24', via: '172.17.0.7', dev: 'eth0', table: 7 }
		]);
	});

	it.each([
		[
			'ip -br addr',
			'lo   UNKNOWN  127.0.0.1/8 ::1/128\neth0@if5  UP  10.0.0.2/24 fe80::1/64\nwlan0 DOWN\n',
			[
				{ name: 'eth0', addresses: ['10.0.0.2/24'] },
				{ name: 'wlan0', addresses: [] }
			]
		],
		[
			'ip -br link and ip -br addr together',
			'eth0 UP 02:00:00:00:00:09 <BROADCAST,MULTICAST,UP,LOWER_UP>\neth0 UP 10.0.0.2/24\n',
			[{ name: 'eth0', addresses: ['10.0.0.2/24'], mac: '02:00:00:00:00:09' }]
		],
		[
			'ip -o addr (one line per address)',
			'1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n2: eth0    inet 10.0.0.2/24 brd 10.0.0.255 scope global eth0\\       valid_lft forever preferred_lft forever\n2: eth0    inet6 fe80::1/64 scope link \\       valid_lft forever preferred_lft forever\n',
			[{ name: 'eth0', addresses: ['10.0.0.2/24'] }]
		],
		[
			'ip -o link (the MAC inside the line)',
			'2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP mode DEFAULT group default qlen 1000\\    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff\n',
			[{ name: 'eth0', addresses: [], mac: '52:54:00:12:34:56' }]
		],
		[
			'the commands’ own lines and blank lines',
			'$ ip -br a\n\neth0 UP 10.0.0.2/24\n# ip route\nsudo ip r\n',
			[{ name: 'eth0', addresses: ['10.0.0.2/24'] }]
		]
	] as const)('%s', (_what, text, interfaces) => {
		const r = importIpOutput(text);
		expect(r.diagnostics).toEqual([]);
		expect(r.interfaces).toEqual(interfaces);
	});

	it('takes the first next hop of a multipath route and says the others are left out', () => {
		const r = importIpOutput(
			'default proto static metric 100\n\tnexthop via 10.0.0.1 dev eth0 weight 1\n\tnexthop via 10.0.1.1 dev eth1 weight 1\n'
		);
		expect(r.routes).toEqual([{ to: 'default', metric: 100, via: '10.0.0.1', dev: 'eth0' }]);
		expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
			['import-left-out', 3, 2]
		]);
	});

	it.each([
		[
			'a line from something else',
			'eth0 UP 10.0.0.2/24\nhello world\n',
			['import-unreadable', 'error', 2, 1, 6]
		],
		[
			'an indented line outside any ip addr block',
			'   inet 10.0.0.1/24\n',
			['import-unreadable', 'error', 1, 4, 8]
		],
		[
			'a bad address in ip addr',
			'2: eth0: <UP> mtu 1500\n    inet 10.0.0.300/24 brd x\n',
			['import-bad-value', 'error', 2, 10, 23]
		],
		[
			'a bad prefix in ip -o addr',
			'2: eth0    inet 10.0.0.2/99 scope global eth0\n',
			['import-bad-value', 'error', 1, 17, 28]
		],
		[
			'a bad prefix in ip -br addr',
			'eth0 UP 10.0.0.2/40\n',
			['import-bad-value', 'error', 1, 9, 20]
		],
		[
			'a blackhole route',
			'blackhole 10.9.0.0/16 proto static\n',
			['import-left-out', 'warning', 1, 1, 10]
		],
		[
			'an IPv6 route',
			'fe80::/64 dev eth0 proto kernel metric 256 pref medium\n',
			['import-left-out', 'warning', 1, 1, 10]
		],
		[
			'a gateway that is no address',
			'default via 10.0.0 dev eth0\n',
			['import-bad-value', 'error', 1, 13, 19]
		],
		[
			'a word routes do not have',
			'10.1.0.0/16 dev eth0 frobnicate\n',
			['import-left-out', 'warning', 1, 22, 32]
		],
		[
			'a named table nfwalk does not know',
			'10.1.0.0/16 dev eth0 table vpn\n',
			['import-bad-value', 'error', 1, 28, 31]
		],
		[
			'a route with neither via nor dev',
			'10.1.0.0/16 metric 5\n',
			['import-bad-value', 'error', 1, 1, 2]
		],
		[
			'a metric that is no number',
			'10.1.0.0/16 dev eth0 metric high\n',
			['import-bad-value', 'error', 1, 29, 33]
		]
	] as const)(
		'%s gets a diagnostic at its line and column',
		(_what, text, [code, severity, line, column, endColumn]) => {
			const r = importIpOutput(text);
			expect(r.diagnostics).toHaveLength(1);
			expect(r.diagnostics[0]).toMatchObject({ code, severity, line, column, endColumn });
			expect(r.diagnostics[0].message).toMatch(/;|nfwalk/);
		}
	);

	it('makes a host the scenario parser accepts', () => {
		const r = importIpOutput(IP_ADDR + IP_ROUTE.split('\n').slice(0, 1).join('\n'));
		const host = applyImport({ interfaces: [] }, r);
		const parsed = parseScenario(JSON.stringify({ nfwalk: 1, host, rules: '', packets: [] }));
		expect(parsed.diagnostics).toEqual([]);
	});
});

describe('applyImport', () => {
	const host: HostJson = {
		interfaces: [{ name: 'old0', addresses: ['10.0.0.1/24'] }],
		routes: [{ to: 'default', via: '10.0.0.254' }],
		forwarding: true
	};
	it.each([
		[
			'interfaces only: the routes stay',
			'eth0 UP 10.1.0.2/24\n',
			{
				interfaces: [{ name: 'eth0', addresses: ['10.1.0.2/24'] }],
				routes: host.routes,
				forwarding: true
			}
		],
		[
			'routes only: the interfaces stay',
			'default via 10.0.0.1 dev old0\n',
			{
				interfaces: host.interfaces,
				routes: [{ to: 'default', via: '10.0.0.1', dev: 'old0' }],
				forwarding: true
			}
		],
		[
			'only connected routes: no routes left',
			'10.0.0.0/24 dev old0 proto kernel scope link src 10.0.0.1\n',
			{ interfaces: host.interfaces, forwarding: true }
		]
	] as const)('%s', (_what, text, expected) => {
		expect(applyImport(host, importIpOutput(text))).toEqual(expected);
	});
});
