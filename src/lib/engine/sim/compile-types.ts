/**
 * What a match or target becomes before any packet runs: a function over the packet. Rules are
 * compiled once per scenario, so a packet through a 5,000-rule chain costs one call per rule, not
 * an interpretation of option strings.
 */
import type { Hook, OptionValue, Rule, TableName } from '../model';
import type { CtEntry, CtRef, CtTemplate } from './conntrack-types';
import type { HostModel } from './host-model';
import type { Packet } from './packet';
import type { Effect, Verdict } from './trace';
import type { NatRequest } from '../nat/range';

/** Per-scenario memory of stateful matches, keyed as the kernel keys them. */
export interface SimState {
	/** `-m recent` lists by name: address → hit times (scenario seconds). */
	recent: Map<string, Map<number, number[]>>;
	/** Deterministic random numbers in [0, 1) for `-m statistic --mode random` (seeded by the host). */
	random(): number;
	/** Anything else a compiled match keeps across packets lives in its own closure. */
}

/** What a compiled match may look at besides the packet. */
export interface MatchEnv {
	hook: Hook;
	table: TableName;
	/** The packet's conntrack state; null before the lookup (raw) — where `--ctstate` sees INVALID. */
	ct: CtRef | null;
	host: HostModel;
	state: SimState;
	/**
	 * Seconds until `entry` expires as the conntrack table keeps it (`ConntrackTable.timeLeft`),
	 * for `-m conntrack --ctexpire`. Optional: without it the match estimates from the default
	 * timeouts and `lastSeen`, and says so on the rule.
	 */
	ctTimeLeft?(entry: CtEntry): number;
}

/** A match as compiled: `test` says whether the packet matches. */
export interface CompiledMatch {
	test(p: Packet, env: MatchEnv): boolean;
	/** When the engine cannot simulate the match exactly: the assumption it makes, shown at the rule. */
	note?: string;
}

export type MatchCompiler = (options: readonly OptionValue[], rule: Rule) => CompiledMatch;

/** What a target may do besides changing the packet in place. */
export interface TargetEnv extends MatchEnv {
	/** Marks the packet untracked (`NOTRACK`, `CT --notrack`). */
	setUntracked(): void;
	/**
	 * `-j CT --zone/--helper` in raw: attaches a conntrack template the lookup at −200 uses (its
	 * zone for the lookup, its helper for an entry created there). Optional until the conntrack
	 * code honours it; without it the CT target says it was not simulated.
	 */
	setCtTemplate?(template: CtTemplate): void;
	/**
	 * A NAT target in a nat chain: binds the connection (nf_nat_setup_info) and says what the
	 * binding is. Only a first packet whose binding for this hook's manip is not yet set up gets
	 * here; the packet itself is rewritten when the nat table is done.
	 */
	natBind?(request: NatRequest): TargetResult;
}

/** Result of running a target on a packet. */
export interface TargetResult {
	verdict: Verdict;
	/** What changed, before → after (the packet is changed in place). */
	effect?: Effect;
	note?: string;
	/** REJECT: what error goes back (`icmp-port-unreachable`, `tcp-reset`, …). */
	rejectWith?: string;
	/** NFQUEUE with `--queue-bypass` and no listener: accept for this table instead of dropping. */
	bypass?: boolean;
}

export interface CompiledTarget {
	run(p: Packet, env: TargetEnv): TargetResult;
	note?: string;
}

export type TargetCompiler = (options: readonly OptionValue[], rule: Rule) => CompiledTarget;
