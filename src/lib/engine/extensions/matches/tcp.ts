import { findOption, flag, printInOrder, portRange, formatRange, unsigned } from '../define';
import type { ExtensionSpec } from '../types';
import type { Parsed } from '../../parse/values';

/** TCP flag bits in the order iptables prints them; `ALL` is the six classic flags. */
const TCP_FLAGS: readonly [string, number][] = [
	['FIN', 0x01],
	['SYN', 0x02],
	['RST', 0x04],
	['PSH', 0x08],
	['ACK', 0x10],
	['URG', 0x20],
	['ALL', 0x3f],
	['NONE', 0]
];

/** `--tcp-flags MASK COMP`, e.g. `{ mask: 0x17, comp: 0x02 }` for `FIN,SYN,RST,ACK SYN`. */
export interface TcpFlags {
	mask: number;
	comp: number;
}

export function parseTcpFlagList(text: string): Parsed<number> {
	let bits = 0;
	for (const name of text.split(',')) {
		const entry = TCP_FLAGS.find(([n]) => n === name.toUpperCase());
		if (!entry)
			return {
				error: `unknown TCP flag "${name}" (use FIN, SYN, RST, PSH, ACK, URG, ALL or NONE)`
			};
		bits |= entry[1];
	}
	return bits;
}

export function formatTcpFlagList(bits: number): string {
	const names: string[] = [];
	for (const [name, bit] of TCP_FLAGS.slice(0, 6)) if (bits & bit) names.push(name);
	return names.length ? names.join(',') : 'NONE';
}

/** What `--syn` stands for. */
export const SYN_ONLY: TcpFlags = { mask: 0x17, comp: 0x02 };

/** `-m tcp`: ports, flags and options of a TCP segment. Loaded implicitly by `-p tcp --dport`. */
export const tcp: ExtensionSpec = {
	name: 'tcp',
	kind: 'match',
	summary: 'TCP source/destination ports, flags and options',
	protocols: ['tcp'],
	options: [
		portRange('sport', { aliases: ['source-port'] }),
		portRange('dport', { aliases: ['destination-port'] }),
		{
			name: 'tcp-flags',
			args: 2,
			invertible: true,
			parse([m, c]): Parsed<TcpFlags> {
				const mask = parseTcpFlagList(m);
				if (typeof mask !== 'number') return mask;
				const comp = parseTcpFlagList(c);
				if (typeof comp !== 'number') return comp;
				return { mask, comp };
			}
		},
		// --syn is stored as the flags it stands for, so it prints as iptables does.
		flag('syn', { invertible: true, storeAs: 'tcp-flags', parse: () => SYN_ONLY as never }),
		unsigned('tcp-option', 0, 255, { invertible: true })
	],
	print(options) {
		const flags = findOption(options, 'tcp-flags');
		const ranges = options.filter((o) => {
			// A full range matches everything; iptables-save leaves it out.
			const r = o.value as { from: number; to: number };
			return !((o.name === 'sport' || o.name === 'dport') && r.from === 0 && r.to === 65535);
		});
		const head = printInOrder(ranges, [
			{ name: 'sport', format: formatRange },
			{ name: 'dport', format: formatRange },
			{ name: 'tcp-option' }
		]);
		if (!flags) return head;
		const f = flags.value as TcpFlags;
		const tail = `${flags.inverted ? '! ' : ''}--tcp-flags ${formatTcpFlagList(f.mask)} ${formatTcpFlagList(f.comp)}`;
		return head ? `${head} ${tail}` : tail;
	}
};
