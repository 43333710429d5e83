/**
 * Matches that depend on host state nfwalk does not model (bridges, IPsec policies, sockets,
 * cgroups, CPUs, OS fingerprints, BPF programs, realms, clusters, labels, connection counts, rate
 * estimators, IPVS). They never match, and the rule says why: assuming a match would send
 * packets down branches a real host rarely takes.
 */
import type { MatchCompiler } from '../compile-types';
import { neverMatch } from './build';

const WHY: Readonly<Record<string, string>> = {
	physdev: 'the packet did not cross a bridge port (nfwalk models no bridges)',
	policy: 'nfwalk models no IPsec policies',
	socket: 'nfwalk does not look up sockets for this match',
	cgroup: 'nfwalk knows no cgroup of the sender',
	cpu: 'nfwalk does not model which CPU handles the packet',
	osf: 'nfwalk does not fingerprint operating systems',
	bpf: 'nfwalk does not run BPF programs',
	realm: 'nfwalk models no routing realms',
	cluster: 'nfwalk does not hash packets onto cluster nodes',
	connlabel: 'nfwalk models no conntrack labels',
	connlimit: 'nfwalk does not count connections per address',
	rateest: 'nfwalk models no rate estimators',
	ipvs: 'nfwalk models no IPVS virtual services'
};

export const HOST_ONLY: readonly string[] = Object.keys(WHY);

export function hostOnly(name: string): MatchCompiler {
	return () => neverMatch(`-m ${name} never matches in nfwalk: ${WHY[name]}`);
}
