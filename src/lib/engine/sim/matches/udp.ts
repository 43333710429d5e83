/** `-m udp`: source and destination ports. */
import { IPPROTO } from '../packet';
import type { MatchCompiler } from '../compile-types';
import { HeaderMatch } from './ports';

export const compileUdp: MatchCompiler = (options) =>
	new HeaderMatch({ proto: IPPROTO.udp, options });
