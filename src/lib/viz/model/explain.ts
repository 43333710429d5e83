/**
 * One or two sentences per frame in plain words, naming the netfilter trap where one applies
 * ("ACCEPT ends only this table's chain", "a reply is translated by conntrack; the nat table is
 * not consulted"). Read off the trace; nothing is evaluated here.
 */
import { describeEffect, describeFate, describeHeaders } from '../../engine/sim/format/describe';
import type { PacketTrace, Step } from '../../engine/sim/trace';
import type { Frame } from './frames';

const STATE_WORDS: Record<string, string> = {
	NEW: 'the first packet of a connection conntrack has not seen (the entry is not in the table until the packet passes its last chain)',
	ESTABLISHED: 'part of a connection conntrack already knows',
	RELATED: 'related to a known connection (an ICMP error about it, or a helper’s expected flow)',
	INVALID: 'not part of any connection conntrack can track: no entry, so nat is skipped',
	UNTRACKED: 'untracked (NOTRACK in raw): no entry, no NAT'
};

function ruleSentence(s: Extract<Step, { type: 'rule' }>): string {
	const where = `Rule ${s.rule} of ${s.table} ${s.chain} matches`;
	const nat = s.effect?.type === 'nat';
	switch (s.verdict) {
		case 'ACCEPT':
			return nat
				? `${where}: ${s.target} binds the connection (${describeEffect(s.effect!)}) and ends the nat table; only a connection's first packet ever gets here.`
				: `${where}: ACCEPT ends this table's chain only — the next table at this hook still runs.`;
		case 'DROP':
			return `${where}: DROP. The packet is gone; nothing is sent back.`;
		case 'REJECT':
			return `${where}: REJECT sends an error back to the sender, then drops the packet.`;
		case 'JUMP':
			return `${where}: jump to ${s.target}; a RETURN (or its end) comes back here.`;
		case 'GOTO':
			return `${where}: goto ${s.target}; its end returns to this chain's caller, not here.`;
		case 'RETURN':
			return `${where}: RETURN goes back to the calling chain (in a built-in chain, the policy decides).`;
		case 'QUEUE':
			return `${where}: NFQUEUE hands the packet to a user-space program.`;
		case 'CONTINUE':
			return s.effect
				? `${where}: ${s.target} changes the packet (${describeEffect(s.effect)}) and the next rule runs.`
				: `${where}: ${s.target || 'no target'} decides nothing, so the next rule runs.`;
	}
}

function stepSentence(s: Step): string {
	switch (s.type) {
		case 'hook':
			return `The packet reaches the ${s.hook} hook.`;
		case 'chain':
			return `The ${s.table} table's ${s.chain} chain starts.`;
		case 'skip':
			return s.from === s.to
				? `Rule ${s.from} of ${s.table} ${s.chain} does not match.`
				: `Rules ${s.from}–${s.to} of ${s.table} ${s.chain} do not match.`;
		case 'rule':
			return ruleSentence(s);
		case 'policy':
			return `No rule decided: the policy of ${s.table} ${s.chain} is ${s.verdict}.`;
		case 'return':
			return s.implicit
				? `The end of ${s.chain} is reached: back to ${s.to}.`
				: `Back from ${s.chain} to ${s.to}.`;
		case 'conntrack':
			if (s.phase === 'lookup')
				return `Conntrack looks the packet up: ${s.state}, ${STATE_WORDS[s.state] ?? s.state}.`;
			if (s.phase === 'bind') return `Conntrack records the NAT binding: ${s.text ?? ''}.`;
			return 'Conntrack confirms the entry: from now on it is in the table.';
		case 'route':
			return `Routing: ${s.decision === 'local' ? 'for this host' : s.decision === 'forward' ? `forward out ${s.outIface}` : s.decision === 'output' ? `out ${s.outIface}` : s.decision} (${s.reason}).`;
		case 'effect':
			return `${describeEffect(s.effect)}: ${s.why}.`;
		case 'note':
			return s.text;
	}
}

/** The explanation of `frame`. */
export function explainFrame(p: PacketTrace, frame: Frame): string {
	if (frame.step < 0) {
		const where = p.packet.inIface ? `arrives on ${p.packet.inIface}` : 'is sent by the host';
		const cause = p.cause ? ` The host generated it: ${p.cause}.` : '';
		return `Packet ${p.id} ${where}: ${describeHeaders(p.packet)}.${cause}`;
	}
	if (frame.step >= p.steps.length) return `Packet ${p.id} is ${describeFate(p.fate)}.`;
	return stepSentence(p.steps[frame.step]);
}
