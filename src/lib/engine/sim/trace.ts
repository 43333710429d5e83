/**
 * The trace: what the engine computed for every packet of a scenario, in order. The UI, the CLI
 * formatters and the conformance suite only read it. Steps are compact (a run of rules that did not
 * match is one step), so a packet through a 5,000-rule chain stays small; the packet as it is at
 * any step can be rebuilt from the packet the trace starts with plus the effects before that step.
 */
import type { Hook, Rule, TableName } from '../model';
import type { CtRef, CtSnapshot, CtState } from './conntrack-types';
import type { Packet } from './packet';
import type { Endpoint } from '../nat/binding';
import type { Manip } from '../nat/range';

/** Where a chain step happened. `rule` is 1-based within the chain, as the kernel holds it. */
export interface ChainPlace {
	hook: Hook;
	table: TableName;
	chain: string;
}

/** How a rule or policy ended (or did not end) its chain. */
export type Verdict =
	| 'ACCEPT'
	| 'DROP'
	/** REJECT: an error packet is generated, then the packet is dropped. */
	| 'REJECT'
	/** Non-terminating target, or no target: the next rule runs. */
	| 'CONTINUE'
	| 'JUMP'
	| 'GOTO'
	| 'RETURN'
	/** NFQUEUE/QUEUE: with no listener dropped, or with --queue-bypass accepted for this table. */
	| 'QUEUE';

/** A change a target or the stack made to the packet or its connection, with before → after. */
export type Effect =
	/** `MARK 0x0 → 0x10`. */
	| { type: 'mark'; before: number; after: number }
	| { type: 'ctmark'; before: number; after: number }
	| { type: 'ttl'; before: number; after: number }
	| { type: 'tos'; before: number; after: number }
	/** CLASSIFY, CHECKSUM, SET …: said in words; `changed` false for a no-op. */
	| { type: 'other'; what: string; changed: boolean }
	/** `-j TCPMSS`: the MSS option lowered or added; adding it makes the packet 4 bytes longer. */
	| {
			type: 'mss';
			what: string;
			before: number | null;
			after: number | null;
			length: { before: number; after: number };
	  }
	/**
	 * NAT. On a NAT rule: the binding it made (the connection's tuple before → after, the packet is
	 * not rewritten yet). As an `effect` step: the packet's rewrite when the nat table is done, by
	 * that binding or, for later packets and replies, by conntrack alone; `inner` for the datagram
	 * an ICMP error quotes.
	 */
	| {
			type: 'nat';
			manip: Manip;
			before: Endpoint;
			after: Endpoint;
			inner?: { before: Endpoint; after: Endpoint };
	  }
	/** `-j ECN`: the TOS byte (ECN bits) and the TCP flags (ECE, CWR) it may both change. */
	| { type: 'ecn'; before: { tos: number; flags: number }; after: { tos: number; flags: number } }
	/** LOG/NFLOG: the line the kernel would log (LOG prints nothing inside a container netns, §2.4). */
	| {
			type: 'log';
			line: string;
			/** Where the line goes and when it is not printed, e.g. `kernel log (level 4) …`. */
			to?: string;
	  };

/** The packet's conntrack as it is at a step: state, direction and the entry then. */
export interface CtView {
	state: CtState;
	dir: CtRef['dir'];
	entry: CtSnapshot | null;
}

/**
 * One thing that happened to a packet, discriminated by `type`. `ct` is the packet's conntrack as
 * it is once the step has happened (absent before the lookup, and when conntrack is off); steps
 * share one view object until the entry changes.
 */
export type Step = StepBody & { ct?: CtView };

