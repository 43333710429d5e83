/** `-m multiport`: up to 15 ports or ranges on the source, destination or either side. */
import type { PortRange } from '../../parse/values';
import { hasPorts, type Packet } from '../packet';
import type { CompiledMatch, MatchCompiler } from '../compile-types';
import { opt } from './build';

class MultiportMatch implements CompiledMatch {
	readonly lo: Int32Array;
	readonly hi: Int32Array;

	constructor(
		list: readonly PortRange[],
		readonly src: boolean,
		readonly dst: boolean,
		readonly inv: boolean
	) {
		this.lo = Int32Array.from(list, (r) => r.from);
		this.hi = Int32Array.from(list, (r) => r.to);
	}

	test(p: Packet): boolean {
		if (!hasPorts(p.proto)) return false;
		const { lo, hi } = this;
		const sp = this.src ? p.sport : -1;
		const dp = this.dst ? p.dport : -1;
		for (let i = 0; i < lo.length; i++) {
			if ((sp >= lo[i] && sp <= hi[i]) || (dp >= lo[i] && dp <= hi[i])) return !this.inv;
		}
		return this.inv;
	}
}

export const compileMultiport: MatchCompiler = (options) => {
	const o = opt(options, 'dports') ?? opt(options, 'sports') ?? opt(options, 'ports');
	const name = o?.name ?? 'ports';
	const list = (o?.value as PortRange[] | undefined) ?? [{ from: 0, to: 65535 }];
	return new MultiportMatch(list, name !== 'dports', name !== 'sports', o?.inverted ?? false);
};
