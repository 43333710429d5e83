/**
 * Target extensions compiled for the engine: one simulator per `-j NAME`, found in one table.
 * Verdicts (`-j ACCEPT`, `-j QUEUE` …) and chain targets are the chain walk's own business.
 */
import type { Rule } from '../../model';
import type { CompiledTarget, TargetCompiler } from '../compile-types';
import { compileClassify } from './classify';
import { compileConnmark } from './connmark';
import { compileCt } from './ct';
import { compileDescribed, DESCRIBED_TARGETS } from './described';
import { compileDscp } from './dscp';
import { compileEcn } from './ecn';
import { compileLog } from './log';
import { compileMark } from './mark';
import { compileNat } from './nat';
import { compileNflog } from './nflog';
import { compileNfqueue } from './nfqueue';
import { compileNotrack } from './notrack';
import { compileReject } from './reject';
import { compileSet } from './set';
import { compileSynproxy } from './synproxy';
import { compileTcpmss } from './tcpmss';
import { compileTos } from './tos';
import { compileTproxy } from './tproxy';
import { compileTrace } from './trace-target';
import { compileTtl } from './ttl';

const TARGETS: Readonly<Record<string, TargetCompiler>> = {
	MARK: compileMark,
	CONNMARK: compileConnmark,
	TTL: compileTtl,
	TOS: compileTos,
	DSCP: compileDscp,
	ECN: compileEcn,
	CLASSIFY: compileClassify,
	LOG: compileLog,
	NFLOG: compileNflog,
	TRACE: compileTrace,
	NOTRACK: compileNotrack,
	CT: compileCt,
	SET: compileSet,
	REJECT: compileReject,
	NFQUEUE: compileNfqueue,
	SYNPROXY: compileSynproxy,
	TPROXY: compileTproxy,
	TCPMSS: compileTcpmss,
	DNAT: compileNat,
	SNAT: compileNat,
	MASQUERADE: compileNat,
	REDIRECT: compileNat,
	NETMAP: compileNat,
	...Object.fromEntries(DESCRIBED_TARGETS.map((name) => [name, compileDescribed(name)]))
};

/** An extension nfwalk has no simulator for: assumed to continue, and said so at the rule. */
function unsimulated(name: string): CompiledTarget {
	return {
		note: `nfwalk does not simulate -j ${name} and assumed it continues`,
		run: () => ({ verdict: 'CONTINUE' })
	};
}

/** The compiled target of an extension rule (`-j MARK …`); null for verdicts, chains and no target. */
export function compileTarget(rule: Rule): CompiledTarget | null {
	const t = rule.target;
	if (t?.type !== 'extension') return null;
	const compile = Object.hasOwn(TARGETS, t.name) ? TARGETS[t.name] : undefined;
	return compile ? compile(t.options, rule) : unsimulated(t.name);
}

/** Names with a simulator (described-only targets included), for docs and tests. */
export const SIMULATED_TARGETS: readonly string[] = Object.keys(TARGETS);
