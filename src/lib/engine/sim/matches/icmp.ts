/** `-m icmp --icmp-type`: type and code range; type 255 (`any`) matches every ICMP message. */
import type { IcmpType } from '../../extensions/matches/icmp';
import { IPPROTO, type Packet } from '../packet';
import type { CompiledMatch, MatchCompiler } from '../compile-types';
import { opt } from './build';

class IcmpMatch implements CompiledMatch {
	constructor(
		readonly type: number,
		readonly codeMin: number,
		readonly codeMax: number,
		readonly inv: boolean
	) {}

	test(p: Packet): boolean {
		if (p.proto !== IPPROTO.icmp) return false;
		// The kernel XORs the inversion after the `any` test, so `! --icmp-type any` matches nothing.
		const hit =
			this.type === 0xff ||
			(p.icmpType === this.type && p.icmpCode >= this.codeMin && p.icmpCode <= this.codeMax);
		return hit !== this.inv;
	}
}

export const compileIcmp: MatchCompiler = (options) => {
	const o = opt(options, 'icmp-type');
	const t = (o?.value as IcmpType | undefined) ?? { type: 0xff, codeMin: 0, codeMax: 0xff };
	return new IcmpMatch(t.type, t.codeMin, t.codeMax, o?.inverted ?? false);
};
