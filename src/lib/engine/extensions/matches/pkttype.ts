import { hasOption, printInOrder } from '../define';
import type { Parsed } from '../../parse/values';
import type { ExtensionSpec } from '../types';

/** Accepted words and the canonical name iptables-save prints for each. */
const PKT_TYPES: Readonly<Record<string, string>> = {
	unicast: 'unicast',
	host: 'unicast',
	broadcast: 'broadcast',
	bcast: 'broadcast',
	multicast: 'multicast',
	mcast: 'multicast'
};

function parsePktType(w: string): Parsed<string> {
	return (
		PKT_TYPES[w.toLowerCase()] ?? {
			error: `bad packet type "${w}": use unicast, broadcast or multicast`
		}
	);
}

/** `-m pkttype --pkt-type unicast|broadcast|multicast`: the link-layer packet class. */
export const pkttype: ExtensionSpec = {
	name: 'pkttype',
	kind: 'match',
	summary: 'link-layer packet type (unicast, broadcast, multicast)',
	options: [{ name: 'pkt-type', invertible: true, parse: ([w]) => parsePktType(w) }],
	check(use, ctx) {
		if (!hasOption(use.options, 'pkt-type')) {
			ctx.report(
				'error',
				'pkttype: option --pkt-type must be specified (unicast, broadcast or multicast)',
				undefined,
				'missing-option'
			);
		}
	},
	print: (options) => printInOrder(options, [{ name: 'pkt-type' }])
};
