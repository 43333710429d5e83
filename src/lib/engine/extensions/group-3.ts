import type { ExtensionSpec } from './types';
import { addrtype } from './matches/addrtype';
import { ah } from './matches/ah';
import { bpf } from './matches/bpf';
import { cgroup } from './matches/cgroup';
import { cpu } from './matches/cpu';
import { dccp } from './matches/dccp';
import { esp } from './matches/esp';
import { icmp } from './matches/icmp';
import { ipcomp } from './matches/ipcomp';
import { iprange } from './matches/iprange';
import { length } from './matches/length';
import { mac } from './matches/mac';
import { multiport } from './matches/multiport';
import { osf } from './matches/osf';
import { owner } from './matches/owner';
import { physdev } from './matches/physdev';
import { pkttype } from './matches/pkttype';
import { policy } from './matches/policy';
import { realm } from './matches/realm';
import { rpfilter } from './matches/rpfilter';
import { sctp } from './matches/sctp';
import { string } from './matches/string';
import { u32 } from './matches/u32';

/** Extensions registered by work package 3 (see registry.ts): header and metadata matches. */
export const GROUP_3: readonly ExtensionSpec[] = [
	icmp,
	multiport,
	iprange,
	addrtype,
	length,
	pkttype,
	mac,
	ah,
	esp,
	ipcomp,
	dccp,
	sctp,
	u32,
	string,
	bpf,
	realm,
	cpu,
	cgroup,
	osf,
	physdev,
	policy,
	owner,
	rpfilter
];
