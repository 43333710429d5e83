/**
 * parseScenario: valid documents give the engine's Host and packets with every default filled in;
 * each kind of bad document gives one diagnostic with a stable code at the offending value.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse-scenario';

const HOST = {
	interfaces: [
		{ name: 'eth0', addresses: ['10.0.1.1/24'] },
		{ name: 'eth1', addresses: ['10.0.2.1/24'] }
	]
};
const RULES = '*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n';

/** A valid document with `extra` merged in at the top level. */
function doc(extra: Record<string, unknown> = {}): string {
	return JSON.stringify({ nfwalk: 1, host: HOST, rules: RULES, packets: [], ...extra }, null, 2);
}

const ip = (s: string) => s.split('.').reduce((n, o) => n * 256 + Number(o), 0);

describe('parseScenario: valid documents', () => {
	it('the issue example: host defaults, implicit lo, packets with computed lengths and times', () => {
		const r = parseScenario(
			doc({
				title: 'Port forward',
				host: {
					...HOST,
					routes: [{ to: 'default', via: '10.0.2.254', dev: 'eth1' }],
					forwarding: true,
					listening: [{ proto: 'tcp', port: 22 }]
				},
				packets: [
					{
						from: 'eth0',
						proto: 'tcp',
						src: '10.0.1.2',
						sport: 40000,
						dst: '10.0.2.2',
						dport: 80,
						flags: ['SYN']
					},
					{ from: 'local', proto: 'udp', sport: 5353, dst: '10.0.2.2', dport: 53 },
					{ from: 'eth0', proto: 'icmp', src: '10.0.1.2', dst: '10.0.2.2', type: 8, code: 0, id: 7 }
				]
			})
		);
		expect(r.diagnostics).toEqual([]);
		expect(r.scenario).toMatchObject({
			version: 1,
			title: 'Port forward',
			description: null,
			rules: RULES
		});
		expect(r.host).toEqual({
			interfaces: [
				{ name: 'eth0', addresses: [{ address: ip('10.0.1.1'), prefix: 24 }] },
				{ name: 'eth1', addresses: [{ address: ip('10.0.2.1'), prefix: 24 }] }
			],
			routes: [
				{
					to: { address: 0, prefix: 0, mask: 0 },
					via: ip('10.0.2.254'),
					dev: 'eth1',
					table: 254,
					src: null,
					metric: 0
				}
			],
			policyRules: [],
			forwarding: true,
			listening: [{ proto: 'tcp', port: 22, address: null }],
			ipsets: [],
			backend: 'nft',
			tcpLoose: true,
			statisticSeed: 1,
			clockStart: 1767225600
		});
		expect(
			r.packets.map((p) => [p.from, p.packet.proto, p.packet.src, p.packet.length, p.packet.time])
		).toEqual([
			['eth0', 6, ip('10.0.1.2'), 40, 0],
			['local', 17, 0, 28, 1],
			['eth0', 1, ip('10.0.1.2'), 28, 2]
		]);
		expect(r.packets[0].packet).toMatchObject({
			flags: 0x02,
			ttl: 64,
			tos: 0,
			mark: 0,
			inIface: 'eth0',
			outIface: null,
			uid: null,
			payload: '',
			embedded: null
		});
		expect(r.packets[1].packet.inIface).toBe(null);
		expect(r.packets[2].packet).toMatchObject({ icmpType: 8, icmpCode: 0, icmpId: 7 });
	});

	const PACKETS: {
		name: string;
		packet: Record<string, unknown>;
		expect: Record<string, unknown>;
	}[] = [
		{
			name: 'payload counts in UTF-8 bytes and is kept as latin1',
			packet: {
				from: 'eth0',
				proto: 'udp',
				src: '10.0.1.2',
				dst: '10.0.1.1',
				sport: 1,
				dport: 53,
				payload: 'hé'
			},
			expect: { length: 31, payload: 'h\xc3\xa9' }
		},
		{
			name: 'ICMP error: embedded datagram decoded, its 28 quoted bytes counted',
			packet: {
				from: 'eth0',
				proto: 'icmp',
				src: '10.0.1.2',
				dst: '10.0.1.1',
				type: 3,
				code: 3,
				embedded: { proto: 'udp', src: '10.0.1.1', dst: '10.0.1.2', sport: 53, dport: 4000 }
			},
			expect: {
				length: 56,
				embedded: expect.objectContaining({
					proto: 17,
					src: ip('10.0.1.1'),
					sport: 53,
					dport: 4000,
					length: 28
				})
			}
		},
		{
			name: 'optional fields as given; flags case-insensitive; mark as hex text',
			packet: {
				from: 'eth0',
				proto: 'tcp',
				src: '10.0.1.2',
				dst: '10.0.1.1',
				sport: 1,
				dport: 2,
				flags: ['syn', 'ACK'],
				ttl: 1,
				tos: 16,
				length: 1500,
				mark: '0x10',
				mac: '02:AA:00:00:00:01',
				time: 7.5
			},
			expect: {
				flags: 0x12,
				ttl: 1,
				tos: 16,
				length: 1500,
				mark: 16,
				mac: '02:aa:00:00:00:01',
				time: 7.5
			}
		},
		{
			name: 'local packet with owner and a src',
			packet: {
				from: 'local',
				proto: 'tcp',
				src: '10.0.2.1',
				dst: '10.0.1.2',
				sport: 1,
				dport: 2,
				flags: [],
				uid: 1000,
				gid: 100
			},
			expect: { src: ip('10.0.2.1'), uid: 1000, gid: 100, flags: 0, inIface: null }
		},
		{
			name: 'another protocol by name, without ports',
			packet: { from: 'eth0', proto: 'gre', src: '10.0.1.2', dst: '10.0.1.1' },
			expect: { proto: 47, sport: 0, length: 20 }
		}
	];
	it.each(PACKETS)('packet: $name', ({ packet, expect: want }) => {
		const r = parseScenario(doc({ packets: [packet] }));
		expect(r.diagnostics).toEqual([]);
		expect(r.packets[0].packet).toMatchObject(want);
	});

	it('host options: policy rules (default mask and priority), ipsets, backend, conntrack, seed, clock', () => {
		const r = parseScenario(
			doc({
				host: {
					...HOST,
					routes: [{ to: '10.0.9.0/24', via: '10.0.2.2', table: 7, src: '10.0.2.1', metric: 5 }],
					policyRules: [
						{ fwmark: '0x1', table: 7 },
						{ fwmark: 2, mask: '0xff', table: 'main', priority: 100 },
						{ fwmark: 3, table: 7 }
					],
					ipsets: [{ name: 'blocked', type: 'hash:net,port', members: ['10.9.0.0/16,tcp:22'] }],
					backend: 'legacy',
					conntrack: { tcpLoose: false },
					statisticSeed: 42,
					clockStart: '2026-03-01T12:00:00Z'
				}
			})
		);
		expect(r.diagnostics).toEqual([]);
		expect(r.host).toMatchObject({
			// dev comes from the gateway's connected subnet, as `ip route add … via` finds it.
			routes: [
				{
					to: { address: ip('10.0.9.0'), prefix: 24 },
					via: ip('10.0.2.2'),
					dev: 'eth1',
					table: 7,
					src: ip('10.0.2.1'),
					metric: 5
				}
			],
			policyRules: [
				{ fwmark: 1, mask: 0xffffffff, table: 7, priority: 32765 },
				{ fwmark: 2, mask: 0xff, table: 254, priority: 100 },
				{ fwmark: 3, mask: 0xffffffff, table: 7, priority: 99 }
			],
			ipsets: [{ name: 'blocked', type: 'hash:net,port', members: ['10.9.0.0/16,tcp:22'] }],
			backend: 'legacy',
			tcpLoose: false,
			statisticSeed: 42,
			clockStart: Date.UTC(2026, 2, 1, 12) / 1000
		});
	});

	it('a TCP MSS option: the value, and 4 more bytes in the default length', () => {
		const p = {
			from: 'eth0',
			proto: 'tcp',
			src: '10.0.1.2',
			dst: '10.0.1.1',
			sport: 1,
			dport: 2,
			flags: ['SYN']
		};
		const r = parseScenario(doc({ packets: [{ ...p, mss: 1460 }, p] }));
		expect(r.diagnostics).toEqual([]);
		expect(r.packets.map((x) => [x.packet.mss, x.packet.length])).toEqual([
			[1460, 44],
			[null, 40]
		]);
	});

	it('rules as an array of lines: joined with newlines, JSON line of each item kept', () => {
		const text =
			'{"nfwalk": 1, "host": {"interfaces": []}, "packets": [],\n"rules": [\n  "*filter",\n  "COMMIT"\n]}';
		const r = parseScenario(text);
		expect(r.diagnostics).toEqual([]);
		expect(r.scenario?.rules).toBe('*filter\nCOMMIT\n');
		expect(r.scenario?.rulesSource).toEqual({ line: 2, column: 10, itemLines: [3, 4] });
	});
});

