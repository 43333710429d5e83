/** `-m tos`, `-m dscp`, `-m ecn`: fields of the TOS byte (DSCP << 2 | ECN) and TCP's ECE/CWR. */
import type { TosMask } from '../../extensions/mangle-values';
import { TCP_FLAG } from '../packet';
import type { MatchCompiler } from '../compile-types';
import { allOf, opt, type Test } from './build';

export const compileTos: MatchCompiler = (options) => {
	const o = opt(options, 'tos');
	if (!o) return { test: () => true };
	const { value, mask } = o.value as TosMask;
	const inv = o.inverted;
	return { test: (p) => ((p.tos & mask) === value) !== inv };
};

export const compileDscp: MatchCompiler = (options) => {
	const o = opt(options, 'dscp');
	if (!o) return { test: () => true };
	const v = o.value as number;
	const inv = o.inverted;
	return { test: (p) => (p.tos >> 2 === v) !== inv };
};

export const compileEcn: MatchCompiler = (options) => {
	const tests: Test[] = [];
	const ect = opt(options, 'ecn-ip-ect');
	if (ect) {
		const v = ect.value as number;
		const inv = ect.inverted;
		tests.push((p) => ((p.tos & 3) === v) !== inv);
	}
	for (const [name, bit] of [
		['ecn-tcp-ece', TCP_FLAG.ECE],
		['ecn-tcp-cwr', TCP_FLAG.CWR]
	] as const) {
		const o = opt(options, name);
		if (!o) continue;
		const inv = o.inverted;
		// ecn_mt reads the TCP header only for TCP packets; others fail the TCP tests.
		tests.push((p) => p.proto === 6 && ((p.flags & bit) !== 0) !== inv);
	}
	return allOf(tests);
};
