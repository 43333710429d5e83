/**
 * ipset types a scenario may define and the shape of their members, as `ipset add` takes them:
 * each `,`-separated part of a member is an address, a network, a `[proto:]port`, an interface
 * or a MAC, in the order the type's name lists them.
 */
import { isError, parseCidr, parseIPv4, parsePort } from '../engine/parse/values';

type Part = 'ip' | 'net' | 'port' | 'iface' | 'mac' | 'mark';

const PARTS: Record<string, Part[]> = {
	'hash:ip': ['ip'],
	'hash:net': ['net'],
	'hash:ip,port': ['ip', 'port'],
	'hash:net,port': ['net', 'port'],
	'hash:ip,port,ip': ['ip', 'port', 'ip'],
	'hash:ip,port,net': ['ip', 'port', 'net'],
	'hash:net,port,net': ['net', 'port', 'net'],
	'hash:net,net': ['net', 'net'],
	'hash:net,iface': ['net', 'iface'],
	'hash:ip,mark': ['ip', 'mark'],
	'hash:mac': ['mac'],
	'hash:ip,mac': ['ip', 'mac'],
	'bitmap:ip': ['net'],
	'bitmap:ip,mac': ['ip', 'mac'],
	'bitmap:port': ['port']
};

export const IPSET_TYPES = Object.keys(PARTS);

const PORT_PROTOS = ['tcp', 'udp', 'udplite', 'sctp', 'icmp'];

/** Why `text` is not a member of a set of `type`, or null when it is. */
export function checkIpsetMember(type: string, text: string): string | null {
	const want = PARTS[type];
	const parts = text.split(',');
	if (parts.length !== want.length) {
		return `has ${parts.length} part(s) but a ${type} member has ${want.length}, e.g. "${example(want)}"`;
	}
	for (const [i, part] of parts.entries()) {
		const problem = checkPart(want[i], part);
		if (problem) return `${problem} (a ${type} member looks like "${example(want)}")`;
	}
	return null;
}

function checkPart(kind: Part, part: string): string | null {
	switch (kind) {
		case 'ip':
			return parseIPv4(part) === null ? `"${part}" is not an IPv4 address` : null;
		case 'net': {
			const c = parseCidr(part);
			return isError(c) || c.prefix < 0 ? `"${part}" is not an address or network` : null;
		}
		case 'port': {
			const colon = part.indexOf(':');
			const proto = colon < 0 ? 'tcp' : part.slice(0, colon);
			if (!PORT_PROTOS.includes(proto)) return `"${proto}" is not tcp, udp, udplite, sctp or icmp`;
			const port = colon < 0 ? part : part.slice(colon + 1);
			if (proto === 'icmp')
				return /^\d+\/\d+$/.test(port) ? null : `"${port}" is not an icmp type/code`;
			return isError(parsePort(port)) ? `"${port}" is not a port` : null;
		}
		case 'mark':
			return /^(0x[0-9a-fA-F]+|\d+)$/.test(part) ? null : `"${part}" is not a mark`;
		case 'iface':
			return /^[A-Za-z0-9_.@:+-]{1,15}$/.test(part) ? null : `"${part}" is not an interface name`;
		case 'mac':
			return /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/.test(part) ? null : `"${part}" is not a MAC`;
	}
}

function example(parts: Part[]): string {
	const words: Record<Part, string> = {
		ip: '10.0.1.2',
		net: '10.0.0.0/8',
		port: 'tcp:80',
		iface: 'eth0',
		mac: '02:00:00:00:00:01',
		mark: '0x10'
	};
	return parts.map((p) => words[p]).join(',');
}
