/**
 * Value parsers shared by the NAT and conntrack extensions (group 1), written to follow the
 * libxtables helpers they imitate: strtoul with base 0 that may stop before the end of the word,
 * NAT address/port ranges, and `addr[/plen]` without masking the address.
 */
import { formatIPv4, isError, parseIPv4, prefixToMask, type Parsed } from '../parse/values';
import { SERVICE_PORTS } from '../parse/services';
import { protocolNumber } from '../parse/protocols';
import type { Rule } from '../model';

/** C strtoumax with base 0: `42`, `0x2a`, `052`; `rest` is what follows the digits. Null when no digits or a leading `-`. */
export function strtoul(text: string): { value: bigint; rest: string } | null {
	let i = 0;
	while (i < text.length && /\s/.test(text[i])) i++;
	// xtables_strtoul refuses a minus itself, since strtoul would wrap it around.
	if (text[i] === '-') return null;
	if (text[i] === '+') i++;
	let radix = 10;
	if (text[i] === '0' && /[xX]/.test(text[i + 1] ?? '') && /[0-9a-fA-F]/.test(text[i + 2] ?? '')) {
		radix = 16;
		i += 2;
	} else if (text[i] === '0') radix = 8;
	const digit = radix === 16 ? /[0-9a-fA-F]/ : radix === 8 ? /[0-7]/ : /[0-9]/;
	const start = i;
	while (i < text.length && digit.test(text[i])) i++;
	if (i === start) return null;
	const digits = text.slice(start, i);
	const value = BigInt(radix === 16 ? '0x' + digits : radix === 8 ? '0o' + digits : digits);
	return { value, rest: text.slice(i) };
}

/** xtables_strtoui with an end pointer: a number in min..max at the start of the word. */
export function leadingUint(
	text: string,
	min: number,
	max: number
): { value: number; rest: string } | null {
	const r = strtoul(text);
	if (!r || r.value < BigInt(min) || r.value > BigInt(max)) return null;
	return { value: Number(r.value), rest: r.rest };
}

/** A whole word as an unsigned number in min..max (XTTYPE_UINT*), in the words iptables uses for the error. */
export function wholeUint(text: string, min: number, max: number, option: string): Parsed<number> {
	const r = leadingUint(text, min, max);
	if (!r || r.rest !== '')
		return { error: `--${option} takes a number ${min}–${max}, not "${text}"` };
	return r.value;
}

/** `value[/mask]` for XTTYPE_MARKMASK32: the mask defaults to 0xffffffff. */
export function markMask(text: string, option: string): Parsed<{ value: number; mask: number }> {
	const [v, m, extra] = text.split('/');
	const value = wholeUint(v, 0, 0xffffffff, option);
	if (isError(value) || extra !== undefined)
		return { error: `--${option} takes VALUE[/MASK] with 32-bit numbers, not "${text}"` };
	if (m === undefined) return { value, mask: 0xffffffff };
	const mask = wholeUint(m, 0, 0xffffffff, option);
	if (isError(mask))
		return { error: `--${option} takes VALUE[/MASK] with 32-bit numbers, not "${text}"` };
	return { value, mask };
}

export const hex32 = (n: number) => '0x' + (n >>> 0).toString(16);

/** `addr[/plen]` as XTTYPE_HOSTMASK keeps it: the address is not masked. */
export interface HostMask {
	address: number;
	prefix: number;
}

export function parseHostMask(text: string, option: string): Parsed<HostMask> {
	const slash = text.indexOf('/');
	const addr = slash < 0 ? text : text.slice(0, slash);
	const address = parseIPv4(addr);
	if (address === null)
		return {
			error: `--${option}: "${addr}" is not an IPv4 address (nfwalk resolves no host names; write e.g. 10.0.0.1)`
		};
	if (slash < 0) return { address, prefix: 32 };
	const plen = leadingUint(text.slice(slash + 1), 0, 32);
	if (!plen || plen.rest !== '')
		return { error: `--${option}: write the mask as a prefix length 0–32, e.g. ${addr}/24` };
	return { address, prefix: plen.value };
}

/** As xtables_ipaddr_to_numeric + xtables_ipmask_to_numeric print it: no `/32`. */
export function formatHostMask(h: HostMask): string {
	return formatIPv4(h.address) + (h.prefix === 32 ? '' : `/${h.prefix}`);
}

export const hostMaskBits = (h: HostMask) => prefixToMask(h.prefix);

/** getservbyname, limited to the names nfwalk carries. */
export function serviceToPort(name: string): number | null {
	return Object.hasOwn(SERVICE_PORTS, name) ? SERVICE_PORTS[name] : null;
}

