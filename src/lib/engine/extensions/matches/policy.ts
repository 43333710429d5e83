import { findOption, flag, hasOption, oneOf, unsigned } from '../define';
import type { Cidr, Hook, OptionValue } from '../../model';
import { formatCidr, parseCidr, type Parsed } from '../../parse/values';
import type { ExtensionSpec, OptionSpec } from '../types';

/** The kernel's limit on policy elements joined by --next. */
const MAX_ELEMENTS = 4;
const PROTOS: Readonly<Record<string, string>> = {
	ah: 'ah',
	'51': 'ah',
	esp: 'esp',
	'50': 'esp',
	ipcomp: 'ipcomp',
	'108': 'ipcomp'
};

/** Inbound policy is known only on the way in, outbound only on the way out. */
const DIR_HOOKS: Readonly<Record<string, readonly Hook[]>> = {
	in: ['PREROUTING', 'INPUT', 'FORWARD'],
	out: ['FORWARD', 'OUTPUT', 'POSTROUTING']
};

const ELEMENT = ['reqid', 'spi', 'proto', 'mode', 'tunnel-dst', 'tunnel-src'];

function parseProto(w: string): Parsed<string> {
	return (
		PROTOS[w.toLowerCase()] ?? { error: `protocol "${w}" is not supported: use ah, esp or ipcomp` }
	);
}

function tunnelAddr(name: string): OptionSpec<Cidr> {
	return { name, invertible: true, repeatable: true, parse: ([w]) => parseCidr(w) };
}

/** Splits the options into --next-separated elements, keeping only element options. */
function elements(options: readonly OptionValue[]): OptionValue[][] {
	const out: OptionValue[][] = [[]];
	for (const o of options) {
		if (o.name === 'next') out.push([]);
		else if (ELEMENT.includes(o.name)) out[out.length - 1].push(o);
	}
	return out;
}

function formatElement(e: OptionValue[]): string {
	const parts: string[] = [];
	// iptables-save writes element fields in this order, whatever order they were given in.
	for (const name of ELEMENT) {
		const o = findOption(e, name);
		if (!o) continue;
		const v = o.value;
		const text =
			name === 'spi'
				? '0x' + (v as number).toString(16)
				: name.startsWith('tunnel')
					? formatCidr(v as Cidr)
					: String(v);
		parts.push(`${o.inverted ? '! ' : ''}--${name} ${text}`);
	}
	return parts.join(' ');
}

/** `-m policy --dir in|out --pol ipsec|none [--strict] …`: the IPsec policy a packet used. */
export const policy: ExtensionSpec = {
	name: 'policy',
	kind: 'match',
	summary: 'IPsec policy the packet was (or will be) processed by',
	options: [
		oneOf('dir', ['in', 'out']),
		oneOf('pol', ['none', 'ipsec']),
		flag('strict'),
		unsigned('reqid', 0, 0xffffffff, { invertible: true, repeatable: true }),
		unsigned('spi', 0, 0xffffffff, { invertible: true, repeatable: true }),
		{ name: 'proto', invertible: true, repeatable: true, parse: ([w]) => parseProto(w) },
		oneOf('mode', ['transport', 'tunnel'], { invertible: true, repeatable: true }),
		tunnelAddr('tunnel-src'),
		tunnelAddr('tunnel-dst'),
		flag('next', { repeatable: true })
	],
	hooksFor(options) {
		const dir = findOption(options, 'dir');
		return dir && DIR_HOOKS[dir.value as string];
	},
	check(use, ctx) {
		const o = use.options;
		const dir = findOption(o, 'dir');
		if (!dir) {
			ctx.report('error', 'policy: give --dir in or --dir out', undefined, 'missing-option');
			return;
		}
		const strict = hasOption(o, 'strict');
		const els = elements(o);
		if (findOption(o, 'pol')?.value === 'none') {
			if (strict)
				ctx.report(
					'error',
					'policy: --pol none cannot take --strict: remove it',
					undefined,
					'conflicting-options'
				);
			if (els.some((e) => e.length) || els.length > 1)
				ctx.report(
					'error',
					'policy: --pol none cannot take policy elements (--reqid, --spi, --proto …): remove them or use --pol ipsec',
					undefined,
					'conflicting-options'
				);
		} else {
			if (!strict && els.length > 1)
				ctx.report(
					'error',
					'policy: several elements (--next) need --strict',
					undefined,
					'missing-option'
				);
			if (els.length > MAX_ELEMENTS)
				ctx.report(
					'error',
					`policy: at most ${MAX_ELEMENTS} elements joined by --next`,
					undefined,
					'bad-value'
				);
			els.forEach((e, i) => {
				for (const name of ELEMENT) {
					if (e.filter((x) => x.name === name).length > 1)
						ctx.report(
							'error',
							`policy: --${name} given twice in element ${i}: separate elements with --next`,
							undefined,
							'duplicate-option'
						);
				}
				if (strict && e.length === 0) {
					ctx.report(
						'error',
						`policy: element ${i} is empty, but --strict needs one of --reqid, --spi, --tunnel-src, --tunnel-dst, --proto or --mode in it`,
						undefined,
						'missing-option'
					);
				}
				const mode = findOption(e, 'mode');
				const tunnel = mode !== undefined && (mode.value === 'tunnel') !== mode.inverted;
				if ((hasOption(e, 'tunnel-src') || hasOption(e, 'tunnel-dst')) && !tunnel) {
					ctx.report(
						'error',
						'policy: --tunnel-src/--tunnel-dst are only valid with --mode tunnel: add it',
						undefined,
						'missing-option'
					);
				}
			});
		}
	},
	print(options) {
		const parts: string[] = [];
		const dir = findOption(options, 'dir');
		if (dir) parts.push(`--dir ${dir.value}`);
		parts.push(`--pol ${findOption(options, 'pol')?.value ?? 'ipsec'}`);
		if (hasOption(options, 'strict')) parts.push('--strict');
		const els = elements(options).map(formatElement);
		const body = els.filter((e, i) => e || i < els.length - 1).join(' --next ');
		if (body) parts.push(body);
		return parts.join(' ');
	}
};
