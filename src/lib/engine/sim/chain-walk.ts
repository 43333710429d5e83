/**
 * One table's base chain at one hook, rule by rule, as ip_tables/nft evaluate it (§2.1–§2.4):
 * ACCEPT ends this base chain only (the next table still runs), DROP ends everything, `-j`
 * pushes a return point and `-g` does not, RETURN or the end of a user chain pops back, and with
 * nothing to pop the base chain's policy applies. Non-terminating targets change the packet and
 * the walk goes on.
 */
import type { Hook } from '../model';
import type { TargetEnv } from './compile-types';
import {
	failingAfterAddresses,
	nextInRun,
	packedFailure,
	PACK_MORE,
	type CompiledChain,
	type CompiledRule
} from './compile-rule';
import type { Packet } from './packet';
import type { ChainPlace, Step, Verdict } from './trace';
import { SimBudget } from './budget';

/** How a base chain ended for this packet. */
export type ChainOutcome =
	/** ACCEPT (rule, policy or NFQUEUE bypass): on to the next table at this hook. */
	| { type: 'accept' }
	| { type: 'drop'; place: ChainPlace; rule: number | null }
	| { type: 'reject'; place: ChainPlace; rule: number; rejectWith: string }
	/** NFQUEUE with no listener and no bypass: the packet is gone. */
	| { type: 'queued'; place: ChainPlace; rule: number }
	/** nfwalk gave up: the packet spent the simulation's budget (a loop, or jumps that multiply). */
	| { type: 'aborted'; reason: string };

interface Frame {
	chain: CompiledChain;
	next: number;
}

/** A run of rules that did not match; only failures past -p/-s/-d are recorded (see `skip` in trace.ts). */
class SkipRun {
	from = 0;
	to = 0;
	private beyond: number[] | null = null;

	add(position: number, test: number): void {
		if (this.to === 0) this.from = position;
		this.to = position;
		if (test >= 3) (this.beyond ??= []).push(position, test);
	}

	/** Rules `from`..`to` failed on -p or -d (derivable, so nothing is recorded per rule). */
	addRange(from: number, to: number): void {
		if (this.to === 0) this.from = from;
		this.to = to;
	}

	flush(place: ChainPlace, steps: Step[]): void {
		if (this.to === 0) return;
		steps.push({ type: 'skip', ...place, from: this.from, to: this.to, beyond: this.beyond ?? [] });
		this.to = 0;
		this.beyond = null;
	}
}

function ruleStep(
	place: ChainPlace,
	r: CompiledRule,
	verdict: Verdict,
	target: string
): Extract<Step, { type: 'rule' }> {
	const step: Extract<Step, { type: 'rule' }> = {
		type: 'rule',
		...place,
		rule: r.position,
		line: r.rule.span.line,
		verdict,
		target
	};
	if (r.note) step.note = r.note;
	return step;
}

