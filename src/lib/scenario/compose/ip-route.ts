/**
 * Reading `ip route` (`ip r`, `ip route show table all`) output into the host's routes. Connected
 * routes (`proto kernel scope link`) and the local table's routes are left out without a word:
 * the host adds them itself for every address. What a scenario cannot hold (IPv6, blackhole,
 * unreachable, multipath beyond the first next hop) is left out with a warning.
 */
import type { HostJson } from '../scenario';
import { cidrOf, columnOf } from './ip-addr';
import type { ImportReport } from './ip-import-report';

export type ImportedRoute = NonNullable<HostJson['routes']>[number];

/** Route types the kernel adds itself, in the local table or for broadcasts. */
const IMPLICIT_TYPES = ['local', 'broadcast', 'multicast', 'anycast'];
/** Route types a scenario cannot hold: nfwalk models unicast routes only. */
const UNMODELLED_TYPES = ['blackhole', 'unreachable', 'prohibit', 'throw', 'nat'];
/** Words followed by a value that do not change which way a packet goes. */
const IGNORED_KEYS = new Set(
	'proto scope pref mtu advmss expires realm realms nhid weight rtt rttvar window cwnd initcwnd initrwnd quickack hoplimit ssthresh features congctl tos dsfield error fastopen_no_cookie'.split(
		' '
	)
);
/** Words on their own that say nothing a scenario needs. */
const IGNORED_FLAGS = new Set('onlink linkdown dead pervasive notify offload trap lock'.split(' '));
/** Table names of /etc/iproute2/rt_tables. */
const TABLES: Record<string, number | 'main' | null> = { main: 'main', default: 253, local: null };

/** True when the line's first word starts a route: `default`, an address, or a route type. */
export function isRouteLine(line: string): boolean {
	const first = line.trim().split(/\s+/)[0] ?? '';
	return (
		first === 'default' ||
		first === 'unicast' ||
		IMPLICIT_TYPES.includes(first) ||
		UNMODELLED_TYPES.includes(first) ||
		/^[0-9.]+(\/\d+)?$/.test(first) ||
		/^[0-9a-f:]+:[0-9a-f:]*(\/\d+)?$/i.test(first)
	);
}

/** One `ip route` line: the route, or null when it is left out (the report says why). */
export function readRoute(line: string, n: number, report: ImportReport): ImportedRoute | null {
	const words = line.trim().split(/\s+/);
	let k = 0;
	if (words[0] === 'unicast') k++;
	if (IMPLICIT_TYPES.includes(words[k])) return null;
	if (UNMODELLED_TYPES.includes(words[k])) {
		report.leftOut(
			n,
			columnOf(line, k),
			words[k],
			`nfwalk models unicast routes only; this ${words[k]} route is left out (the packets it would catch get the next route's answer)`
		);
		return null;
	}
	const to = words[k];
	if (to.includes(':')) {
		report.leftOut(n, columnOf(line, k), to, 'nfwalk is IPv4 only; this IPv6 route is left out');
		return null;
	}
	const cidr = to === 'default' ? 'default' : cidrOf(to);
	if (!cidr) {
		report.error(
			n,
			columnOf(line, k),
			to,
			`"${to}" is not a destination; ip route prints "default" or a network such as 10.0.9.0/24`
		);
		return null;
	}
	const route: ImportedRoute = { to: cidr === '0.0.0.0/0' ? 'default' : cidr };
	let kernel = false;
	for (k++; k < words.length; k++) {
		const [word, value] = [words[k], words[k + 1]];
		const at = columnOf(line, k + 1);
		if (
			word === 'via' ||
			word === 'src' ||
			word === 'dev' ||
			word === 'metric' ||
			word === 'table'
		) {
			if (value === undefined) {
				report.error(
					n,
					columnOf(line, k),
					word,
					`"${word}" needs a value after it; paste the whole line`
				);
				return null;
			}
			k++;
			// `via inet 10.0.0.1`: ip prints the family when it differs from the route's.
			const v = word === 'via' && value === 'inet' && words[k + 1] ? words[++k] : value;
			if (!setField(route, word, v, n, at, report)) return null;
		} else if (word === 'proto') {
			kernel = value === 'kernel';
			k++;
		} else if (IGNORED_KEYS.has(word)) k++;
		else if (!IGNORED_FLAGS.has(word))
			report.leftOut(
				n,
				columnOf(line, k),
				word,
				`nfwalk does not know "${word}" in a route; it is left out`
			);
	}
	// A connected route: the host adds it for every address it has.
	if (kernel && !route.via) return null;
	return route;
}

function setField(
	route: ImportedRoute,
	word: 'via' | 'src' | 'dev' | 'metric' | 'table',
	value: string,
	n: number,
	at: number,
	report: ImportReport
): boolean {
	if (word === 'dev') route.dev = value;
	else if (word === 'via' || word === 'src') {
		if (value.includes(':')) {
			report.leftOut(n, at, value, 'nfwalk is IPv4 only; an IPv6 gateway is left out');
			return false;
		}
		const cidr = cidrOf(value);
		if (!cidr || !cidr.endsWith('/32')) {
			report.error(
				n,
				at,
				value,
				`"${value}" is not an IPv4 address; ${word} takes one, e.g. 10.0.2.254`
			);
			return false;
		}
		route[word] = value;
	} else if (word === 'metric') {
		if (!/^\d+$/.test(value)) {
			report.error(n, at, value, `the metric "${value}" is not a number; write e.g. 100`);
			return false;
		}
		route.metric = Number(value);
	} else {
		const table = /^\d+$/.test(value) ? Number(value) : TABLES[value];
		if (table === null) return false; // the local table: the host's own addresses
		if (table === undefined) {
			report.error(
				n,
				at,
				value,
				`nfwalk does not know table "${value}"; write its number from /etc/iproute2/rt_tables`
			);
			return false;
		}
		if (table !== 'main' && table !== 254) route.table = table;
	}
	return true;
}
