/**
 * `-m mark` and `-m connmark`: `(mark & mask) == value`, the value compared unmasked as the
 * kernel does (a value with bits outside the mask never matches).
 */
import type { ValueMask } from '../../parse/values';
import type { CompiledMatch, MatchCompiler, MatchEnv } from '../compile-types';
import type { Packet } from '../packet';
import { opt } from './build';

class MarkMatch implements CompiledMatch {
	constructor(
		readonly value: number,
		readonly mask: number,
		readonly inv: boolean
	) {}

	test(p: Packet): boolean {
		return ((p.mark & this.mask) >>> 0 === this.value) !== this.inv;
	}
}

class ConnmarkMatch extends MarkMatch {
	test(_: Packet, env?: MatchEnv): boolean {
		const e = env?.ct?.entry;
		// connmark_mt returns false without a connection, whatever the `!`.
		if (!e) return false;
		return ((e.mark & this.mask) >>> 0 === this.value) !== this.inv;
	}
}

function args(options: Parameters<MatchCompiler>[0]): [number, number, boolean] {
	const o = opt(options, 'mark');
	const { value, mask } = (o?.value as ValueMask | undefined) ?? { value: 0, mask: 0 };
	return [value >>> 0, mask >>> 0, o?.inverted ?? false];
}

export const compileMark: MatchCompiler = (options) => new MarkMatch(...args(options));
export const compileConnmark: MatchCompiler = (options) => new ConnmarkMatch(...args(options));
