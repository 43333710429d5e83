/** `-m tcp`: ports, flags (`--syn` arrives as `tcp-flags`) and `--tcp-option`. */
import { IPPROTO } from '../packet';
import type { MatchCompiler } from '../compile-types';
import { opt } from './build';
import { HeaderMatch } from './ports';

export const compileTcp: MatchCompiler = (options) => {
	const tcpOption = opt(options, 'tcp-option');
	return new HeaderMatch({
		proto: IPPROTO.tcp,
		options,
		flags: opt(options, 'tcp-flags'),
		tcpOption,
		// The MSS option is modelled; other kinds are never present on nfwalk's segments.
		note:
			tcpOption && tcpOption.value !== 2
				? `nfwalk's packets carry no TCP option but MSS: --tcp-option ${tcpOption.value as number} is never present`
				: undefined
	});
};
