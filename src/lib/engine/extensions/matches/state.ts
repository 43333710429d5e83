import { hasOption, printInOrder } from '../define';
import { CT_STATES, nameList } from './conntrack';
import type { ExtensionSpec } from '../types';

const STATES = ['INVALID', 'NEW', 'ESTABLISHED', 'RELATED', 'UNTRACKED'];

/** `-m state --state LIST`: the older spelling of `-m conntrack --ctstate` (no SNAT/DNAT). */
export const state: ExtensionSpec = {
	name: 'state',
	kind: 'match',
	summary: 'connection tracking state (older form of conntrack --ctstate)',
	options: [
		{
			name: 'state',
			invertible: true,
			parse: ([w]) =>
				nameList(
					w,
					STATES,
					CT_STATES.filter((s) => STATES.includes(s)),
					'state'
				)
		}
	],
	check(use, ctx) {
		if (!hasOption(use.options, 'state'))
			ctx.report(
				'error',
				'state: option --state must be specified, e.g. --state ESTABLISHED,RELATED'
			);
	},
	print: (options) =>
		printInOrder(options, [{ name: 'state', format: (v: string[]) => v.join(',') }])
};
