/**
 * Value parsers and printers shared by the built-in options and every extension. Each parser
 * returns the value or a `ValueError` whose message says what iptables would accept instead.
 */
import type { Cidr } from '../model';
import { SERVICE_PORTS } from './services';

/** A rejected value with the reason, e.g. `{ error: 'port 65536 is out of range 0–65535' }`. */
export interface ValueError {
	error: string;
}

export type Parsed<T> = T | ValueError;

export function isError<T>(v: Parsed<T>): v is ValueError {
	return typeof v === 'object' && v !== null && 'error' in (v as object);
}

/** strtoul with base 0, as xtables_strtoui uses: `42`, `0x2a`, `052` (octal). */
export function parseUnsigned(text: string, min = 0, max = 0xffffffff): Parsed<number> {
	let n: number;
	if (/^0[xX][0-9a-fA-F]+$/.test(text)) n = parseInt(text.slice(2), 16);
	else if (/^0[0-7]+$/.test(text)) n = parseInt(text, 8);
	else if (/^(0|[1-9][0-9]*)$/.test(text)) n = Number(text);
	else return { error: `"${text}" is not a number` };
	if (!Number.isFinite(n) || n < min || n > max) {
		return { error: `${text} is out of range ${min}–${max}` };
	}
	return n;
}

/** A dotted IPv4 address as an unsigned 32-bit number, or null. Hostnames are not resolved. */
export function parseIPv4(text: string): number | null {
	// A hand-written scanner: this runs for every -s/-d of rule sets with 50,000 rules.
	let n = 0;
	let octet = 0;
	let digits = 0;
	let dots = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c >= 48 && c <= 57) {
			octet = octet * 10 + (c - 48);
			if (++digits > 3 || octet > 255) return null;
		} else if (c === 46 && digits > 0 && dots < 3) {
			n = n * 256 + octet;
			octet = 0;
			digits = 0;
			dots++;
		} else return null;
	}
	if (dots !== 3 || digits === 0) return null;
	return (n * 256 + octet) >>> 0;
}

export function formatIPv4(n: number): string {
	return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function prefixToMask(prefix: number): number {
	return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** The prefix length of a contiguous mask, or -1 for a mask like 255.0.255.0. */
export function maskToPrefix(mask: number): number {
	let prefix = 0;
	while (prefix < 32 && mask & (0x80000000 >>> prefix)) prefix++;
	return prefixToMask(prefix) === mask >>> 0 ? prefix : -1;
}

const HOSTNAME =
	/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$/;

/**
 * `10.0.0.0/8`, `10.1.2.3` (/32), `10.0.0.0/255.0.0.0`. The address is masked as iptables masks
 * it, so `10.11.12.13/8` becomes 10.0.0.0/8.
 */
export function parseCidr(text: string): Parsed<Cidr> {
	const slash = text.indexOf('/');
	const addrText = slash < 0 ? text : text.slice(0, slash);
	const address = parseIPv4(addrText);
	if (address === null) {
		if (HOSTNAME.test(addrText) && /[A-Za-z]/.test(addrText)) {
			return {
				error: `host name "${addrText}" cannot be resolved here: nfwalk has no resolver; write the address it stands for`
			};
		}
		return {
			error: `"${addrText}" is not an IPv4 address (write four numbers 0–255, e.g. 10.0.0.1)`
		};
	}
	let mask = 0xffffffff;
	if (slash >= 0) {
		const m = text.slice(slash + 1);
		if (/^[0-9]+$/.test(m)) {
			const prefix = Number(m);
			if (prefix > 32) return { error: `prefix length /${m} is larger than 32` };
			mask = prefixToMask(prefix);
		} else {
			const dotted = parseIPv4(m);
			if (dotted === null) return { error: `"${m}" is not a prefix length or a dotted netmask` };
			mask = dotted;
		}
	}
	const prefix = maskToPrefix(mask);
	return { address: (address & mask) >>> 0, prefix, mask };
}

/** As iptables-save prints it: `10.0.0.0/8`, `1.2.3.4/32`, `10.0.12.0/255.0.255.0`. */
export function formatCidr(c: Cidr): string {
	return `${formatIPv4(c.address)}/${c.prefix >= 0 ? c.prefix : formatIPv4(c.mask)}`;
}

/** A port number or a service name from the usual /etc/services, e.g. `ssh` → 22. */
export function parsePort(text: string): Parsed<number> {
	if (/^[0-9]+$/.test(text)) {
		const n = Number(text);
		if (n <= 65535) return n;
	} else if (Object.hasOwn(SERVICE_PORTS, text)) {
		return SERVICE_PORTS[text];
	}
	return {
		error: `invalid port/service "${text}" (use a number 0–65535 or a service name such as ssh)`
	};
}

/** An inclusive port range, e.g. `1024:65535` → `{ from: 1024, to: 65535 }`. */
export interface PortRange {
	from: number;
	to: number;
}

/** `22`, `1024:65535`, `1024:` (to 65535), `:1023` (from 0); `a:b` with a > b is accepted as iptables 1.8.9 does. */
export function parsePortRange(text: string): Parsed<PortRange> {
	const colon = text.indexOf(':');
	if (colon < 0) {
		const p = parsePort(text);
		return isError(p) ? p : { from: p, to: p };
	}
	const a = text.slice(0, colon);
	const b = text.slice(colon + 1);
	const from = a === '' ? 0 : parsePort(a);
	if (isError(from)) return from;
	const to = b === '' ? 65535 : parsePort(b);
	if (isError(to)) return to;
	return { from, to };
}

export function formatPortRange(r: PortRange): string {
	return r.from === r.to ? String(r.from) : `${r.from}:${r.to}`;
}

/** `value[/mask]` as MARK-like options take it, e.g. `0x10/0xff`. */
export interface ValueMask {
	value: number;
	mask: number;
}

export function parseValueMask(
	text: string,
	defaultMask = 0xffffffff,
	max = 0xffffffff
): Parsed<ValueMask> {
	const slash = text.indexOf('/');
	const value = parseUnsigned(slash < 0 ? text : text.slice(0, slash), 0, max);
	if (isError(value)) return value;
	if (slash < 0) return { value, mask: defaultMask };
	const mask = parseUnsigned(text.slice(slash + 1), 0, max);
	if (isError(mask)) return mask;
	return { value, mask };
}

export function hex(n: number): string {
	return '0x' + (n >>> 0).toString(16);
}

const NO_QUOTE = /^[A-Za-z0-9_-]+$/;

/** A string as iptables-save writes it (xtables_save_string): bare when safe, else quoted with `"`, `\` and `'` escaped. */
export function saveString(value: string): string {
	if (NO_QUOTE.test(value)) return value;
	return '"' + value.replace(/["\\']/g, (c) => '\\' + c) + '"';
}
