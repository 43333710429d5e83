import { flag, unsigned } from '../define';
import type { Hook, Rule } from '../../model';
import { lastOf, requireOne } from '../mangle-values';
import type { TcpFlags } from '../matches/tcp';
import type { ExtensionSpec } from '../types';

const SYN = 0x02;
/** Clamping needs the route's MTU, so the kernel allows it only after routing. */
const CLAMP_HOOKS: readonly Hook[] = ['FORWARD', 'OUTPUT', 'POSTROUTING'];
const ACTIONS = ['set-mss', 'clamp-mss-to-pmtu'];

/** What the legacy kernel looks for: a `-m tcp` whose flag comparison wants SYN set, not inverted. */
function hasSynMatch(rule: Rule): boolean {
	return rule.matches.some(
		(m) =>
			m.name === 'tcp' &&
			m.options.some(
				(o) =>
					(o.name === 'tcp-flags' || o.name === 'syn') &&
					!o.inverted &&
					((o.value as TcpFlags).comp & SYN) !== 0
			)
	);
}

/** `-j TCPMSS`: rewrites the MSS option of TCP SYN packets, e.g. clamps it to the path MTU. */
export const tcpmssTarget: ExtensionSpec = {
	name: 'TCPMSS',
	kind: 'target',
	summary: 'set or clamp the MSS option of TCP SYN packets',
	protocols: ['tcp'],
	// IPv4: at most 65535 minus the 20-byte IP header.
	options: [unsigned('set-mss', 0, 65515), flag('clamp-mss-to-pmtu')],
	hooksFor: (options) =>
		lastOf(options, ACTIONS)?.name === 'clamp-mss-to-pmtu' ? CLAMP_HOOKS : undefined,
	check(use, ctx) {
		requireOne(use, ctx, ACTIONS, 'TCPMSS needs --set-mss N or --clamp-mss-to-pmtu');
		if (!hasSynMatch(ctx.rule)) {
			ctx.report(
				'error',
				'TCPMSS works only on SYN packets and iptables-legacy refuses it without a SYN match (EINVAL): add -m tcp --tcp-flags SYN,RST SYN',
				undefined,
				'syn-match-required'
			);
		}
	},
	// The later of the two options wins, as both write the same field.
	normalize(options) {
		const last = lastOf(options, ACTIONS);
		return last ? [last] : [...options];
	},
	print(options) {
		const o = lastOf(options, ACTIONS);
		if (!o) return '';
		return o.name === 'clamp-mss-to-pmtu'
			? '--clamp-mss-to-pmtu'
			: `--set-mss ${o.value as number}`;
	}
};
