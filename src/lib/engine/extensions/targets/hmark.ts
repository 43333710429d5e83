import { hasOption, unsigned } from '../define';
import type { ExtensionSpec, OptionSpec } from '../types';
import type { OptionValue } from '../../model';
import type { Parsed } from '../../parse/values';
import { U32_MAX } from '../group4-values';

/** What `--hmark-tuple` words stand for: the option they fill with an all-ones mask. */
const TUPLE: [string, string | null, number][] = [
	['ct', null, 0],
	['src', 'hmark-src-prefix', 32],
	['dst', 'hmark-dst-prefix', 32],
	['sport', 'hmark-sport-mask', 0xffff],
	['dport', 'hmark-dport-mask', 0xffff],
	['proto', 'hmark-proto-mask', 0xffff],
	['spi', 'hmark-spi-mask', U32_MAX]
];

function parseTuple([w]: string[]): Parsed<string[]> {
	const items = w.split(',');
	const out: string[] = [];
	for (const item of items) {
		// iptables accepts any case-insensitive prefix of a type, trying them in this order.
		const t = item && TUPLE.find(([n]) => n.startsWith(item.toLowerCase()));
		if (!t)
			return {
				error: `bad --hmark-tuple "${w}": a comma-separated list of src, dst, sport, dport, spi, proto, ct`
			};
		out.push(t[0]);
	}
	return out;
}

/** The effective value of every field, tuple words included (a later option overrides). */
function fields(o: readonly OptionValue[]): Map<string, number> {
	const m = new Map<string, number>();
	for (const x of o) {
		if (x.name !== 'hmark-tuple') m.set(x.name, x.value as number);
		else
			for (const t of x.value as string[]) {
				const [, opt, all] = TUPLE.find(([n]) => n === t)!;
				m.set(opt ?? 'ct', all);
			}
	}
	return m;
}

const hex = (width: number) => (n: number) => '0x' + n.toString(16).padStart(width, '0');
/** Save order with each value's format: prefixes and counts in decimal, masks in fixed-width hex. */
const ORDER: [string, (n: number) => string][] = [
	['hmark-src-prefix', String],
	['hmark-dst-prefix', String],
	['hmark-sport-mask', hex(4)],
	['hmark-dport-mask', hex(4)],
	['hmark-spi-mask', hex(8)],
	['hmark-sport', hex(4)],
	['hmark-dport', hex(4)],
	['hmark-spi', hex(8)],
	['hmark-proto-mask', hex(2)],
	['hmark-rnd', hex(8)],
	['hmark-mod', String],
	['hmark-offset', String]
];

const u16 = (n: string) => unsigned(n, 0, 0xffff);
const u32 = (n: string, min = 0) => unsigned(n, min, U32_MAX);

/** `-j HMARK`: sets the packet mark from a hash of addresses/ports, modulo N plus an offset. */
export const hmark: ExtensionSpec = {
	name: 'HMARK',
	kind: 'target',
	summary: 'set the mark from a hash of the packet tuple (load spreading)',
	options: [
		{ name: 'hmark-tuple', parse: parseTuple } as OptionSpec,
		unsigned('hmark-src-prefix', 0, 32),
		unsigned('hmark-dst-prefix', 0, 32),
		u16('hmark-sport-mask'),
		u16('hmark-dport-mask'),
		u32('hmark-spi-mask'),
		u16('hmark-sport'),
		u16('hmark-dport'),
		u32('hmark-spi'),
		u16('hmark-proto-mask'),
		u32('hmark-rnd'),
		u32('hmark-mod', 1),
		u32('hmark-offset')
	],
	check(use, ctx) {
		const f = fields(use.options);
		const err = (m: string) => ctx.report('error', `HMARK: ${m}`);
		if (!hasOption(use.options, 'hmark-mod'))
			err('--hmark-mod is mandatory (the number of marks to spread over)');
		if (!hasOption(use.options, 'hmark-rnd'))
			err('--hmark-rnd is mandatory (the hash seed, e.g. 0x12345678)');
		if (f.has('hmark-spi-mask') && (f.has('hmark-sport-mask') || f.has('hmark-dport-mask'))) {
			err(
				'--hmark-spi-mask (spi) cannot be combined with --hmark-sport-mask/--hmark-dport-mask (sport/dport): ports and SPI share one field'
			);
		}
		if (f.has('hmark-spi') && (f.has('hmark-sport') || f.has('hmark-dport')))
			err('--hmark-spi cannot be combined with --hmark-sport/--hmark-dport (EINVAL)');
		if (
			![...f.keys()].some((k) => k !== 'hmark-rnd' && k !== 'hmark-mod' && k !== 'hmark-offset')
		) {
			err('say what to hash: --hmark-tuple src,dst,sport,dport,proto (or ct) at least');
		}
	},
	print(o) {
		const f = fields(o);
		const out = ORDER.filter(([n]) => f.has(n)).map(([n, fmt]) => `--${n} ${fmt(f.get(n)!)}`);
		if (f.has('ct')) out.push('--hmark-tuple ct');
		return out.join(' ');
	}
};
