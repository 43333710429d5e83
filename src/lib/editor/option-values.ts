/**
 * The words some options take, offered after the option: `--ctstate NEW,ESTABLISHED`,
 * `--reject-with tcp-reset`… Keyed like `option-docs` (extension, then option). A spec parses
 * every word with the extension's own option parser, so a list cannot offer what nfwalk refuses.
 */
import { CT_STATES } from '../engine/extensions/matches/conntrack';

/** Options whose value is a comma-separated list: each item completes on its own. */
export const LIST_OPTIONS: ReadonlySet<string> = new Set([
	'ctstate',
	'ctstatus',
	'state',
	'tcp-flags',
	'hashlimit-mode',
	'strip-options'
]);

const TCP_FLAGS = ['SYN', 'ACK', 'FIN', 'RST', 'URG', 'PSH', 'ALL', 'NONE'];
const ADDRESS_TYPES = [
	...['UNSPEC', 'UNICAST', 'LOCAL', 'BROADCAST', 'ANYCAST', 'MULTICAST'],
	...['BLACKHOLE', 'UNREACHABLE', 'PROHIBIT', 'THROW', 'NAT', 'XRESOLVE']
];

export const OPTION_VALUES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> =
	{
		conntrack: {
			ctstate: CT_STATES,
			ctstatus: ['NONE', 'EXPECTED', 'SEEN_REPLY', 'ASSURED', 'CONFIRMED'],
			ctdir: ['ORIGINAL', 'REPLY']
		},
		state: { state: ['INVALID', 'NEW', 'ESTABLISHED', 'RELATED', 'UNTRACKED'] },
		tcp: { 'tcp-flags': TCP_FLAGS },
		icmp: {
			'icmp-type': [
				...['echo-request', 'echo-reply', 'destination-unreachable', 'port-unreachable'],
				...['host-unreachable', 'fragmentation-needed', 'time-exceeded', 'parameter-problem'],
				...['source-quench', 'redirect', 'router-advertisement', 'router-solicitation'],
				...['timestamp-request', 'timestamp-reply', 'any']
			]
		},
		addrtype: { 'src-type': ADDRESS_TYPES, 'dst-type': ADDRESS_TYPES },
		pkttype: { 'pkt-type': ['unicast', 'broadcast', 'multicast'] },
		connbytes: {
			'connbytes-dir': ['original', 'reply', 'both'],
			'connbytes-mode': ['packets', 'bytes', 'avgpkt']
		},
		statistic: { mode: ['random', 'nth'] },
		policy: { dir: ['in', 'out'], pol: ['none', 'ipsec'], mode: ['transport', 'tunnel'] },
		hashlimit: { 'hashlimit-mode': ['srcip', 'srcport', 'dstip', 'dstport'] },
		string: { algo: ['bm', 'kmp'] },
		REJECT: {
			'reject-with': [
				...['icmp-port-unreachable', 'icmp-host-unreachable', 'icmp-net-unreachable'],
				...['icmp-proto-unreachable', 'icmp-net-prohibited', 'icmp-host-prohibited'],
				...['icmp-admin-prohibited', 'tcp-reset']
			]
		},
		LOG: {
			'log-level': ['emerg', 'alert', 'crit', 'error', 'warning', 'notice', 'info', 'debug']
		}
	};