/** Protocols whose NAT may rewrite ports (libxt_NAT's `portok`), judged on `-p` as written, even inverted. */
export function natPortsAllowed(rule: Rule): boolean {
	const p = rule.protocol ? protocolNumber(rule.protocol.value) : 0;
	return p === 6 || p === 17 || p === 132 || p === 33 || p === 1;
}

/** A NAT port range `min[-max[/base]]`; `base` only for shifted port maps. */
export interface NatPorts {
	min: number;
	max: number;
	base?: number;
}

/** A NAT range as `--to-source`/`--to-destination` take it: `[ADDR[-ADDR]][:PORT[-PORT[/BASE]]]`. */
export interface NatRange {
	ips: { min: number; max: number } | null;
	ports: NatPorts | null;
}

const NEED_PROTO =
	'a port needs -p tcp, udp, sctp or dccp before this option (iptables: Need TCP, UDP, SCTP or DCCP with port specification)';

/** libxt_NAT's parse_ports: `22`, `ssh`, `1024-65535`, `1000-2000/3000`; service names not after a dash. */
export function parseNatPorts(text: string, portok: boolean): Parsed<NatPorts> {
	if (!portok) return { error: NEED_PROTO };
	let first = leadingUint(text, 0, 65535);
	if (!first) {
		const s = serviceToPort(text);
		if (s === null)
			return {
				error: `port "${text}" is not valid: write a number 0–65535 or a service name such as ssh`
			};
		first = { value: s, rest: '' };
	}
	const min = first.value;
	if (first.rest === '') return { min, max: min };
	if (first.rest.startsWith(':'))
		return { error: `write a port range with a dash, not a colon: ${text.replace(':', '-')}` };
	if (!first.rest.startsWith('-'))
		return { error: `unexpected "${first.rest}" after the port: write PORT or PORT-PORT` };
	const maxText = first.rest.slice(1);
	const second = leadingUint(maxText, 0, 65535);
	if (!second)
		return {
			error: `port "${maxText}" is not valid: the end of a range must be a number 0–65535 (no service names)`
		};
	if (second.value < min)
		return { error: `port range ${text} runs backwards: write the lower port first` };
	if (second.rest === '') return { min, max: second.value };
	if (!second.rest.startsWith('/'))
		return { error: `unexpected "${second.rest}" after the port range: write PORT-PORT[/BASE]` };
	const baseText = second.rest.slice(1);
	const b = leadingUint(baseText, 1, 65535);
	const base = b ? b.value : serviceToPort(baseText);
	if (base === null || base === 0)
		return { error: `base port "${baseText}" is not valid: write a number 1–65535` };
	return { min, max: second.value, base };
}

/** libxt_NAT's parse_to for IPv4. */
export function parseNatRange(text: string, portok: boolean): Parsed<NatRange> {
	let colon = text.indexOf(':');
	if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) colon = -1;
	if (text.includes('['))
		return { error: `"${text}" is not an IPv4 address range: brackets are for IPv6` };
	let ports: NatPorts | null = null;
	if (colon >= 0) {
		const p = parseNatPorts(text.slice(colon + 1), portok);
		if (isError(p)) return p;
		ports = p;
		if (colon === 0) return { ips: null, ports };
	}
	const addrs = colon >= 0 ? text.slice(0, colon) : text;
	const dash = addrs.indexOf('-');
	const minText = dash >= 0 ? addrs.slice(0, dash) : addrs;
	const min = parseIPv4(minText);
	if (min === null)
		return {
			error: `bad IP address "${minText}": write ADDR[-ADDR][:PORT[-PORT]], e.g. 10.0.0.1:8080`
		};
	let max = min;
	if (dash >= 0) {
		const m = parseIPv4(addrs.slice(dash + 1));
		if (m === null)
			return {
				error: `bad IP address "${addrs.slice(dash + 1)}": write ADDR[-ADDR][:PORT[-PORT]]`
			};
		max = m;
	}
	return { ips: { min, max }, ports };
}

/** libxt_NAT's sprint_range: `1.1.1.1-1.1.1.9:80-90/100`. */
export function formatNatRange(r: NatRange): string {
	let out = '';
	if (r.ips)
		out += formatIPv4(r.ips.min) + (r.ips.max !== r.ips.min ? '-' + formatIPv4(r.ips.max) : '');
	if (r.ports) {
		out += `:${r.ports.min}` + (r.ports.max !== r.ports.min ? `-${r.ports.max}` : '');
		if (r.ports.base !== undefined) out += `/${r.ports.base}`;
	}
	return out;
}
