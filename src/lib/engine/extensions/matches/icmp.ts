import { findOption, hasOption } from '../define';
import { isError, parseUnsigned, type Parsed } from '../../parse/values';
import type { ExtensionSpec } from '../types';

/** `--icmp-type` as stored: a type and an inclusive code range (0–255 = any code). */
export interface IcmpType {
	type: number;
	codeMin: number;
	codeMax: number;
}

/** iptables' ICMP names: type, first and last code. Order matters for prefix matching. */
const ICMP_NAMES: readonly [string, number, number, number][] = [
	['any', 0xff, 0, 0xff],
	['echo-reply', 0, 0, 0xff],
	['destination-unreachable', 3, 0, 0xff],
	['network-unreachable', 3, 0, 0],
	['host-unreachable', 3, 1, 1],
	['protocol-unreachable', 3, 2, 2],
	['port-unreachable', 3, 3, 3],
	['fragmentation-needed', 3, 4, 4],
	['source-route-failed', 3, 5, 5],
	['network-unknown', 3, 6, 6],
	['host-unknown', 3, 7, 7],
	['network-prohibited', 3, 9, 9],
	['host-prohibited', 3, 10, 10],
	['TOS-network-unreachable', 3, 11, 11],
	['TOS-host-unreachable', 3, 12, 12],
	['communication-prohibited', 3, 13, 13],
	['host-precedence-violation', 3, 14, 14],
	['precedence-cutoff', 3, 15, 15],
	['source-quench', 4, 0, 0xff],
	['redirect', 5, 0, 0xff],
	['network-redirect', 5, 0, 0],
	['host-redirect', 5, 1, 1],
	['TOS-network-redirect', 5, 2, 2],
	['TOS-host-redirect', 5, 3, 3],
	['echo-request', 8, 0, 0xff],
	['router-advertisement', 9, 0, 0xff],
	['router-solicitation', 10, 0, 0xff],
	['time-exceeded', 11, 0, 0xff],
	['ttl-zero-during-transit', 11, 0, 0],
	['ttl-zero-during-reassembly', 11, 1, 1],
	['parameter-problem', 12, 0, 0xff],
	['ip-header-bad', 12, 0, 0],
	['required-option-missing', 12, 1, 1],
	['timestamp-request', 13, 0, 0xff],
	['timestamp-reply', 14, 0, 0xff],
	['address-mask-request', 17, 0, 0xff],
	['address-mask-reply', 18, 0, 0xff]
];

/** Aliases iptables also accepts (they are not offered as prefixes). */
const ICMP_ALIASES: Readonly<Record<string, string>> = {
	pong: 'echo-reply',
	ping: 'echo-request',
	'ttl-exceeded': 'time-exceeded'
};

export function parseIcmpType(text: string): Parsed<IcmpType> {
	const alias = ICMP_ALIASES[text.toLowerCase()];
	const word = alias ?? text;
	// Like iptables, a unique case-insensitive prefix of a name is enough.
	const hits = ICMP_NAMES.filter(([n]) => n.toLowerCase().startsWith(word.toLowerCase()));
	const exact = hits.find(([n]) => n.toLowerCase() === word.toLowerCase());
	if (exact || hits.length === 1) {
		const [, type, codeMin, codeMax] = exact ?? hits[0];
		return { type, codeMin, codeMax };
	}
	if (hits.length > 1 && !/^[0-9]/.test(word)) {
		return {
			error: `ICMP type "${text}" is ambiguous (${hits.map(([n]) => n).join(', ')}): write more of the name`
		};
	}
	const [typeText, codeText] = text.split('/', 2);
	const type = parseUnsigned(typeText, 0, 255);
	if (isError(type)) {
		return {
			error: `invalid ICMP type "${typeText}": use a name such as echo-request or a number 0–255 (optionally TYPE/CODE)`
		};
	}
	if (codeText === undefined) return { type, codeMin: 0, codeMax: 0xff };
	const [lo, hi] = codeText.split(':', 2);
	const codeMin = parseUnsigned(lo, 0, 255);
	const codeMax = hi === undefined ? codeMin : parseUnsigned(hi, 0, 255);
	if (isError(codeMin) || isError(codeMax))
		return { error: `invalid ICMP code "${codeText}": use a number 0–255` };
	return { type, codeMin, codeMax };
}

/** As iptables-save writes it: always numeric, `/code` only when the code is narrowed. */
export function formatIcmpType(t: IcmpType): string {
	if (t.type === 0xff) return 'any';
	if (t.codeMin === 0 && t.codeMax === 0xff) return String(t.type);
	return t.codeMin === t.codeMax ? `${t.type}/${t.codeMin}` : `${t.type}/${t.codeMin}:${t.codeMax}`;
}

/** `-m icmp --icmp-type TYPE[/CODE]`: ICMP message type. Loaded implicitly by `-p icmp --icmp-type`. */
export const icmp: ExtensionSpec = {
	name: 'icmp',
	kind: 'match',
	summary: 'ICMP type and code',
	protocols: ['icmp'],
	options: [{ name: 'icmp-type', invertible: true, parse: ([w]) => parseIcmpType(w) }],
	check(use, ctx) {
		if (!hasOption(use.options, 'icmp-type')) {
			ctx.report(
				'error',
				'icmp: option --icmp-type must be specified (e.g. --icmp-type echo-request, or any)',
				undefined,
				'missing-option'
			);
		}
	},
	print(options) {
		const o = findOption(options, 'icmp-type');
		if (!o) return '';
		return `${o.inverted ? '! ' : ''}--icmp-type ${formatIcmpType(o.value as IcmpType)}`;
	}
};
