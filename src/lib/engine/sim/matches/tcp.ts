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
		// Simulated segments carry no TCP options, so the option is never found.
		tcpOption,
		note: tcpOption
			? `nfwalk's packets carry no TCP options: --tcp-option ${tcpOption.value as number} is never present`
			: undefined
	});
};
