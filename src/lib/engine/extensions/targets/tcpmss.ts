import { flag, unsigned } from '../define';
import type { Hook, Rule } from '../../model';
import { BUILTIN_CHAINS } from '../../model';
import { canonicalize, lastOf, requireOne } from '../mangle-values';
import type { TcpFlags } from '../matches/tcp';
import type { ExtensionSpec } from '../types';

const SYN = 0x02;
const CLAMP_HOOKS: readonly Hook[] = ['FORWARD', 'OUTPUT', 'POSTROUTING'];

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
	check(use, ctx) {
		requireOne(
			use,
			ctx,
			['set-mss', 'clamp-mss-to-pmtu'],
			'TCPMSS needs --set-mss N or --clamp-mss-to-pmtu'
		);
		if (!hasSynMatch(ctx.rule)) {
			ctx.report(
				'error',
				'TCPMSS works only on SYN packets and iptables-legacy refuses it without a SYN match (EINVAL): add -m tcp --tcp-flags SYN,RST SYN',
				undefined,
				'syn-match-required'
			);
		}
		// Clamping needs a route, so the kernel allows it only after routing. User chains are
		// not judged here: the hook restriction depends on the option, which `hooks` cannot say.
		const last = lastOf(use.options, ['set-mss', 'clamp-mss-to-pmtu']);
		const clamp = last?.name === 'clamp-mss-to-pmtu';
		const hook = ctx.chain as Hook;
		if (clamp && BUILTIN_CHAINS[ctx.table].includes(hook) && !CLAMP_HOOKS.includes(hook)) {
			ctx.report(
				'error',
				`TCPMSS --clamp-mss-to-pmtu is valid only in FORWARD, OUTPUT and POSTROUTING, not ${ctx.chain}; the kernel refuses it (EINVAL). Use --set-mss N here or clamp in FORWARD`,
				undefined,
				'wrong-hook'
			);
		}
		if (last) canonicalize(use.options, [last]);
	},
	// The later of the two options wins, as both write the same field.
	print(options) {
		const o = lastOf(options, ['set-mss', 'clamp-mss-to-pmtu']);
		if (!o) return '';
		return o.name === 'clamp-mss-to-pmtu'
			? '--clamp-mss-to-pmtu'
			: `--set-mss ${o.value as number}`;
	}
};
