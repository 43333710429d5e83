import { findOption, flag } from '../define';
import type { ExtensionSpec, OptionSpec } from '../types';
import type { OptionValue } from '../../model';
import { parseBig } from '../group4-values';
import { formatSetRef, setRefOption, warnHostSet, type SetRef } from '../set-values';

const COUNTERS = ['packets', 'bytes'] as const;
const counter = (name: string, invertible: boolean): OptionSpec => ({
	name,
	invertible,
	parse: ([w]) => {
		const n = parseBig(w);
		return typeof n === 'bigint'
			? n
			: { error: `cannot parse "${w}" as a counter value (0–18446744073709551615)` };
	}
});

function counterText(o: readonly OptionValue[], kind: string): string | null {
	const c = o.find((x) => x.name.startsWith(kind + '-'));
	return c ? `${c.inverted ? '! ' : ''}--${c.name} ${c.value as bigint}` : null;
}

/** `-m set --match-set NAME src[,dst…]`: matches addresses/ports that are members of an ipset. */
export const set: ExtensionSpec = {
	name: 'set',
	kind: 'match',
	summary: 'match members of an ipset (set defined on the host)',
	options: [
		// --set is the deprecated spelling of --match-set.
		setRefOption('match-set', { aliases: ['set'], invertible: true }),
		flag('return-nomatch'),
		flag('update-counters', { invertible: true }),
		flag('update-subcounters', { invertible: true }),
		...COUNTERS.flatMap((k) => [
			counter(`${k}-eq`, true),
			counter(`${k}-lt`, false),
			counter(`${k}-gt`, false)
		])
	],
	check(use, ctx) {
		const o = use.options;
		const ref = findOption(o, 'match-set');
		if (!ref) ctx.report('error', 'set: you must specify --match-set NAME src|dst[,…]');
		else warnHostSet(ref.value as SetRef, ctx);
		for (const k of COUNTERS) {
			if (o.filter((x) => x.name.startsWith(k + '-')).length > 1)
				ctx.report('error', `set: only one of --${k}-eq, --${k}-lt, --${k}-gt is allowed`);
		}
	},
	// Without `!` the counter flags are the default, which the kernel cannot tell from no flag.
	normalize: (o) =>
		o.filter(
			(x) => x.inverted || (x.name !== 'update-counters' && x.name !== 'update-subcounters')
		),
	print(o) {
		const ref = findOption(o, 'match-set');
		const out = ref
			? [`${ref.inverted ? '! ' : ''}--match-set ${formatSetRef(ref.value as SetRef)}`]
			: [];
		if (findOption(o, 'return-nomatch')) out.push('--return-nomatch');
		// Without `!` these two flags are the default and leave no trace.
		for (const n of ['update-counters', 'update-subcounters'])
			if (findOption(o, n)?.inverted) out.push(`! --${n}`);
		for (const k of COUNTERS) {
			const t = counterText(o, k);
			if (t) out.push(t);
		}
		return out.join(' ');
	}
};
