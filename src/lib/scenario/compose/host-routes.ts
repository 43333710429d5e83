/**
 * The composer's questions to the host: where does a packet to this address leave (so where its
 * reply comes in), and which source would the host pick. Answered by the engine's own HostModel, so
 * the composer and the walk agree on every route.
 */
import { formatIPv4, parseIPv4 } from '../../engine/parse/values';
import { HostModel } from '../../engine/sim/host-model';
import { parseScenario } from '../parse-scenario';
import type { HostJson } from '../scenario';

/** The host as the engine sees it, or null while the host has errors (the form shows them). */
export function hostModelOf(host: HostJson): HostModel | null {
	const text = JSON.stringify({ nfwalk: 1, host, rules: '', packets: [] });
	const parsed = parseScenario(text).host;
	return parsed ? new HostModel(parsed) : null;
}

/** Where a packet to `dst` goes: `local` when the host owns it, else the interface and source. */
export type Exit =
	| { type: 'local'; src: string }
	| { type: 'out'; iface: string; src: string | null }
	| { type: 'none' };

/** The exit the host's routes give a packet to `dst` (with `mark` for policy routing). */
export function exitFor(model: HostModel, dst: string, mark = 0): Exit {
	const address = parseIPv4(dst);
	if (address === null) return { type: 'none' };
	const route = model.route(address, mark);
	if (!route) return { type: 'none' };
	const src = route.src === null ? null : formatIPv4(route.src);
	if (route.kind === 'local') return { type: 'local', src: src ?? dst };
	return { type: 'out', iface: route.iface, src };
}
