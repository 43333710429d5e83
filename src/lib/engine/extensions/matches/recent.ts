import { findOption, flag, hasOption, unsigned } from '../define';
import type { ExtensionSpec } from '../types';
import { formatIPv4, parseIPv4, type Parsed } from '../../parse/values';
import { procNameProblem, U32_MAX } from '../group4-values';

const OPS = ['set', 'rcheck', 'update', 'remove'] as const;
/** xt_recent keeps at most this many hit timestamps per entry (kernel ≥ 5.x). */
const MAX_HITCOUNT = 65535;

const op = (name: string) => flag(name, { invertible: true });

/** `-m recent`: remembers addresses in a named list (/proc/net/xt_recent/NAME) and matches on them. */
export const recent: ExtensionSpec = {
	name: 'recent',
	kind: 'match',
	summary: 'add addresses to a named list or match addresses seen recently',
	options: [
		...OPS.map(op),
		unsigned('seconds', 1, U32_MAX),
		flag('reap'),
		unsigned('hitcount', 0, U32_MAX),
		flag('rttl'),
		// 199 characters fit the kernel's buffer; iptables cuts longer names silently.
		{ name: 'name', parse: ([w]) => w.slice(0, 199) },
		flag('rsource'),
		flag('rdest'),
		{
			name: 'mask',
			parse([w]): Parsed<number> {
				const a = parseIPv4(w);
				return a === null
					? { error: `--mask "${w}" is not a dotted netmask such as 255.255.255.0` }
					: a;
			}
		}
	],
	check(use, ctx) {
		const o = use.options;
		const err = (m: string) => ctx.report('error', `recent: ${m}`);
		const ops = o.filter((x) => (OPS as readonly string[]).includes(x.name));
		if (ops.length === 0) err('give one of --set, --rcheck, --update or --remove');
		if (ops.length > 1)
			err(
				`--${ops[0].name} and --${ops[1].name} cannot be combined: a recent match does one thing; use two -m recent matches`
			);
		const adds = ops.some((x) => x.name === 'set' || x.name === 'remove');
		if (adds) {
			const mods = ['seconds', 'hitcount', 'rttl', 'reap'].filter((n) => hasOption(o, n));
			if (mods.length)
				err(
					`--${mods.join(', --')} only work with --rcheck or --update, not with --${ops.find((x) => x.name === 'set' || x.name === 'remove')!.name} (the kernel refuses it, EINVAL)`
				);
		}
		if (hasOption(o, 'reap') && !hasOption(o, 'seconds'))
			err('--reap needs --seconds (entries older than that are purged)');
		const hits = (findOption(o, 'hitcount')?.value as number | undefined) ?? 0;
		if (hits > MAX_HITCOUNT)
			err(`--hitcount ${hits} is larger than the kernel allows (${MAX_HITCOUNT}); EINVAL`);
		const name = (findOption(o, 'name')?.value as string | undefined) ?? 'DEFAULT';
		if (name === '') err('--name must not be empty (EINVAL)');
		else if (procNameProblem(name)) err(`--name ${procNameProblem(name)}`);
	},
	// The kernel always stores a list name, a mask and a side, and iptables lists all three.
	defaults: (o) => [
		{ name: 'name', value: 'DEFAULT' },
		{ name: 'mask', value: 0xffffffff },
		...(hasOption(o, 'rdest') ? [] : [{ name: 'rsource', value: true }])
	],
	print(o) {
		const out: string[] = [];
		if (o.some((x) => (OPS as readonly string[]).includes(x.name) && x.inverted)) out.push('!');
		for (const n of OPS) if (hasOption(o, n)) out.push(`--${n}`);
		const seconds = findOption(o, 'seconds')?.value as number | undefined;
		if (seconds) out.push(`--seconds ${seconds}`);
		if (hasOption(o, 'reap')) out.push('--reap');
		const hits = findOption(o, 'hitcount')?.value as number | undefined;
		if (hits) out.push(`--hitcount ${hits}`);
		if (hasOption(o, 'rttl')) out.push('--rttl');
		out.push(`--name ${(findOption(o, 'name')?.value as string | undefined) ?? 'DEFAULT'}`);
		out.push(
			`--mask ${formatIPv4((findOption(o, 'mask')?.value as number | undefined) ?? 0xffffffff)}`
		);
		// The last of --rsource/--rdest wins; the source side is the default.
		const side = [...o].reverse().find((x) => x.name === 'rsource' || x.name === 'rdest');
		out.push(side?.name === 'rdest' ? '--rdest' : '--rsource');
		return out.join(' ');
	}
};
