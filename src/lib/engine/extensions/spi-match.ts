/** The three IPsec header matches share one shape: an SPI range on one protocol. */
import { findOption } from './define';
import { formatUintRange, parseUintRange, type UintRange } from './group3-values';
import type { ExtensionSpec, OptionSpec } from './types';

export function spiMatch(
	name: string,
	protocol: string,
	option: string,
	summary: string,
	extra: readonly OptionSpec[] = []
): ExtensionSpec {
	return {
		name,
		kind: 'match',
		summary,
		protocols: [protocol],
		options: [
			{
				name: option,
				invertible: true,
				parse: ([w]) => parseUintRange(w, 0xffffffff),
				isDefault: (r: UintRange) => r.from === 0 && r.to === 0xffffffff
			} as OptionSpec,
			...extra
		],
		print(options) {
			const o = findOption(options, option);
			const r = o?.value as UintRange | undefined;
			// The full range is iptables' "no SPI given" and is left out, even when inverted.
			const spi =
				o && r && !(r.from === 0 && r.to === 0xffffffff)
					? `${o.inverted ? '! ' : ''}--${option} ${formatUintRange(r)}`
					: '';
			const rest = extra.filter((e) => findOption(options, e.name)).map((e) => `--${e.name}`);
			return [spi, ...rest].filter(Boolean).join(' ');
		}
	};
}
