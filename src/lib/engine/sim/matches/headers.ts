/**
 * Matches on header fields beyond addresses and ports: the TCP MSS option (modelled), and IPsec
 * SPIs, SCTP chunks, DCCP types and options (not carried: an assumption shown on the rule).
 */
import type { MatchCompiler } from '../compile-types';
import { assumeMatch, opt } from './build';
import { HeaderMatch } from './ports';

const spi =
	(name: string, option: string, what: string): MatchCompiler =>
	(options) =>
		opt(options, option)
			? assumeMatch(`nfwalk's packets carry no ${what}: -m ${name} --${option} assumed to match`)
			: { test: () => true };

export const compileAh = spi('ah', 'ahspi', 'AH SPI');
export const compileEsp = spi('esp', 'espspi', 'ESP SPI');
export const compileIpcomp = spi('ipcomp', 'ipcompspi', 'IPComp CPI');

export const compileTcpmss: MatchCompiler = (options) => {
	const o = opt(options, 'mss');
	const inv = o?.inverted ?? false;
	const r = (o?.value as { from: number; to: number } | undefined) ?? { from: 0, to: 65535 };
	// tcpmss_mt: a segment without an MSS option gives `invert`; one with it, whether it is in range.
	return {
		test: (p) =>
			p.proto === 6 && (p.mss === null ? inv : (p.mss >= r.from && p.mss <= r.to) !== inv)
	};
};

export const compileSctp: MatchCompiler = (options) =>
	new HeaderMatch({
		proto: 132,
		options,
		note: opt(options, 'chunk-types')
			? "nfwalk's packets carry no SCTP chunks: --chunk-types assumed to match"
			: undefined
	});

export const compileDccp: MatchCompiler = (options) =>
	new HeaderMatch({
		proto: 33,
		options,
		note:
			opt(options, 'dccp-types') || opt(options, 'dccp-option')
				? "nfwalk's packets carry no DCCP type or options: --dccp-types/--dccp-option assumed to match"
				: undefined
	});
