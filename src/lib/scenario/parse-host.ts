/**
 * The `host` object of a scenario → the engine's `Host`. Checks what `ip addr`, `ip route` and
 * `ip rule` would refuse (a gateway off every subnet, a route prefix with host bits, a preferred
 * source that is not the host's), so a scenario never describes a host Linux could not be.
 */
import type {
	Host,
	HostInterface,
	HostIpSet,
	HostRoute,
	ListeningSocket,
	PolicyRule
} from '../engine/sim/host';
import { MAIN_TABLE } from '../engine/sim/host';
import { formatIPv4, isError, parseCidr, parseIPv4, prefixToMask } from '../engine/parse/values';
import type { Checker } from './checker';
import type { JsonNode } from './json-reader';
import { DEFAULT_CLOCK_START } from './scenario';
import { checkIpsetMember, IPSET_TYPES } from './ipset-members';

const HOST_FIELDS = [
	'interfaces',
	'routes',
	'policyRules',
	'forwarding',
	'listening',
	'ipsets',
	'backend',
	'conntrack',
	'statisticSeed',
	'clockStart'
] as const;

const IFACE_NAME = /^[A-Za-z0-9_.@:+-]{1,15}$/;
const MAC = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;

/** Priority `ip rule add` picks when none is given: one below the lowest non-zero one so far, from 32765. */
function defaultPriority(rules: PolicyRule[]): number {
	const used = rules.map((r) => r.priority).filter((p) => p > 0);
	return used.length === 0 ? 32765 : Math.max(0, Math.min(...used) - 1);
}

export function parseHost(node: JsonNode, c: Checker): Host | null {
	const errorsBefore = c.diagnostics.length;
	const f = c.object(node, 'host', HOST_FIELDS, ['interfaces'], '{ "interfaces": [ … ] }');
	if (!f) return null;
	const interfaces = f.interfaces ? parseInterfaces(f.interfaces, c) : [];
	const names = new Set(['lo', ...interfaces.map((i) => i.name)]);
	const host: Host = {
		interfaces,
		routes: [],
		policyRules: [],
		forwarding: f.forwarding ? (c.boolean(f.forwarding, 'host.forwarding') ?? false) : false,
		listening: [],
		ipsets: [],
		backend: 'nft',
		tcpLoose: true,
		statisticSeed: 1,
		clockStart: DEFAULT_CLOCK_START
	};
	if (f.routes) host.routes = parseRoutes(f.routes, c, interfaces, names);
	if (f.policyRules) host.policyRules = parsePolicyRules(f.policyRules, c);
	if (f.listening) host.listening = parseListening(f.listening, c, interfaces);
	if (f.ipsets) host.ipsets = parseIpsets(f.ipsets, c);
	if (f.backend) {
		const b = c.string(f.backend, 'host.backend', '"nft"');
		if (b === 'nft' || b === 'legacy') host.backend = b;
		else if (b !== null)
			c.report(f.backend.pos, 'bad-value', `host.backend must be "nft" or "legacy", not "${b}"`);
	}
	if (f.conntrack) {
		const ct = c.object(f.conntrack, 'host.conntrack', ['tcpLoose'], [], '{ "tcpLoose": true }');
		if (ct?.tcpLoose) host.tcpLoose = c.boolean(ct.tcpLoose, 'host.conntrack.tcpLoose') ?? true;
	}
	if (f.statisticSeed) {
		host.statisticSeed =
			c.integer(f.statisticSeed, 'host.statisticSeed', 0, 0xffffffff, '"statisticSeed": 1') ?? 1;
	}
	if (f.clockStart) host.clockStart = parseClock(f.clockStart, c) ?? DEFAULT_CLOCK_START;
	return c.diagnostics.length === errorsBefore ? host : null;
}

