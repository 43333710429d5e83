import { flag, hasOption, printInOrder, unsigned } from '../define';
import { isTcpRule, requireOne, sortedBy } from '../mangle-values';
import type { ExtensionSpec } from '../types';

const ORDER = ['ecn-tcp-ece', 'ecn-tcp-cwr', 'ecn-ip-ect'];

/** `-m ecn`: matches the ECN bits of the TCP header (CWR, ECE) or the IP header (ECT code point). */
export const ecn: ExtensionSpec = {
	name: 'ecn',
	kind: 'match',
	summary: 'ECN bits: TCP CWR/ECE or the IP ECT code point',
	options: [
		flag('ecn-tcp-cwr', { invertible: true }),
		flag('ecn-tcp-ece', { invertible: true }),
		unsigned('ecn-ip-ect', 0, 3, { invertible: true })
	],
	check(use, ctx) {
		requireOne(
			use,
			ctx,
			['ecn-tcp-cwr', 'ecn-tcp-ece', 'ecn-ip-ect'],
			'ecn needs --ecn-tcp-cwr, --ecn-tcp-ece or --ecn-ip-ect 0–3'
		);
		const tcpBits = hasOption(use.options, 'ecn-tcp-cwr') || hasOption(use.options, 'ecn-tcp-ece');
		if (tcpBits && !isTcpRule(ctx)) {
			ctx.report(
				'error',
				'ecn: --ecn-tcp-cwr and --ecn-tcp-ece need -p tcp (not inverted) in the same rule; the kernel refuses them otherwise (EINVAL)',
				undefined,
				'protocol-required'
			);
		}
	},
	normalize: (options) => sortedBy(options, ORDER),
	print: (options) =>
		printInOrder(
			options,
			ORDER.map((name) => ({ name }))
		)
};
