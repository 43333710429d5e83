/**
 * `--format kernel`: a trace as `xtables-monitor --trace` reports the kernel's, normalised so the
 * two can be diffed line by line (the conformance suite does). Only rule and policy events are
 * kernel events; hooks, conntrack, routing and effects have no line there, and neither has an
 * implicit return at the end of a user chain (nft prints none, §0).
 */
import type { Ruleset } from '../../model';
import type { Step, Trace } from '../trace';

/** NAT targets end their chain with an accept verdict in the kernel, so xtables-monitor says ACCEPT. */
const NAT_TARGETS = new Set(['DNAT', 'SNAT', 'MASQUERADE', 'REDIRECT', 'NETMAP']);

type RuleStep = Extract<Step, { type: 'rule' }>;

/** The VERDICT field as xtables-monitor spells it after normalisation (RETURN for 0xfffffffb, QUEUE for any 0x…0003). */
function kernelVerdict(s: RuleStep): string {
	if (NAT_TARGETS.has(s.target)) return 'ACCEPT';
	switch (s.verdict) {
		case 'REJECT':
			// REJECT sends its error and then returns NF_DROP, which is what the trace event shows (§2.5).
			return 'DROP';
		case 'JUMP':
			return `JUMP:${s.target}`;
		case 'GOTO':
			return `GOTO:${s.target}`;
		default:
			return s.verdict;
	}
}

/**
 * The chains the kernel has: iptables-nft registers only declared built-in chains (§1.3), so a
 * trace that walked any other (the legacy backend has them all) prints nothing for it there.
 */
function declaredChains(ruleset: Ruleset): Set<string> {
	const out = new Set<string>();
	for (const t of ruleset.tables) {
		for (const c of t.chains) if (c.declared) out.add(`${t.name}:${c.name}`);
	}
	return out;
}

/** The kernel lines of one trace, ending with a newline; with `ruleset`, only its declared chains print. */
export function formatKernel(trace: Trace, ruleset?: Ruleset): string {
	const declared = ruleset ? declaredChains(ruleset) : null;
	const lines: string[] = [];
	for (const p of trace.packets) {
		// A packet the host generated but never sent (routing refused it before any hook) leaves
		// no trace id in the kernel at all; a scenario packet always has its heading.
		if (p.cause !== null && !p.steps.some((s) => s.type === 'hook')) continue;
		lines.push(`# packet ${p.id}`);
		for (const s of p.steps) {
			if (s.type !== 'rule' && s.type !== 'policy') continue;
			const chain = `${s.table}:${s.chain}`;
			if (declared && !declared.has(chain)) continue;
			lines.push(
				s.type === 'rule'
					? `${chain}:rule:${s.rule}:${kernelVerdict(s)}`
					: `${chain}:policy:${s.verdict}`
			);
		}
	}
	return lines.length ? lines.join('\n') + '\n' : '';
}