function parseInterfaces(node: JsonNode, c: Checker): HostInterface[] {
	const out: HostInterface[] = [];
	const items = c.array(
		node,
		'host.interfaces',
		'[{ "name": "eth0", "addresses": ["10.0.1.1/24"] }]'
	);
	for (const [i, item] of (items ?? []).entries()) {
		const path = `host.interfaces[${i}]`;
		const f = c.object(item, path, ['name', 'addresses', 'mac'], ['name', 'addresses']);
		if (!f?.name || !f.addresses) continue;
		const name = c.string(f.name, `${path}.name`, '"eth0"');
		if (name === null) continue;
		if (name === 'lo') {
			c.report(
				f.name.pos,
				'bad-value',
				`${path}.name: lo (127.0.0.1/8) is always there; leave it out`
			);
			continue;
		}
		if (!IFACE_NAME.test(name)) {
			c.report(
				f.name.pos,
				'bad-value',
				`${path}.name: "${name}" is not an interface name Linux accepts (1–15 characters, no spaces or "/"); e.g. "eth0"`
			);
			continue;
		}
		if (out.some((o) => o.name === name)) {
			c.report(
				f.name.pos,
				'duplicate-name',
				`${path}.name: interface ${name} is listed twice; merge their addresses`
			);
			continue;
		}
		const iface: HostInterface = { name, addresses: [] };
		for (const [k, a] of (
			c.array(f.addresses, `${path}.addresses`, '["10.0.1.1/24"]') ?? []
		).entries()) {
			const where = `${path}.addresses[${k}]`;
			const text = c.string(a, where, '"10.0.1.1/24"');
			if (text === null) continue;
			const slash = text.indexOf('/');
			const address = parseIPv4(slash < 0 ? text : text.slice(0, slash));
			const cidr = parseCidr(text);
			if (slash < 0 || address === null || isError(cidr) || cidr.prefix < 0) {
				c.report(
					a.pos,
					'bad-value',
					`${where}: "${text}" is not an address with a prefix length; write it as ip addr does, e.g. "10.0.1.1/24"`
				);
				continue;
			}
			iface.addresses.push({ address, prefix: cidr.prefix });
		}
		if (f.mac) {
			const mac = c.string(f.mac, `${path}.mac`, '"02:00:00:00:00:01"');
			if (mac !== null && !MAC.test(mac))
				c.report(
					f.mac.pos,
					'bad-value',
					`${path}.mac: "${mac}" is not a MAC address; write six hex pairs, e.g. "02:00:00:00:00:01"`
				);
			else if (mac !== null) iface.mac = mac.toLowerCase();
		}
		out.push(iface);
	}
	return out;
}

function table(node: JsonNode, path: string, c: Checker): number | null {
	if (node.type === 'string' && node.value === 'main') return MAIN_TABLE;
	const n = c.kind(node, path, ['number', 'string'], '7 or "main"');
	if (!n) return null;
	if (n.type === 'string')
		return c.report(
			n.pos,
			'bad-value',
			`${path}: write a table number (1–4294967295) or "main", not "${n.value}"`
		);
	return c.integer(n, path, 1, 0xffffffff, '7');
}

/** The interface whose connected subnet holds `addr`, as the kernel finds a gateway's device. */
function onLink(addr: number, interfaces: HostInterface[]): string | null {
	for (const i of interfaces) {
		for (const a of i.addresses) {
			const mask = prefixToMask(a.prefix);
			if ((addr & mask) >>> 0 === (a.address & mask) >>> 0) return i.name;
		}
	}
	return null;
}

