/**
 * The nat slot of a hook (§1.4, §4.1): NAT's core hook at −100 in PREROUTING/OUTPUT and +100 in
 * INPUT/POSTROUTING (nf_nat_ipv4_fn, nf_nat_inet_fn). For a connection's first packet whose
 * binding for this hook's manip is not set up, the nat chain runs; if no NAT rule bound it, the
 * null binding does (which still moves a clashing source port, §4.8). Then every packet of a bound
 * connection — first, later, replies, and ICMP errors about it — is rewritten from the entry
 * alone, with no rule consulted.
 */
import type { Hook } from '../model';
import { natDone, setupBinding, translateIcmpError, translatePacket } from '../nat/binding';
import { manipOf } from '../nat/resolve';
import { nullRange, type Manip } from '../nat/range';
import type { CtEntry, CtRef } from './conntrack-types';
import type { TupleOracle } from '../nat/unique-tuple';
import { isIcmpErrorPacket } from './conntrack/tuple';
import type { Packet } from './packet';
import type { Step } from './trace';
import { describeEnds } from './format/describe';

function why(dir: CtRef['dir'], manip: Manip, hook: Hook, bound: boolean): string {
	const where =
		manip === 'DST' ? `${hook} −100, before routing` : `${hook} +100, after the last chain`;
	if (dir === 'REPLY') {
		return manip === 'DST'
			? `reply of a SNATed connection: conntrack restores the destination (de-SNAT at ${where}); the nat table is not consulted`
			: `reply of a DNATed connection: conntrack restores the source (de-DNAT at ${where}); the nat table is not consulted`;
	}
	return bound
		? `the connection's ${manip === 'DST' ? 'DNAT' : 'SNAT'} binding rewrites the ${manip === 'DST' ? 'destination' : 'source'} (${where})`
		: `conntrack rewrites the ${manip === 'DST' ? 'destination' : 'source'} by the connection's ${manip === 'DST' ? 'DNAT' : 'SNAT'} binding (${where}); the nat table is not consulted`;
}

/** One nat slot. When the nat chain ends the packet, `runChain` says so and the caller keeps its outcome. */
export function natSlot(
	hook: Hook,
	x: {
		p: Packet;
		/** The packet's conntrack; the slot does nothing without an entry (INVALID, UNTRACKED). */
		ct: CtRef | null;
		untracked: boolean;
		steps: Step[];
		oracle(entry: CtEntry): TupleOracle;
		/** Records the entry as the binding left it, with what happened in words. */
		bindStep(entry: CtEntry, text: string): void;
		/** Runs the hook's nat chain, if it exists, with NAT targets able to bind; true if it ended the packet. */
		runChain(): boolean;
	}
): void {
	const { p, ct, steps } = x;
	const entry = ct?.entry;
	if (!ct || !entry || x.untracked) return;
	const manip = manipOf(hook);
	if (ct.state === 'RELATED' && isIcmpErrorPacket(p)) {
		const r = translateIcmpError(p, entry, ct.dir, manip);
		if (r) {
			steps.push({
				type: 'effect',
				effect: { type: 'nat', manip, before: r.before, after: r.after, inner: r.inner },
				why: 'ICMP error about a translated connection: conntrack rewrites the error and the datagram it quotes; the nat table is not consulted'
			});
		}
		return;
	}
	// IP_CT_NEW (an original-direction packet before any reply) and RELATED take the chain while
	// the manip is unbound: a connection's first packet, in practice.
	const first = ct.state === 'RELATED' || (ct.state === 'NEW' && ct.dir === 'ORIGINAL');
	let boundNow = false;
	if (first && !natDone(entry, manip)) {
		if (x.runChain()) return;
		boundNow = natDone(entry, manip);
		if (!boundNow) {
			const addr = manip === 'SRC' ? entry.reply.dst : entry.reply.src;
			const { before, after } = setupBinding(entry, nullRange(addr), manip, x.oracle(entry));
			if (before.sport !== after.sport || before.dport !== after.dport) {
				x.bindStep(
					entry,
					`null binding: no NAT rule matched, but ${describeEnds(before)} would clash with an existing connection's reply, so the ${manip === 'SRC' ? 'source port' : 'destination port'} is remapped (§4.8)`
				);
				boundNow = true;
			}
		}
	}
	const r = translatePacket(p, entry, ct.dir, manip);
	if (r) {
		steps.push({
			type: 'effect',
			effect: { type: 'nat', manip, before: r.before, after: r.after },
			why: why(ct.dir, manip, hook, boundNow)
		});
	}
}
