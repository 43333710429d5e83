/**
 * Reading `ip addr` (`ip a`, `ip address show`), `ip -o addr`, `ip -br addr` and `ip -br link`
 * output into the host's interfaces. IPv4 only, as nfwalk is: `inet6` lines are passed over; `lo` is left out
 * because every host has it.
 */
import { parseIPv4 } from '../../engine/parse/values';
import type { HostJson } from '../scenario';
import type { ImportReport } from './ip-import-report';

export type ImportedInterface = HostJson['interfaces'][number];

/** `2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 …`: the start of an interface. */
export const ADDR_HEADER = /^\d+:\s+([^\s:@]+)(@\S+)?:\s+<[^>]*>/;
/** `eth0@if5   UP   172.17.0.2/16 fe80::…/64` or `eth0 UP 02:42:ac:11:00:02 <…>` (`ip -br`). */
export const BRIEF_LINE =
	/^([^\s@]+)(@\S+)?\s+(UP|DOWN|UNKNOWN|LOWERLAYERDOWN|DORMANT|NOTPRESENT|TESTING)\b(.*)$/;
/** `2: eth0    inet 10.0.0.2/24 brd 10.0.0.255 scope global eth0\       valid_lft …` (`ip -o addr`). */
export const ONE_LINE_ADDR = /^\d+:\s+([^\s:@]+)(@\S+)?\s+(inet6?)\s+(\S+)/;
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;
/** `link/ether 02:42:ac:11:00:02` on its own line, or inside an `ip -o link` line. */
const LINK_ETHER = /(?:^|\s)link\/ether\s+([0-9a-f]{2}(?::[0-9a-f]{2}){5})\b/i;

/** The interfaces read so far, by name, in the order they were first seen. */
export class InterfaceList {
	readonly byName = new Map<string, ImportedInterface>();

	/** The interface called `name` (created on first sight), or null for `lo`. */
	named(name: string): ImportedInterface | null {
		if (name === 'lo') return null;
		let iface = this.byName.get(name);
		if (!iface) {
			iface = { name, addresses: [] };
			this.byName.set(name, iface);
		}
		return iface;
	}

	list(): ImportedInterface[] {
		return [...this.byName.values()];
	}
}

function addAddress(iface: ImportedInterface, cidr: string): void {
	if (!iface.addresses.includes(cidr)) iface.addresses.push(cidr);
}

/**
 * An IPv4 address as `ip addr` prints it (`10.0.0.1/24`, or `10.0.0.1` before `peer` on a
 * point-to-point link, which is a /32), as the scenario writes it; null when it is not one.
 */
export function cidrOf(text: string): string | null {
	const [addr, prefix, ...rest] = text.split('/');
	if (rest.length || parseIPv4(addr) === null) return null;
	if (prefix === undefined) return `${addr}/32`;
	return /^\d{1,2}$/.test(prefix) && Number(prefix) <= 32 ? `${addr}/${Number(prefix)}` : null;
}

/** The column (1-based) of word `k` of a line. */
export function columnOf(line: string, k: number): number {
	const re = /\S+/g;
	let m: RegExpExecArray | null = null;
	for (let i = 0; i <= k; i++) m = re.exec(line);
	return m ? m.index + 1 : 1;
}

/** One indented line inside an `ip addr` block: `link/ether …`, `inet …`; others say nothing. */
export function readAddrBody(
	iface: ImportedInterface | null,
	line: string,
	n: number,
	report: ImportReport
): void {
	const words = line.trim().split(/\s+/);
	if (!iface) return;
	readMac(iface, line);
	if (words[0] !== 'inet') return;
	const cidr = words[1] ? cidrOf(words[1]) : null;
	if (cidr) addAddress(iface, cidr);
	else
		report.error(
			n,
			columnOf(line, 1),
			words[1] ?? '',
			`"${words[1] ?? ''}" is not an IPv4 address with a prefix length; paste the line as ip addr prints it, e.g. "inet 10.0.1.1/24 brd 10.0.1.255 scope global eth0"`
		);
}

/** An `ip -br addr` or `ip -br link` line: addresses, or the MAC. */
export function readBrief(
	list: InterfaceList,
	line: string,
	n: number,
	report: ImportReport
): void {
	const m = BRIEF_LINE.exec(line.trim())!;
	const iface = list.named(m[1]);
	if (!iface) return;
	const words = m[4].trim() ? m[4].trim().split(/\s+/) : [];
	words.forEach((word, k) => {
		if (word.includes(':') && MAC.test(word)) iface.mac = word.toLowerCase();
		else if (word.includes(':') || word.startsWith('<'))
			return; // IPv6, or link flags
		else {
			const cidr = cidrOf(word);
			if (cidr) addAddress(iface, cidr);
			else
				report.error(
					n,
					columnOf(line, k + 2),
					word,
					`"${word}" is not an IPv4 address with a prefix length; ip -br addr prints them as 10.0.1.1/24`
				);
		}
	});
}

/** The MAC of a `link/ether` line (or an `ip -o link` header carrying one). */
export function readMac(iface: ImportedInterface | null, line: string): void {
	const mac = LINK_ETHER.exec(line)?.[1];
	if (iface && mac) iface.mac = mac.toLowerCase();
}

/** An `ip -o addr` line: one address of one interface. */
export function readOneLine(
	list: InterfaceList,
	line: string,
	n: number,
	report: ImportReport
): void {
	const m = ONE_LINE_ADDR.exec(line)!;
	const iface = list.named(m[1]);
	if (!iface || m[3] === 'inet6') return;
	const cidr = cidrOf(m[4]);
	if (cidr) addAddress(iface, cidr);
	else
		report.error(
			n,
			// The match starts the line and ends with the address.
			m[0].length - m[4].length + 1,
			m[4],
			`"${m[4]}" is not an IPv4 address with a prefix length; paste the line as ip -o addr prints it`
		);
}
