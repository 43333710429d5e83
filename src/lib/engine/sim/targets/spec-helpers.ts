/**
 * Spec helpers for targets: compile the target of a one-rule rule set, and run it on a packet
 * with a throwaway host and an optional conntrack entry, recording what the target asked for.
 */
import { parseRuleset } from '../../index';
import type { Hook, TableName } from '../../model';
import type { CompiledTarget, TargetEnv } from '../compile-types';
import type { CtEntry, CtRef, CtTemplate } from '../conntrack-types';
import type { Host } from '../host';
import { HostModel } from '../host-model';
import { compileTarget } from './index';
import { ctStatus } from '../conntrack-types';

/** The compiled target of `rule` (one `-A …` line) in `table`; throws on a parse error. */
export function targetOf(rule: string, table: TableName = 'mangle'): CompiledTarget {
	const { ruleset, diagnostics } = parseRuleset(`*${table}\n${rule}\nCOMMIT\n`);
	const errors = diagnostics.filter((d) => d.severity === 'error');
	if (errors.length) throw new Error(errors.map((d) => d.message).join('; '));
	const r = ruleset.tables[0].chains.find((c) => c.rules.length)!.rules[0];
	const t = compileTarget(r);
	if (!t) throw new Error(`no compiled target for ${rule}`);
	return t;
}

export function makeHost(overrides: Partial<Host> = {}): Host {
	return {
		interfaces: [{ name: 'eth0', addresses: [{ address: 0x0a000101, prefix: 24 }] }],
		routes: [],
		policyRules: [],
		forwarding: true,
		listening: [],
		ipsets: [],
		backend: 'nft',
		tcpLoose: true,
		statisticSeed: 1,
		clockStart: 0,
		...overrides
	};
}

/** A confirmed, established entry for the default test flow, with `mark` as its ctmark. */
export function makeEntry(mark = 0): CtEntry {
	const orig = { proto: 6, src: 0x0a000102, dst: 0x0a000202, sport: 40000, dport: 80 };
	return {
		id: 1,
		orig,
		reply: { proto: 6, src: orig.dst, dst: orig.src, sport: orig.dport, dport: orig.sport },
		status: ctStatus({ seenReply: true, assured: true, confirmed: true }),
		tcpState: 'ESTABLISHED',
		mark,
		zone: 0,
		helper: null,
		packets: [1, 1],
		bytes: [60, 60],
		lastSeen: 0
	};
}

export function ctRef(entry: CtEntry | null, state: CtRef['state'] = 'ESTABLISHED'): CtRef {
	return { entry, dir: 'ORIGINAL', state, master: null };
}

/** An env plus what the target asked the engine for. */
export interface SpecEnv extends TargetEnv {
	untracked: boolean;
	template: CtTemplate | null;
}

export function makeEnv(
	opts: { ct?: CtRef | null; hook?: Hook; table?: TableName; host?: Host } = {}
): SpecEnv {
	const env: SpecEnv = {
		hook: opts.hook ?? 'PREROUTING',
		table: opts.table ?? 'mangle',
		ct: opts.ct ?? null,
		host: new HostModel(opts.host ?? makeHost()),
		state: { recent: new Map(), random: () => 0 },
		untracked: false,
		template: null,
		setUntracked: () => {
			env.untracked = true;
		},
		setCtTemplate: (t) => {
			env.template = t;
		}
	};
	return env;
}
