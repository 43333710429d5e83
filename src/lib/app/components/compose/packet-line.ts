/** A packet in one line for the packet list, e.g. `tcp 10.0.2.2:40000 → 10.0.2.1:8080 SYN`. */
import type { PacketJson } from '$lib/scenario/scenario';

const ICMP_NAMES: Record<number, string> = {
	0: 'echo reply',
	3: 'unreachable',
	4: 'source quench',
	5: 'redirect',
	8: 'echo request',
	11: 'time exceeded',
	12: 'parameter problem',
	13: 'timestamp',
	14: 'timestamp reply'
};

const end = (addr: string | undefined, port: number | undefined) =>
	`${addr ?? '(routing picks)'}${port === undefined ? '' : `:${port}`}`;

export function packetLine(p: PacketJson): string {
	const ends = `${end(p.src, p.sport)} → ${end(p.dst, p.dport)}`;
	const parts = [String(p.proto), ends];
	if (p.flags) parts.push(p.flags.length ? p.flags.join(',') : '(no flags)');
	if (p.type !== undefined) parts.push(ICMP_NAMES[p.type] ?? `type ${p.type}`);
	if (p.type === 3 && p.code !== undefined) parts.push(`code ${p.code}`);
	if (p.id !== undefined) parts.push(`id ${p.id}`);
	if (p.embedded)
		parts.push(
			`about ${p.embedded.proto} ${end(p.embedded.src, p.embedded.sport)} → ${end(p.embedded.dst, p.embedded.dport)}`
		);
	if (p.payload)
		parts.push(`“${p.payload.length > 24 ? p.payload.slice(0, 23) + '…' : p.payload}”`);
	return parts.join(' ');
}
