import type { ExtensionSpec } from './types';
import { dnat } from './targets/dnat';
import { snat } from './targets/snat';
import { masquerade } from './targets/masquerade';
import { redirect } from './targets/redirect';
import { netmap } from './targets/netmap';
import { clusterip } from './targets/clusterip';
import { ct } from './targets/ct';
import { notrack } from './targets/notrack';
import { trace } from './targets/trace';
import { synproxy } from './targets/synproxy';
import { tproxy } from './targets/tproxy';
import { connmarkTarget } from './targets/connmark';
import { conntrack } from './matches/conntrack';
import { state } from './matches/state';
import { connmark } from './matches/connmark';
import { connbytes } from './matches/connbytes';
import { connlimit } from './matches/connlimit';
import { connlabel } from './matches/connlabel';
import { helper } from './matches/helper';
import { cluster } from './matches/cluster-match';
import { socket } from './matches/socket';

/** Extensions registered by work package 1 (see registry.ts): NAT and connection tracking. */
export const GROUP_1: readonly ExtensionSpec[] = [
	dnat,
	snat,
	masquerade,
	redirect,
	netmap,
	clusterip,
	ct,
	notrack,
	trace,
	synproxy,
	tproxy,
	connmarkTarget,
	conntrack,
	state,
	connmark,
	connbytes,
	connlimit,
	connlabel,
	helper,
	cluster,
	socket
];
