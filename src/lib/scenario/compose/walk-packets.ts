/**
 * Walks a host, a parsed rule set and packets at once, for the composer: a preset asks where its
 * first packet goes before it writes the answers (through NAT the answer comes from elsewhere).
 */
import type { Ruleset } from '../../engine/model';
import { simulate } from '../../engine/sim/simulate';
import type { Trace } from '../../engine/sim/trace';
import { parseScenario } from '../parse-scenario';
import type { HostJson, PacketJson } from '../scenario';

/** The trace of `packets` on `host` under `ruleset`, or null when the host or a packet has errors. */
export function walkPackets(host: HostJson, ruleset: Ruleset, packets: PacketJson[]): Trace | null {
	const parsed = parseScenario(JSON.stringify({ nfwalk: 1, host, rules: '', packets }));
	if (!parsed.host || parsed.diagnostics.some((d) => d.severity === 'error')) return null;
	return simulate(parsed.host, ruleset, parsed.packets);
}
