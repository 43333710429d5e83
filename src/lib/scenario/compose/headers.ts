/**
 * A written packet's headers as numbers, so the composer can compare it with what a walk traced
 * and reason about its protocol and flags. Reads leniently: a field that does not parse is null
 * here and left for the scenario parser to report.
 */
import { protocolNumber } from '../../engine/parse/protocols';
import { parseIPv4 } from '../../engine/parse/values';
import { TCP_FLAG } from '../../engine/sim/packet';
import type { PacketJson } from '../scenario';

/** ICMP types that quote the datagram they are about (destination unreachable, time exceeded …). */
export const ICMP_ERROR_TYPES: readonly number[] = [3, 4, 5, 11, 12];

/** ICMP queries and the type of their answer: echo, timestamp, information, address mask. */
export const ICMP_ANSWERS: Readonly<Record<number, number>> = { 8: 0, 13: 14, 15: 16, 17: 18 };

export const TCP = 6;
export const UDP = 17;
export const ICMP = 1;

/** The protocol number of `proto` (`"tcp"`, `6`, `"gre"`), or null when it names none. */
export function protoOf(p: Pick<PacketJson, 'proto'>): number | null {
	return protocolNumberOf(p.proto);
}

export function protocolNumberOf(proto: string | number): number | null {
	return protocolNumber(String(proto));
}

/** The TCP flag bits of a flag list (any case; unknown names count for nothing). */
export function flagBits(flags: readonly string[] | undefined): number {
	let bits = 0;
	for (const f of flags ?? []) bits |= (TCP_FLAG as Record<string, number>)[f.toUpperCase()] ?? 0;
	return bits;
}

/** Flag names in the kernel's bit order, as the format writes them: `["SYN", "ACK"]`. */
export function flagNames(bits: number): string[] {
	return Object.entries(TCP_FLAG)
		.filter(([, bit]) => bits & bit)
		.map(([name]) => name);
}

export function isIcmpError(p: PacketJson): boolean {
	return protoOf(p) === ICMP && ICMP_ERROR_TYPES.includes(p.type ?? -1);
}

/** An IPv4 address as a number, or null for a missing or unreadable one. */
export function addressOf(text: string | undefined): number | null {
	return text === undefined ? null : parseIPv4(text);
}
