import { hasOption, printInOrder } from '../define';
import { formatIPv4, parseIPv4, type Parsed } from '../../parse/values';
import type { ExtensionSpec } from '../types';

/** An inclusive IPv4 address range as unsigned 32-bit numbers. */
export interface AddressRange {
	from: number;
	to: number;
}

function parseRange(text: string): Parsed<AddressRange> {
	const dash = text.indexOf('-');
	const parts = dash < 0 ? [text, text] : [text.slice(0, dash), text.slice(dash + 1)];
	const [from, to] = parts.map(parseIPv4);
	if (from === null || to === null) {
		return {
			error: `bad IP address range "${text}": write FROM-TO with two dotted addresses, e.g. 10.0.0.1-10.0.0.9 (host names are not resolved)`
		};
	}
	return { from, to };
}

// iptables-save always writes both ends, even for a one-address range.
const fmt = (r: AddressRange) => `${formatIPv4(r.from)}-${formatIPv4(r.to)}`;

/** `-m iprange --src-range A-B --dst-range A-B`: addresses in an arbitrary (non-CIDR) range. */
export const iprange: ExtensionSpec = {
	name: 'iprange',
	kind: 'match',
	summary: 'source/destination address in a FROM-TO range',
	options: [
		{ name: 'src-range', invertible: true, parse: ([w]) => parseRange(w) },
		{ name: 'dst-range', invertible: true, parse: ([w]) => parseRange(w) }
	],
	check(use, ctx) {
		if (!hasOption(use.options, 'src-range') && !hasOption(use.options, 'dst-range')) {
			ctx.report(
				'error',
				'iprange: give --src-range or --dst-range (e.g. --src-range 10.0.0.1-10.0.0.9)',
				undefined,
				'missing-option'
			);
		}
	},
	print: (options) =>
		printInOrder(options, [
			{ name: 'src-range', format: fmt },
			{ name: 'dst-range', format: fmt }
		])
};