/**
 * Bad documents. `▸` marks where the diagnostic must point (it is removed before parsing); the
 * line and column are computed from it, so each case states its position exactly.
 */
interface Bad {
	name: string;
	text: string;
	code: string;
	message: RegExp;
}

const H = '"host": {"interfaces": [{"name": "eth0", "addresses": ["10.0.1.1/24"]}]}';
const top = (rest: string) => `{"nfwalk": 1, ${H}, "rules": "", ${rest}}`;
const pkt = (fields: string) => top(`"packets": [{"from": "eth0", ${fields}}]`);
const TCP = '"proto": "tcp", "src": "10.0.1.2", "dst": "10.0.1.1"';

const BAD: Bad[] = [
	{
		name: 'JSON syntax: trailing comma',
		text: '{"nfwalk": 1\n  ▸"rules": ""}',
		code: 'json-syntax',
		message: /^not valid JSON: expected "," or "}"/
	},
	{
		name: 'JSON syntax: trailing comma before }',
		text: '{"nfwalk": 1,▸}',
		code: 'json-syntax',
		message: /trailing comma before "}": remove it/
	},
	{
		name: 'JSON syntax: comment',
		text: '{\n  ▸// a note\n}',
		code: 'json-syntax',
		message: /comments are not allowed/
	},
	{
		name: 'JSON syntax: single quotes',
		text: '{"nfwalk": ▸\'1\'}',
		code: 'json-syntax',
		message: /double quotes/
	},
	{
		name: 'JSON syntax: unterminated string',
		text: '{"title": "abc▸\n"}',
		code: 'json-syntax',
		message: /unterminated string/
	},
	{
		name: 'JSON syntax: hex number',
		text: '{"nfwalk": 0▸x1}',
		code: 'json-syntax',
		message: /write hex as a string/
	},
	{
		name: 'JSON syntax: empty document',
		text: '▸',
		code: 'json-syntax',
		message: /a value is missing/
	},
	{
		name: 'not an object',
		text: '▸[1]',
		code: 'wrong-type',
		message: /^the document must be an object/
	},
	{
		name: 'unknown version, nothing else reported',
		text: '{"nfwalk": ▸2, "bogus": 1}',
		code: 'unknown-version',
		message: /version 2 .*reads version 1.*newer nfwalk/
	},
	{
		name: 'version as a string',
		text: '{"nfwalk": ▸"1"}',
		code: 'unknown-version',
		message: /version "1"/
	},
	{
		name: 'missing version',
		text: `▸{${H}, "rules": "", "packets": []}`,
		code: 'missing-field',
		message: /"nfwalk" is required: the format version/
	},
	{
		name: 'unknown top-level field',
		text: top('"packets": [], ▸"hosts": 1'),
		code: 'unknown-field',
		message:
			/^hosts: unknown field \(did you mean "host"\?\); the fields here are nfwalk, title, description, host, rules, packets$/
	},
	{
		name: 'duplicate field',
		text: top('"packets": [], ▸"rules": ""'),
		code: 'duplicate-field',
		message: /^rules is given twice/
	},
	{
		name: 'rules not text',
		text: `{"nfwalk": 1, ${H}, "rules": ▸5, "packets": []}`,
		code: 'wrong-type',
		message: /^rules must be a string \("…"\) or an array/
	},
	{
		name: 'rules array item with a line break',
		text: `{"nfwalk": 1, ${H}, "rules": ["a", ▸"b\\nc"], "packets": []}`,
		code: 'bad-value',
		message: /^rules\[1\]: .*one line/
	},
	{
		name: 'missing dport for tcp',
		text: top(`"packets": [▸{"from": "eth0", ${TCP}, "sport": 1, "flags": []}]`),
		code: 'missing-field',
		message: /^packets\[0\]: "dport" is required for tcp packets, e\.g\. "dport": 80$/
	},
	{
		name: 'misspelt packet field',
		text: pkt(`${TCP}, "sport": 1, "dport": 2, "flags": [], ▸"dprt": 3`),
		code: 'unknown-field',
		message: /^packets\[0\]\.dprt: unknown field \(did you mean "dport"\?\)/
	},
	{
		name: 'port out of range',
		text: pkt(`${TCP}, "sport": 1, "dport": ▸65536, "flags": []`),
		code: 'bad-value',
		message: /^packets\[0\]\.dport must be a whole number from 0 to 65535, not 65536$/
	},
	{
		name: 'port as a string',
		text: pkt(`${TCP}, "sport": 1, "dport": ▸"80", "flags": []`),
		code: 'wrong-type',
		message: /^packets\[0\]\.dport must be a number, not a string/
	},
	{
		name: 'bad address',
		text: pkt(
			`"proto": "tcp", "src": ▸"10.0.1", "dst": "10.0.1.1", "sport": 1, "dport": 2, "flags": []`
		),
		code: 'bad-value',
		message: /^packets\[0\]\.src: "10\.0\.1" is not an IPv4 address/
	},
	{
		name: 'unknown interface',
		text: top(`"packets": [{"from": ▸"eth9", ${TCP}, "sport": 1, "dport": 2, "flags": []}]`),
		code: 'unknown-interface',
		message: /^packets\[0\]\.from: the host has no interface eth9; write one of local, eth0$/
	},
	{
		name: 'lo as from',
		text: top(`"packets": [{"from": ▸"lo", ${TCP}, "sport": 1, "dport": 2, "flags": []}]`),
		code: 'unknown-interface',
		message: /"from": "local"/
	},
	{
		name: 'src required for interface packets',
		text: top(
			'"packets": [▸{"from": "eth0", "proto": "udp", "dst": "10.0.1.1", "sport": 1, "dport": 2}]'
		),
		code: 'missing-field',
		message: /"src" is required for a packet arriving on an interface/
	},
	{
		name: 'flags on udp',
		text: pkt(
			'"proto": "udp", "src": "10.0.1.2", "dst": "10.0.1.1", "sport": 1, "dport": 2, ▸"flags": ["SYN"]'
		),
		code: 'field-not-applicable',
		message: /^packets\[0\]\.flags: only tcp has flags, and this is udp; remove it$/
	},
	{
		name: 'mss on udp',
		text: pkt(
			'"proto": "udp", "src": "10.0.1.2", "dst": "10.0.1.1", "sport": 1, "dport": 2, ▸"mss": 1460'
		),
		code: 'field-not-applicable',
		message: /^packets\[0\]\.mss: only tcp carries an MSS option; remove it$/
	},
	{
		name: 'unknown TCP flag',
		text: pkt(`${TCP}, "sport": 1, "dport": 2, "flags": ["SYN", ▸"PUSH"]`),
		code: 'bad-value',
		message: /^packets\[0\]\.flags\[1\]: "PUSH" is not a TCP flag; the flags are FIN, SYN/
	},
	{
		name: 'echo without id',
		text: top(
			'"packets": [▸{"from": "eth0", "proto": "icmp", "src": "10.0.1.2", "dst": "10.0.1.1", "type": 8, "code": 0}]'
		),
		code: 'missing-field',
		message: /"id" is required for icmp type 8/
	},
	{
		name: 'id on an ICMP error',
		text: pkt(
			'"proto": "icmp", "src": "10.0.1.2", "dst": "10.0.1.1", "type": 3, "code": 1, ▸"id": 5'
		),
		code: 'field-not-applicable',
		message: /icmp type 3 has no identifier/
	},
	{
		name: 'embedded on an echo request',
		text: pkt(
			'"proto": "icmp", "src": "10.0.1.2", "dst": "10.0.1.1", "type": 8, "code": 0, "id": 1, ▸"embedded": {}'
		),
		code: 'field-not-applicable',
		message: /only ICMP errors/
	},
	{
		name: 'uid on an arriving packet',
		text: pkt(`${TCP}, "sport": 1, "dport": 2, "flags": [], ▸"uid": 0`),
		code: 'field-not-applicable',
		message: /only locally generated packets/
	},
	{
		name: 'length shorter than the headers',
		text: pkt(`${TCP}, "sport": 1, "dport": 2, "flags": [], "length": ▸39`),
		code: 'bad-value',
		message: /shorter than the headers and payload \(40 bytes\)/
	},
	{
		name: 'time goes backwards',
		text: top(
			`"packets": [{"from": "eth0", ${TCP}, "sport": 1, "dport": 2, "flags": [], "time": 5},\n {"from": "eth0", ${TCP}, "sport": 1, "dport": 2, "flags": [], "time": ▸4}]`
		),
		code: 'time-goes-backwards',
		message: /^packets\[1\]\.time 4 is before the previous packet's 5/
	},
	{
		name: 'unknown protocol',
		text: pkt('"proto": ▸"tcpp", "src": "10.0.1.2", "dst": "10.0.1.1"'),
		code: 'bad-value',
		message: /"tcpp" is not a protocol/
	},
	{
		name: 'interface lo listed',
		text: '{"nfwalk": 1, "host": {"interfaces": [{"name": ▸"lo", "addresses": []}]}, "rules": "", "packets": []}',
		code: 'bad-value',
		message: /lo \(127\.0\.0\.1\/8\) is always there/
	},
	{
		name: 'address without prefix',
		text: '{"nfwalk": 1, "host": {"interfaces": [{"name": "eth0", "addresses": [▸"10.0.1.1"]}]}, "rules": "", "packets": []}',
		code: 'bad-value',
		message: /e\.g\. "10\.0\.1\.1\/24"/
	},
	{
		name: 'duplicate interface',
		text: '{"nfwalk": 1, "host": {"interfaces": [{"name": "a", "addresses": []}, {"name": ▸"a", "addresses": []}]}, "rules": "", "packets": []}',
		code: 'duplicate-name',
		message: /listed twice/
	},
	{
		name: 'route dev unknown',
		text: '{"nfwalk": 1, "host": {"interfaces": [], "routes": [{"to": "default", "dev": ▸"eth1"}]}, "rules": "", "packets": []}',
		code: 'unknown-interface',
		message: /^host\.routes\[0\]\.dev: no interface eth1; the interfaces are lo$/
	},
	{
		name: 'route gateway off-link',
		text: `{"nfwalk": 1, ${H.slice(0, -1)}, "routes": [{"to": "default", "via": ▸"10.0.9.1"}]}, "rules": "", "packets": []}`,
		code: 'bad-value',
		message: /Nexthop has invalid gateway/
	},
	{
		name: 'route prefix with host bits',
		text: `{"nfwalk": 1, ${H.slice(0, -1)}, "routes": [{"to": ▸"10.0.9.1/24", "dev": "eth0"}]}, "rules": "", "packets": []}`,
		code: 'bad-value',
		message: /host bits set.*write "10\.0\.9\.0\/24"/
	},
	{
		name: 'route without via or dev',
		text: `{"nfwalk": 1, ${H.slice(0, -1)}, "routes": [▸{"to": "default"}]}, "rules": "", "packets": []}`,
		code: 'missing-field',
		message: /"dev" is required when there is no "via"/
	},
	{
		name: 'backend misspelt',
		text: `{"nfwalk": 1, ${H.slice(0, -1)}, "backend": ▸"nftables"}, "rules": "", "packets": []}`,
		code: 'bad-value',
		message: /"nft" or "legacy"/
	},
	{
		name: 'ipset member of the wrong shape',
		text: `{"nfwalk": 1, ${H.slice(0, -1)}, "ipsets": [{"name": "s", "type": "hash:ip,port", "members": [▸"10.0.0.1"]}]}, "rules": "", "packets": []}`,
		code: 'bad-value',
		message: /has 1 part\(s\) but a hash:ip,port member has 2, e\.g\. "10\.0\.1\.2,tcp:80"/
	},
	{
		name: 'clockStart not UTC',
		text: `{"nfwalk": 1, ${H.slice(0, -1)}, "clockStart": ▸"2026-01-01 00:00"}, "rules": "", "packets": []}`,
		code: 'bad-value',
		message: /ISO 8601 with a Z/
	},
	{
		name: 'listening on a foreign address',
		text: `{"nfwalk": 1, ${H.slice(0, -1)}, "listening": [{"proto": "tcp", "port": 22, "address": ▸"10.0.9.9"}]}, "rules": "", "packets": []}`,
		code: 'bad-value',
		message: /not an address of this host/
	}
];

