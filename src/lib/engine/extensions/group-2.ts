import type { ExtensionSpec } from './types';
import { dscp } from './matches/dscp';
import { ecn } from './matches/ecn';
import { mark } from './matches/mark';
import { tcpmss } from './matches/tcpmss';
import { tos } from './matches/tos';
import { ttl } from './matches/ttl';
import { audit } from './targets/audit';
import { checksum } from './targets/checksum';
import { classify } from './targets/classify';
import { connsecmark } from './targets/connsecmark';
import { dscpTarget } from './targets/dscp';
import { ecnTarget } from './targets/ecn';
import { log } from './targets/log';
import { markTarget } from './targets/mark';
import { nflog } from './targets/nflog';
import { nfqueue } from './targets/nfqueue';
import { reject } from './targets/reject';
import { secmark } from './targets/secmark';
import { tcpmssTarget } from './targets/tcpmss';
import { tcpoptstrip } from './targets/tcpoptstrip';
import { tosTarget } from './targets/tos';
import { ttlTarget } from './targets/ttl';

/** Extensions registered by work package 2 (see registry.ts): logging, verdict-like and packet-mangling ones. */
export const GROUP_2: readonly ExtensionSpec[] = [
	mark,
	tos,
	dscp,
	ttl,
	ecn,
	tcpmss,
	log,
	nflog,
	nfqueue,
	reject,
	markTarget,
	tosTarget,
	dscpTarget,
	ttlTarget,
	ecnTarget,
	classify,
	checksum,
	tcpmssTarget,
	tcpoptstrip,
	audit,
	secmark,
	connsecmark
];