function parseRoutes(
	node: JsonNode,
	c: Checker,
	interfaces: HostInterface[],
	names: Set<string>
): HostRoute[] {
	const out: HostRoute[] = [];
	const items = c.array(
		node,
		'host.routes',
		'[{ "to": "default", "via": "10.0.2.254", "dev": "eth1" }]'
	);
	for (const [i, item] of (items ?? []).entries()) {
		const path = `host.routes[${i}]`;
		const f = c.object(item, path, ['to', 'via', 'dev', 'table', 'src', 'metric'], ['to']);
		if (!f?.to) continue;
		const before = c.diagnostics.length;
		const toText = c.string(f.to, `${path}.to`, '"default" or "10.0.9.0/24"');
		let to = null;
		if (toText === 'default') to = { address: 0, prefix: 0, mask: 0 };
		else if (toText !== null) {
			const cidr = parseCidr(toText);
			const addr = parseIPv4(toText.split('/')[0]);
			if (isError(cidr) || cidr.prefix < 0)
				c.report(
					f.to.pos,
					'bad-value',
					`${path}.to: "${toText}" is not a destination; write "default" or a network such as "10.0.9.0/24"`
				);
			else if (addr !== cidr.address)
				c.report(
					f.to.pos,
					'bad-value',
					`${path}.to: "${toText}" has host bits set, which ip route refuses; write "${formatIPv4(cidr.address)}/${cidr.prefix}"`
				);
			else to = cidr;
		}
		const via = f.via ? c.ipv4(f.via, `${path}.via`) : null;
		let dev = f.dev ? c.string(f.dev, `${path}.dev`, '"eth1"') : null;
		if (f.dev && dev !== null && !names.has(dev)) {
			c.report(
				f.dev.pos,
				'unknown-interface',
				`${path}.dev: no interface ${dev}; the interfaces are ${[...names].join(', ')}`
			);
		}
		if (via !== null && f.via) {
			const link = onLink(via, interfaces);
			if (link === null || (dev !== null && link !== dev)) {
				c.report(
					f.via.pos,
					'bad-value',
					`${path}.via: the gateway ${formatIPv4(via)} is not on ${dev !== null ? dev + "'s" : "any interface's"} subnet (ip route says "Nexthop has invalid gateway"); use a neighbour's address`
				);
			}
			dev ??= link;
		}
		if (!f.dev && !f.via) c.require(f, item.pos, path, ['dev'], ' when there is no "via"');
		const src = f.src ? c.ipv4(f.src, `${path}.src`) : null;
		if (
			src !== null &&
			f.src &&
			!interfaces.some((x) => x.addresses.some((a) => a.address === src))
		) {
			c.report(
				f.src.pos,
				'bad-value',
				`${path}.src: ${formatIPv4(src)} is not an address of this host (ip route refuses it as a preferred source)`
			);
		}
		const tbl = f.table ? table(f.table, `${path}.table`, c) : MAIN_TABLE;
		const metric = f.metric ? c.integer(f.metric, `${path}.metric`, 0, 0xffffffff, '0') : 0;
		if (
			c.diagnostics.length > before ||
			to === null ||
			dev === null ||
			tbl === null ||
			metric === null
		)
			continue;
		out.push({ to, via, dev, table: tbl, src, metric });
	}
	return out;
}

function parsePolicyRules(node: JsonNode, c: Checker): PolicyRule[] {
	const out: PolicyRule[] = [];
	const items = c.array(node, 'host.policyRules', '[{ "fwmark": "0x1", "table": 7 }]');
	for (const [i, item] of (items ?? []).entries()) {
		const path = `host.policyRules[${i}]`;
		const f = c.object(item, path, ['fwmark', 'mask', 'table', 'priority'], ['fwmark', 'table']);
		if (!f?.fwmark || !f.table) continue;
		const fwmark = c.unsigned32(f.fwmark, `${path}.fwmark`);
		const mask = f.mask ? c.unsigned32(f.mask, `${path}.mask`) : 0xffffffff;
		const tbl = table(f.table, `${path}.table`, c);
		const priority = f.priority
			? c.integer(f.priority, `${path}.priority`, 0, 0xffffffff, '100')
			: defaultPriority(out);
		if (fwmark === null || mask === null || tbl === null || priority === null) continue;
		out.push({ fwmark, mask, table: tbl, priority });
	}
	return out;
}

