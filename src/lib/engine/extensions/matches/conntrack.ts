import { findOption, printInOrder } from '../define';
import { formatHostMask, parseHostMask, strtoul, type HostMask } from '../nat-values';
import { protocolNumber } from '../../parse/protocols';
import { isError, parsePort, type Parsed } from '../../parse/values';
import type { ExtensionSpec, OptionSpec } from '../types';

/** Conntrack states in the order iptables lists them. */
export const CT_STATES = [
	'INVALID',
	'NEW',
	'RELATED',
	'ESTABLISHED',
	'UNTRACKED',
	'SNAT',
	'DNAT'
] as const;
/** The order iptables tries the names in, which decides what an abbreviation such as `E` means. */
const STATE_LOOKUP = ['INVALID', 'NEW', 'ESTABLISHED', 'RELATED', 'UNTRACKED', 'SNAT', 'DNAT'];
const STATUSES = ['NONE', 'EXPECTED', 'SEEN_REPLY', 'ASSURED', 'CONFIRMED'];

/**
 * A comma list of names, each matched like strncasecmp(word, NAME, strlen(word)): any
 * case-insensitive prefix counts, the first name in `lookup` order wins. Returned in `order`.
 */
export function nameList(
	text: string,
	lookup: readonly string[],
	order: readonly string[],
	what: string
): Parsed<string[]> {
	const found = new Set<string>();
	for (const word of text.split(',')) {
		const name = word && lookup.find((n) => n.startsWith(word.toUpperCase()));
		if (!name)
			return {
				error: `bad ${what} "${word}" in "${text}": use ${order.join(', ')} separated by commas, no spaces`
			};
		found.add(name);
	}
	return order.filter((n) => found.has(n));
}

/** `a`, `a:b`, `:b`, `a:`, `:` as XTTYPE_*RC ranges take them: a missing end is 0 or the maximum. */
export function parseRange(
	text: string,
	max: number,
	one: (w: string) => Parsed<number>
): Parsed<[number, number]> {
	const parts = text.split(':');
	if (parts.length > 2) return { error: `"${text}" has too many components: write N or N:M` };
	const lo = parts[0] === '' ? 0 : one(parts[0]);
	if (isError(lo)) return lo;
	if (parts.length === 1) return [lo, lo];
	const hi = parts[1] === '' ? max : one(parts[1]);
	if (isError(hi)) return hi;
	return [lo, hi];
}

const u32 = (w: string): Parsed<number> => {
	const r = strtoul(w);
	return r && r.rest === '' && r.value <= 0xffffffffn
		? Number(r.value)
		: { error: `"${w}" is not a number 0–4294967295` };
};

const addr = (name: string): OptionSpec<HostMask> => ({
	name,
	invertible: true,
	parse: ([w]) => parseHostMask(w, name)
});
const port = (name: string): OptionSpec<[number, number]> => ({
	name,
	invertible: true,
	parse: ([w]) => parseRange(w, 65535, parsePort)
});
const fmtRange = ([lo, hi]: [number, number]) =>
	hi === 0 || hi === lo ? String(lo) : `${lo}:${hi}`;
const fmtExpire = ([lo, hi]: [number, number]) => (hi === lo ? String(lo) : `${lo}:${hi}`);

/** `-m conntrack`: the packet's connection: state, status, original/reply tuple, expiry, direction. */
export const conntrack: ExtensionSpec = {
	name: 'conntrack',
	kind: 'match',
	summary: 'connection tracking state, status, tuple, expiry and direction',
	options: [
		{
			name: 'ctstate',
			invertible: true,
			parse: ([w]) => nameList(w, STATE_LOOKUP, CT_STATES, 'ctstate')
		},
		{
			name: 'ctproto',
			invertible: true,
			parse: ([w]) =>
				protocolNumber(w) ?? {
					error: `--ctproto: unknown protocol "${w}": use a name such as tcp or a number 0–255`
				}
		},
		addr('ctorigsrc'),
		addr('ctorigdst'),
		addr('ctreplsrc'),
		addr('ctrepldst'),
		{
			name: 'ctstatus',
			invertible: true,
			parse: ([w]) => nameList(w, STATUSES, STATUSES.slice(1), 'ctstatus')
		},
		{ name: 'ctexpire', invertible: true, parse: ([w]) => parseRange(w, 0xffffffff, u32) },
		port('ctorigsrcport'),
		port('ctorigdstport'),
		port('ctreplsrcport'),
		port('ctrepldstport'),
		{
			name: 'ctdir',
			parse: ([w]) =>
				/^(original|reply)$/i.test(w)
					? w.toUpperCase()
					: { error: `--ctdir takes ORIGINAL or REPLY, not "${w}"` }
		}
	],
	check(use, ctx) {
		if (use.options.length === 0) {
			ctx.report(
				'error',
				'conntrack: at least one option is required, e.g. --ctstate ESTABLISHED,RELATED'
			);
		}
		const proto = findOption(use.options, 'ctproto');
		if (proto && proto.inverted && proto.value === 0) {
			ctx.report('warning', 'conntrack: `! --ctproto 0` (all) can never match', proto.span);
		}
	},
	print: (options) =>
		printInOrder(options, [
			{ name: 'ctstate', format: (v: string[]) => v.join(',') },
			{ name: 'ctproto' },
			{ name: 'ctorigsrc', format: formatHostMask },
			{ name: 'ctorigdst', format: formatHostMask },
			{ name: 'ctreplsrc', format: formatHostMask },
			{ name: 'ctrepldst', format: formatHostMask },
			{ name: 'ctorigsrcport', format: fmtRange },
			{ name: 'ctorigdstport', format: fmtRange },
			{ name: 'ctreplsrcport', format: fmtRange },
			{ name: 'ctrepldstport', format: fmtRange },
			{ name: 'ctstatus', format: (v: string[]) => (v.length ? v.join(',') : 'NONE') },
			{ name: 'ctexpire', format: fmtExpire },
			{ name: 'ctdir' }
		])
};
