/**
 * `-m NAME` matches compiled once per rule: one compiler per extension, registered in one table.
 * The built-in -p/-s/-d/-i/-o/-f tests are not here: `compile-rule.ts` checks them inline.
 */
import type { MatchCall, Rule } from '../../model';
import type { HostModel } from '../host-model';
import type { CompiledMatch, MatchCompiler } from '../compile-types';
import { assumeMatch } from './build';
import { compileAddrtype } from './addrtype';
import { compileComment } from './comment';
import { compileConnbytes, compileHelper } from './conn-extra';
import { compileConnlimit } from './connlimit';
import { compileConntrack, compileState } from './conntrack';
import { compileHashlimit } from './hashlimit';
import {
	compileAh,
	compileDccp,
	compileEsp,
	compileIpcomp,
	compileSctp,
	compileTcpmss
} from './headers';
import { HOST_ONLY, hostOnly } from './host-only';
import { compileIcmp } from './icmp';
import { compileIprange } from './iprange';
import { compileLength } from './length';
import { compileLimit } from './limit';
import { compileMac } from './mac';
import { compileConnmark, compileMark } from './mark';
import { compileMultiport } from './multiport';
import { compileOwner } from './owner';
import { compilePkttype } from './pkttype';
import { compileQuota } from './quota';
import { compileRecent } from './recent';
import { compileRpfilter } from './rpfilter';
import { compileSet } from './set';
import { compileStatistic } from './statistic';
import { compileString } from './string';
import { compileTcp } from './tcp';
import { compileTime } from './time';
import { compileDscp, compileEcn, compileTos } from './tos';
import { compileTtl } from './ttl';
import { compileU32 } from './u32';
import { compileUdp } from './udp';

/** Every simulated match by the name `-m` loads it under. */
const COMPILERS: ReadonlyMap<string, MatchCompiler> = new Map<string, MatchCompiler>([
	['tcp', compileTcp],
	['udp', compileUdp],
	['icmp', compileIcmp],
	['multiport', compileMultiport],
	['comment', compileComment],
	['conntrack', compileConntrack],
	['state', compileState],
	['mark', compileMark],
	['connmark', compileConnmark],
	['limit', compileLimit],
	['recent', compileRecent],
	['addrtype', compileAddrtype],
	['iprange', compileIprange],
	['mac', compileMac],
	['length', compileLength],
	['ttl', compileTtl],
	['tos', compileTos],
	['dscp', compileDscp],
	['ecn', compileEcn],
	['pkttype', compilePkttype],
	['owner', compileOwner],
	['string', compileString],
	['set', (options) => compileSet(options)],
	['statistic', compileStatistic],
	['hashlimit', compileHashlimit],
	['time', compileTime],
	['nfacct', compileComment],
	['helper', compileHelper],
	['tcpmss', compileTcpmss],
	['ah', compileAh],
	['esp', compileEsp],
	['ipcomp', compileIpcomp],
	['sctp', compileSctp],
	['dccp', compileDccp],
	['quota', compileQuota],
	['connbytes', compileConnbytes],
	['connlimit', compileConnlimit],
	['rpfilter', compileRpfilter],
	['u32', compileU32],
	...HOST_ONLY.map((n): [string, MatchCompiler] => [n, hostOnly(n)])
]);

/**
 * Compiles one match. `host`, when given, lets host-dependent matches (`-m set`) resolve at
 * compile time and put a note on the rule (a missing ipset); without it they resolve at the first
 * packet.
 */
export function compileMatch(call: MatchCall, rule: Rule, host?: HostModel): CompiledMatch {
	if (call.known && call.name === 'set') return compileSet(call.options, host);
	const compiler = call.known ? COMPILERS.get(call.name) : undefined;
	return compiler
		? compiler(call.options, rule)
		: assumeMatch(`nfwalk does not simulate -m ${call.name}: assumed to match`);
}

/** Names with a simulator (for docs and the registry cross-check spec). */
export const SIMULATED_MATCHES: readonly string[] = [...COMPILERS.keys()];