function at(marked: string): { text: string; line: number; column: number } {
	const i = marked.indexOf('▸');
	const before = marked.slice(0, i);
	const line = before.split('\n').length;
	return { text: marked.replace('▸', ''), line, column: i - before.lastIndexOf('\n') };
}

describe('parseScenario: bad documents', () => {
	it.each(BAD)('$name', ({ text: marked, code, message }) => {
		const { text, line, column } = at(marked);
		const r = parseScenario(text);
		expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([[code, line, column]]);
		expect(r.diagnostics[0].message).toMatch(message);
		expect(r.diagnostics[0].severity).toBe('error');
	});

	it('reports every problem at once, in document order, and never throws', () => {
		const text = pkt('"proto": "udp", "src": "x", "dst": "y", "sport": -1, "dport": 2');
		const r = parseScenario(text);
		const col = (s: string) => text.indexOf(s) + 1;
		expect(r.diagnostics.map((d) => [d.code, d.column])).toEqual([
			['bad-value', col('"x"')],
			['bad-value', col('"y"')],
			['bad-value', col('-1')]
		]);
		expect(r.packets).toEqual([]);
		// The rest of the document is still usable: the CLI can check the rules too.
		expect(r.scenario?.rules).toBe('');
		expect(r.host).not.toBe(null);
	});

	it('a broken host gives host null, and packets are still checked against its interface names', () => {
		const r = parseScenario(
			'{"nfwalk": 1, "host": {"interfaces": [{"name": "eth0", "addresses": ["bad"]}]}, "rules": "", "packets": [{"from": "eth0", "proto": "gre", "src": "10.0.0.1", "dst": "10.0.0.2"}]}'
		);
		expect(r.diagnostics.map((d) => d.code)).toEqual(['bad-value']);
		expect(r.host).toBe(null);
		expect(r.packets).toHaveLength(1);
	});

	it('a column in a multi-line document counts from its own line', () => {
		const r = parseScenario('{\n  "nfwalk": 1,\n  "title": 3\n}');
		expect(r.diagnostics.find((d) => d.code === 'wrong-type')).toMatchObject({
			line: 3,
			column: 12,
			endColumn: 13
		});
	});
});
