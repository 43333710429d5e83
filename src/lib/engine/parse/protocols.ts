/**
 * Protocol names for `-p`. iptables prints the names of its own short table and otherwise the
 * name from /etc/protocols; the browser has no such file, so the common entries live here.
 */
const PROTOCOLS: readonly [string, number][] = [
	['all', 0],
	['icmp', 1],
	['igmp', 2],
	['ggp', 3],
	['ipencap', 4],
	['st', 5],
	['tcp', 6],
	['egp', 8],
	['igp', 9],
	['pup', 12],
	['udp', 17],
	['hmp', 20],
	['xns-idp', 22],
	['rdp', 27],
	['iso-tp4', 29],
	['dccp', 33],
	['xtp', 36],
	['ddp', 37],
	['idpr-cmtp', 38],
	['ipv6', 41],
	['ipv6-route', 43],
	['ipv6-frag', 44],
	['idrp', 45],
	['rsvp', 46],
	['gre', 47],
	['esp', 50],
	['ah', 51],
	['skip', 57],
	['ipv6-icmp', 58],
	['icmpv6', 58],
	['ipv6-nonxt', 59],
	['ipv6-opts', 60],
	['rspf', 73],
	['vmtp', 81],
	['eigrp', 88],
	['ospf', 89],
	['ax.25', 93],
	['ipip', 94],
	['etherip', 97],
	['encap', 98],
	['pim', 103],
	['ipcomp', 108],
	['vrrp', 112],
	['l2tp', 115],
	['isis', 124],
	['sctp', 132],
	['fc', 133],
	['mobility-header', 135],
	['mh', 135],
	['udplite', 136],
	['mpls-in-ip', 137],
	['manet', 138],
	['hip', 139],
	['shim6', 140],
	['wesp', 141],
	['rohc', 142],
	['ethernet', 143]
];

/** Names iptables' own table prints (xtables_chain_protos), preferred over /etc/protocols. */
const PREFERRED: Readonly<Record<number, string>> = {
	0: 'all',
	1: 'icmp',
	6: 'tcp',
	17: 'udp',
	50: 'esp',
	51: 'ah',
	58: 'ipv6-icmp',
	132: 'sctp',
	135: 'mh',
	136: 'udplite'
};

const BY_NAME = new Map(PROTOCOLS.map(([n, v]) => [n, v]));
const BY_NUMBER = new Map<number, string>();
for (const [n, v] of PROTOCOLS) if (!BY_NUMBER.has(v)) BY_NUMBER.set(v, n);

/** The protocol number for a name or number as `-p` takes it (case-insensitive), or null. */
export function protocolNumber(text: string): number | null {
	if (/^[0-9]+$/.test(text)) {
		const n = Number(text);
		return n <= 255 ? n : null;
	}
	return BY_NAME.get(text.toLowerCase()) ?? null;
}

/** The name iptables-save prints for a protocol number, e.g. 6 → `tcp`, 47 → `gre`, 253 → `253`. */
export function protocolName(n: number): string {
	return PREFERRED[n] ?? BY_NUMBER.get(n) ?? String(n);
}
