/**
 * `-m set --match-set NAME src[,dst]`: membership in a host ipset (`env.host.ipset(name)`). The
 * set is read once per host, at the first packet (or at compile time when the host is given,
 * which also lets the rule carry a note for a missing set). A missing or unreadable set never
 * matches: the kernel would refuse the rule ("Set NAME doesn't exist").
 */
import type { OptionValue } from '../../model';
import type { SetRef } from '../../extensions/set-values';
import type { HostModel } from '../host-model';
import type { CompiledMatch } from '../compile-types';
import { has, notes, opt } from './build';
import { loadSet, lookupSet, type LoadedSet } from './ipset';

function resolve(host: HostModel, name: string): LoadedSet | string {
	const s = host.ipset(name);
	return s
		? loadSet(s)
		: `ipset ${name} does not exist on the host: the rule never matches (iptables would refuse it)`;
}

export function compileSet(options: readonly OptionValue[], host?: HostModel): CompiledMatch {
	const ref = opt(options, 'match-set');
	if (!ref) return { test: () => true };
	const { set: name, dirs } = ref.value as SetRef;
	const isSrc = dirs.map((d) => d === 'src');
	const inv = ref.inverted;
	const returnNomatch = has(options, 'return-nomatch');
	const counters = options.some((o) => /^(packets|bytes)-/.test(o.name))
		? 'ipset counters are not simulated: --packets-*/--bytes-* assumed to match'
		: undefined;
	let cachedHost: HostModel | null = host ?? null;
	let loaded: LoadedSet | string | null = host ? resolve(host, name) : null;
	const dimsNeeded = (s: LoadedSet) => (s.hasIp ? 1 : 0) + (s.hasPort ? 1 : 0);
	return {
		test(p, env) {
			if (env.host !== cachedHost) {
				cachedHost = env.host;
				loaded = resolve(env.host, name);
			}
			if (typeof loaded === 'string' || loaded === null) return false;
			// ip_set_test answers "no" when the rule names fewer directions than the set has.
			const hit = isSrc.length >= dimsNeeded(loaded) && lookupSet(loaded, p, isSrc, returnNomatch);
			return hit !== inv;
		},
		note: notes(typeof loaded === 'string' ? loaded : undefined, counters)
	};
}