export type StepBody =
	/** The packet reaches a hook, e.g. `{ type: 'hook', hook: 'PREROUTING' }`. */
	| { type: 'hook'; hook: Hook }
	/** A table's base chain starts at this hook. */
	| ({ type: 'chain' } & ChainPlace)
	/**
	 * Rules `from`..`to` (1-based, inclusive) of a chain did not match. Which test each one failed
	 * first (0–5 the built-in -p, -s, -d, -i, -o, -f, tested in the kernel's order -s, -d, -i, -o,
	 * -p, -f; 6 + k the k-th `-m` match) is derived on
	 * demand with `failedTestOf`: a rule that failed -p, -s or -d is recomputed from the rule and
	 * the packet, the others are listed in `beyond` as pairs `[rule, test, rule, test, …]`. So a
	 * packet crossing 5,000 kube-proxy rules records two numbers, not 5,000.
	 */
	| ({ type: 'skip'; from: number; to: number; beyond: number[] } & ChainPlace)
	/** Rule `rule` matched; `target` is what it named (a chain for JUMP/GOTO). */
	| ({
			type: 'rule';
			rule: number;
			line: number;
			verdict: Verdict;
			target: string;
			effect?: Effect;
			/** An assumption the engine made, e.g. an extension it does not simulate. */
			note?: string;
	  } & ChainPlace)
	/** The chain's policy decided (fell off the end, or RETURN in a built-in chain). */
	| ({ type: 'policy'; verdict: 'ACCEPT' | 'DROP' } & ChainPlace)
	/** Back from a user chain: `implicit` when it ran off its end (no kernel trace line). */
	| ({ type: 'return'; implicit: boolean; to: string } & ChainPlace)
	/**
	 * Conntrack: lookup at −200 (state known from here on), `bind` when the nat table bound the
	 * connection (a NAT rule, or the null binding when none matched; `text` says which), or
	 * confirm after the last chain.
	 */
	| {
			type: 'conntrack';
			phase: 'lookup' | 'bind' | 'confirm';
			text?: string;
			state: CtState;
			dir: CtRef['dir'];
			entry: CtSnapshot | null;
	  }
	/** The routing decision: `local`, `forward` out of an interface, or `unreachable`. */
	| {
			type: 'route';
			decision: 'local' | 'forward' | 'output' | 'unreachable' | 'blackhole';
			outIface: string | null;
			via: number | null;
			/** The route used, as `ip route` would print it, or why there is none. */
			reason: string;
	  }
	/** A change outside the rules: TTL decrement on forwarding, NAT's rewrite of the packet. */
	| { type: 'effect'; effect: Effect; why: string }
	/** Something the engine assumed or could not simulate, said in words. */
	| { type: 'note'; text: string };

/**
 * The first failing test of rule `position` of a skip step: recorded in `beyond`, or else one of
 * -p/-s/-d recomputed from the rule and the packet's addresses at that step.
 */
export function failedTestOf(
	step: { beyond: number[] },
	position: number,
	rule: Rule,
	packet: Pick<Packet, 'proto' | 'src' | 'dst'>
): number {
	for (let k = 0; k < step.beyond.length; k += 2)
		if (step.beyond[k] === position) return step.beyond[k + 1];
	const addr = (n: Rule['source'], a: number) =>
		!!n && ((a & n.value.mask) >>> 0 === n.value.address) === n.inverted;
	if (addr(rule.source, packet.src)) return 1;
	if (addr(rule.destination, packet.dst)) return 2;
	// Interface failures are recorded; what is left is the protocol.
	return 0;
}

/** How a packet's journey ended. */
export type Fate =
	| { type: 'delivered'; to: string }
	| { type: 'sent'; outIface: string; via: number | null }
	/** Dropped by a rule or a policy (REJECT included: `reason` says what was sent back). */
	| { type: 'dropped'; by: ChainPlace & { rule: number | null }; reason: string }
	/** Queued to NFQUEUE with no listener. */
	| { type: 'stolen'; reason: string }
	/** Discarded outside the rules: no route, TTL expired, forwarding off, sendto failed. */
	| { type: 'discarded'; reason: string };

/** One packet's trace; generated packets have ids like `2.1` and name their cause. */
export interface PacketTrace {
	/** `3` for the third scenario packet, `3.1` for the first packet the host generated while handling it. */
	id: string;
	/** Why the host generated it (`REJECT at filter INPUT rule 4`, `SYN to listening tcp/22`), or null. */
	cause: string | null;
	/** The packet as it entered the first hook. */
	packet: Packet;
	steps: Step[];
	fate: Fate;
}

/** Rule counters after the scenario: packets and bytes per rule and per policy. */
export interface CounterSnapshot {
	table: TableName;
	chain: string;
	/** 1-based; 0 for the policy counter. */
	rule: number;
	packets: number;
	bytes: number;
}

export interface Trace {
	packets: PacketTrace[];
	counters: CounterSnapshot[];
}