function parseListening(
	node: JsonNode,
	c: Checker,
	interfaces: HostInterface[]
): ListeningSocket[] {
	const out: ListeningSocket[] = [];
	const items = c.array(node, 'host.listening', '[{ "proto": "tcp", "port": 22 }]');
	for (const [i, item] of (items ?? []).entries()) {
		const path = `host.listening[${i}]`;
		const f = c.object(item, path, ['proto', 'port', 'address'], ['proto', 'port']);
		if (!f?.proto || !f.port) continue;
		const proto = c.string(f.proto, `${path}.proto`, '"tcp"');
		if (proto !== null && proto !== 'tcp' && proto !== 'udp') {
			c.report(f.proto.pos, 'bad-value', `${path}.proto must be "tcp" or "udp", not "${proto}"`);
			continue;
		}
		const port = c.integer(f.port, `${path}.port`, 1, 65535, '22');
		const address = f.address ? c.ipv4(f.address, `${path}.address`) : null;
		const isOwn = (a: number) =>
			a >>> 24 === 127 || interfaces.some((x) => x.addresses.some((y) => y.address === a));
		if (f.address && address !== null && !isOwn(address)) {
			c.report(
				f.address.pos,
				'bad-value',
				`${path}.address: ${formatIPv4(address)} is not an address of this host, so no socket can bind it; leave "address" out to listen on all`
			);
			continue;
		}
		if (proto === null || port === null || (f.address && address === null)) continue;
		out.push({ proto: proto as 'tcp' | 'udp', port, address });
	}
	return out;
}

function parseIpsets(node: JsonNode, c: Checker): HostIpSet[] {
	const out: HostIpSet[] = [];
	const items = c.array(
		node,
		'host.ipsets',
		'[{ "name": "blocked", "type": "hash:net", "members": ["10.9.0.0/16"] }]'
	);
	for (const [i, item] of (items ?? []).entries()) {
		const path = `host.ipsets[${i}]`;
		const f = c.object(item, path, ['name', 'type', 'members'], ['name', 'type', 'members']);
		if (!f?.name || !f.type || !f.members) continue;
		const before = c.diagnostics.length;
		const name = c.string(f.name, `${path}.name`, '"blocked"');
		if (name !== null && out.some((s) => s.name === name))
			c.report(f.name.pos, 'duplicate-name', `${path}.name: set ${name} is defined twice`);
		const type = c.string(f.type, `${path}.type`, '"hash:net"');
		if (type !== null && !IPSET_TYPES.includes(type))
			c.report(
				f.type.pos,
				'bad-value',
				`${path}.type: nfwalk does not model "${type}"; the types are ${IPSET_TYPES.join(', ')}`
			);
		const members: string[] = [];
		for (const [k, m] of (
			c.array(f.members, `${path}.members`, '["10.9.0.0/16"]') ?? []
		).entries()) {
			const text = c.string(m, `${path}.members[${k}]`, '"10.9.0.0/16"');
			if (text === null || type === null || !IPSET_TYPES.includes(type)) continue;
			const problem = checkIpsetMember(type, text);
			if (problem) c.report(m.pos, 'bad-value', `${path}.members[${k}]: "${text}" ${problem}`);
			else members.push(text);
		}
		if (c.diagnostics.length === before && name !== null && type !== null)
			out.push({ name, type, members });
	}
	return out;
}

function parseClock(node: JsonNode, c: Checker): number | null {
	const n = c.kind(node, 'host.clockStart', ['string', 'number'], '"2026-01-01T00:00:00Z"');
	if (!n) return null;
	if (n.type === 'number') return c.integer(n, 'host.clockStart', 0, 2 ** 40, '1767225600');
	const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(n.value)
		? Date.parse(n.value)
		: NaN;
	if (Number.isNaN(iso)) {
		return c.report(
			n.pos,
			'bad-value',
			`host.clockStart: "${n.value}" is not a UTC time; write ISO 8601 with a Z, e.g. "2026-01-01T00:00:00Z"`
		);
	}
	return Math.floor(iso / 1000);
}
