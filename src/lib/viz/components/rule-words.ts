/**
 * A rule row in words: matched (what it did: its verdict, or the change a non-terminating target
 * made, "MARK: mark 0x0 → 0x10"), not matched (the first test that failed, as written, and what
 * the packet had instead: "--dport 22 (dport is 443)"), or not reached.
 */
import type { Rule } from '../../engine/model';
import { protocolName } from '../../engine/parse/protocols';
import { formatIPv4, hex } from '../../engine/parse/values';
import { describeEffect } from '../../engine/sim/format/describe';
import { failedTest } from '../../engine/sim/format/why-not';
import type { Packet } from '../../engine/sim/packet';
import { failedTestOf, type PacketTrace } from '../../engine/sim/trace';
import { packetAt } from '../model/packet-at';
import type { RuleResult } from './chain-rows';

export type RuleStatus = 'matched' | 'unmatched' | 'unreached';

export interface RuleWords {
	status: RuleStatus;
	/** A symbol for the status, so colour is never the only sign: ✓, ✗ or ·. */
	symbol: string;
	detail: string | null;
}

const SYMBOL: Record<RuleStatus, string> = { matched: '✓', unmatched: '✗', unreached: '·' };

/** What the packet had where a test failed, e.g. `src is 10.0.2.2`; null when not simple. */
function actual(index: number, test: string, p: Packet, state: string | undefined): string | null {
	switch (index) {
		case 0:
			return `packet is ${protocolName(p.proto)}`;
		case 1:
			return `src is ${formatIPv4(p.src)}`;
		case 2:
			return `dst is ${formatIPv4(p.dst)}`;
		case 3:
			return `in is ${p.inIface ?? 'none'}`;
		case 4:
			return `out is ${p.outIface ?? 'none'}`;
		case 5:
			return 'not a later fragment';
	}
	if (/--(dport|destination-port|dports)\b/.test(test)) return `dport is ${p.dport}`;
	if (/--(sport|source-port|sports)\b/.test(test)) return `sport is ${p.sport}`;
	if (/--(ctstate|state)\b/.test(test) && state) return `state is ${state}`;
	if (/-m mark\b/.test(test)) return `mark is ${hex(p.mark)}`;
	if (/--icmp-type\b/.test(test)) return `type ${p.icmpType} code ${p.icmpCode}`;
	return null;
}

function matchedWords(r: Extract<RuleResult, { status: 'matched' }>): string {
	const s = r.rule;
	const note = s.note ? ` (${s.note})` : '';
	if (s.effect) return `${s.target}: ${describeEffect(s.effect)}${note}`;
	if (s.verdict === 'JUMP' || s.verdict === 'GOTO') return `→ ${s.verdict} ${s.target}${note}`;
	if (s.verdict === 'CONTINUE') return `→ ${s.target || 'no target'}, next rule${note}`;
	return `→ ${s.verdict}${s.target && s.target !== s.verdict ? ` (${s.target})` : ''}${note}`;
}

/**
 * The words for rule `rule` at `position` with its result; `packetAt` gives the packet as it was
 * at a step (the why-not needs its addresses then), `lines` the rule set's source lines.
 */
export function ruleWords(
	rule: Rule,
	position: number,
	result: RuleResult | null,
	trace: PacketTrace,
	packetAt: (step: number) => Packet,
	lines: readonly string[]
): RuleWords {
	if (!result) return { status: 'unreached', symbol: SYMBOL.unreached, detail: null };
	if (result.status === 'matched')
		return { status: 'matched', symbol: SYMBOL.matched, detail: matchedWords(result) };
	const p = packetAt(result.step);
	const index = failedTestOf(result.skip, position, rule, p);
	const test = failedTest(rule, index, lines);
	const state = trace.steps[result.step]?.ct?.state;
	const had = test ? actual(index, test, p, state) : null;
	const detail = test ? `${had ? `${had} — ` : ''}fails ${test}` : 'does not match';
	return { status: 'unmatched', symbol: SYMBOL.unmatched, detail };
}

/** The packet at any step of one trace, each rebuilt once (the why-not of many rows asks often). */
export function packetsOf(p: PacketTrace): (step: number) => Packet {
	const cache = new Map<number, Packet>();
	return (step) => {
		let packet = cache.get(step);
		if (!packet) cache.set(step, (packet = packetAt(p, step)));
		return packet;
	};
}
