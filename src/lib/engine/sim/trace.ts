/**
 * The trace: what the engine computed for every packet of a scenario, in order. The UI, the CLI
 * formatters and the conformance suite only read it. Steps are compact (a run of rules that did not
 * match is one step), so a packet through a 5,000-rule chain stays small; the packet as it is at
 * any step can be rebuilt from the packet the trace starts with plus the effects before that step.
 */
import type { Hook, TableName } from '../model';
import type { CtRef, CtSnapshot, CtState } from './conntrack-types';
import type { Packet } from './packet';

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
	/** CLASSIFY, TCPMSS, CHECKSUM, SET …: said in words; `changed` false for a no-op. */
	| { type: 'other'; what: string; changed: boolean }
	/** LOG/NFLOG: the line the kernel would log (LOG prints nothing inside a container netns, §2.4). */
	| { type: 'log'; line: string };

/** One thing that happened to a packet. Discriminated by `type`. */
export type Step =
	/** The packet reaches a hook, e.g. `{ type: 'hook', hook: 'PREROUTING' }`. */
	| { type: 'hook'; hook: Hook }
	/** A table's base chain starts at this hook. */
	| ({ type: 'chain' } & ChainPlace)
	/**
	 * Rules `from`..`to` (1-based, inclusive) of a chain did not match. `failed[i]` is the index of
	 * the first failing test of rule `from + i`: 0–5 the built-in tests (-p, -s, -d, -i, -o, -f in
	 * that order), 6 + k the k-th `-m` match.
	 */
	| ({ type: 'skip'; from: number; to: number; failed: number[] } & ChainPlace)
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
	/** Conntrack: lookup at −200 (state known from here on) or confirm after the last chain. */
	| {
			type: 'conntrack';
			phase: 'lookup' | 'confirm';
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
	/** A change outside the rules: TTL decrement on forwarding, reroute after mangle OUTPUT. */
	| { type: 'effect'; effect: Effect; why: string }
	/** Something the engine assumed or could not simulate, said in words. */
	| { type: 'note'; text: string };

/** How a packet's journey ended. */
export type Fate =
	| { type: 'delivered'; to: string }
	| { type: 'sent'; outIface: string; via: number | null }
	| { type: 'dropped'; by: ChainPlace & { rule: number | null }; reason: string }
	| { type: 'stolen'; reason: string };

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
