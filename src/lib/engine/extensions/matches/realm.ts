import { findOption, hasOption } from '../define';
import { hex, isError, parseValueMask, type Parsed, type ValueMask } from '../../parse/values';
import type { ExtensionSpec } from '../types';

/** The one entry of iproute2's stock rt_realms file, which iptables reads for names. */
const REALMS: Readonly<Record<string, number>> = { cosmos: 0 };

function parseRealm(w: string): Parsed<ValueMask> {
	if (Object.hasOwn(REALMS, w)) return { value: REALMS[w], mask: 0xffffffff };
	const v = parseValueMask(w);
	return isError(v)
		? {
				error: `realm "${w}" is not a number[/mask] (e.g. 0x2a or 0x1/0xff) or a realm name nfwalk knows`
			}
		: v;
}

function formatRealm(r: ValueMask): string {
	if (r.mask !== 0xffffffff) return `${hex(r.value)}/${hex(r.mask)}`;
	const name = Object.entries(REALMS).find(([, id]) => id === r.value)?.[0];
	return name ?? hex(r.value);
}

/** `-m realm --realm ID[/MASK]`: the routing realm the route lookup assigned. */
export const realm: ExtensionSpec = {
	name: 'realm',
	kind: 'match',
	summary: 'routing realm of the route the packet took',
	// Realms exist only after a route lookup.
	hooks: ['INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
	options: [{ name: 'realm', invertible: true, parse: ([w]) => parseRealm(w) }],
	check(use, ctx) {
		if (!hasOption(use.options, 'realm'))
			ctx.report(
				'error',
				'realm: option --realm must be specified (e.g. --realm 0x2a)',
				undefined,
				'missing-option'
			);
	},
	print(options) {
		const o = findOption(options, 'realm');
		return o ? `${o.inverted ? '! ' : ''}--realm ${formatRealm(o.value as ValueMask)}` : '';
	}
};