export function walkBaseChain(
	base: CompiledChain,
	hook: Hook,
	p: Packet,
	env: TargetEnv,
	steps: Step[],
	budget: SimBudget = new SimBudget()
): ChainOutcome {
	const basePlace: ChainPlace = { hook, table: base.table, chain: base.chain.name };
	steps.push({ type: 'chain', ...basePlace });
	const stack: Frame[] = [];
	let chain = base;
	let place = basePlace;
	let i = 0;
	const skip = new SkipRun();
	// Charged at each chain entry: only a jump or goto can make a walk long.
	const enter = (c: CompiledChain): ChainOutcome | null => {
		const reason = budget.enterChain(c.rules.length, steps.length);
		if (!reason) return null;
		skip.flush(place, steps);
		steps.push({ type: 'note', text: reason });
		return { type: 'aborted', reason };
	};
	const overBase = enter(base);
	if (overBase) return overBase;
	const policy = (): ChainOutcome => {
		skip.flush(place, steps);
		base.policyPackets++;
		base.policyBytes += p.length;
		const verdict = base.chain.policy === 'DROP' ? 'DROP' : 'ACCEPT';
		steps.push({ type: 'policy', ...basePlace, verdict });
		return verdict === 'DROP' ? { type: 'drop', place: basePlace, rule: null } : { type: 'accept' };
	};
	const pop = (implicit: boolean): boolean => {
		const frame = stack.pop();
		if (!frame) return false;
		steps.push({ type: 'return', ...place, implicit, to: frame.chain.chain.name });
		chain = frame.chain;
		i = frame.next;
		place = { hook, table: chain.table, chain: chain.chain.name };
		return true;
	};
	for (;;) {
		if (i >= chain.rules.length) {
			skip.flush(place, steps);
			if (!pop(true)) return policy();
			continue;
		}
		// The hot loop: a packet may cross thousands of rules that fail on -p/-s/-d alone.
		const packed = chain.packed;
		const n = packed.flags.length;
		// Int32 views of the addresses, as the packed arrays hold them.
		const proto = p.proto;
		const src = p.src | 0;
		const dst = p.dst | 0;
		let failed = -1;
		for (; i < n; i++) {
			if (packed.runEnd[i] !== 0) {
				const stop = nextInRun(packed, i, dst);
				if (stop > i) {
					skip.addRange(i + 1, stop);
					i = stop;
					if (i >= n) {
						failed = 2;
						break;
					}
				}
			}
			failed = packedFailure(packed, i, proto, src, dst);
			if (failed < 0 && packed.flags[i] & PACK_MORE)
				failed = failingAfterAddresses(chain.rules[i], p, env);
			if (failed < 0) break;
			skip.add(i + 1, failed);
		}
		if (failed >= 0) continue;
		const r = chain.rules[i];
		skip.flush(place, steps);
		r.packets++;
		r.bytes += p.length;
		const a = r.action;
		switch (a.kind) {
			case 'none':
				steps.push(ruleStep(place, r, 'CONTINUE', ''));
				i++;
				continue;
			case 'verdict':
				if (a.verdict === 'RETURN') {
					steps.push(ruleStep(place, r, 'RETURN', 'RETURN'));
					// RETURN in a built-in chain (or after a goto from it) applies the policy.
					if (!pop(false)) return policy();
					continue;
				}
				steps.push(ruleStep(place, r, a.verdict, a.verdict));
				if (a.verdict === 'ACCEPT') return { type: 'accept' };
				if (a.verdict === 'DROP') return { type: 'drop', place, rule: r.position };
				// QUEUE with nobody listening drops the packet.
				return { type: 'queued', place, rule: r.position };
			case 'jump':
			case 'goto': {
				steps.push(ruleStep(place, r, a.kind === 'jump' ? 'JUMP' : 'GOTO', a.name));
				if (!a.chain) {
					// The parser refuses jumps to undefined chains; a trace never gets here.
					i++;
					continue;
				}
				if (a.kind === 'jump') stack.push({ chain, next: i + 1 });
				const over = enter(a.chain);
				if (over) return over;
				chain = a.chain;
				place = { hook, table: chain.table, chain: chain.chain.name };
				i = 0;
				continue;
			}
			case 'extension': {
				const result = a.target.run(p, { ...env, table: chain.table });
				const step = ruleStep(place, r, result.verdict, a.name);
				if (result.effect) step.effect = result.effect;
				if (result.note) step.note = step.note ? `${step.note}; ${result.note}` : result.note;
				steps.push(step);
				switch (result.verdict) {
					case 'CONTINUE':
						i++;
						continue;
					case 'ACCEPT':
						return { type: 'accept' };
					case 'DROP':
						return { type: 'drop', place, rule: r.position };
					case 'REJECT':
						return {
							type: 'reject',
							place,
							rule: r.position,
							rejectWith: result.rejectWith ?? 'icmp-port-unreachable'
						};
					case 'QUEUE':
						// §2.6: with --queue-bypass and no listener the rest of this chain is skipped,
						// as with ACCEPT; without it the packet is dropped.
						return result.bypass ? { type: 'accept' } : { type: 'queued', place, rule: r.position };
					default:
						i++;
						continue;
				}
			}
		}
	}
}
