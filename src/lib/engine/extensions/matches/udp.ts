import { printInOrder, portRange, formatRange } from '../define';
import type { ExtensionSpec } from '../types';

/** `-m udp`: UDP ports. Loaded implicitly by `-p udp --dport`. */
export const udp: ExtensionSpec = {
	name: 'udp',
	kind: 'match',
	summary: 'UDP source/destination ports',
	protocols: ['udp'],
	options: [
		portRange('sport', { aliases: ['source-port'] }),
		portRange('dport', { aliases: ['destination-port'] })
	],
	print: (options) =>
		printInOrder(
			options.filter((o) => {
				const r = o.value as { from: number; to: number };
				return !(r.from === 0 && r.to === 65535);
			}),
			[
				{ name: 'sport', format: formatRange },
				{ name: 'dport', format: formatRange }
			]
		)
};
