import { printInOrder, unsigned } from '../define';
import { checkExclusive, requireOne } from '../mangle-values';
import type { ExtensionSpec } from '../types';

const ACTIONS = ['ttl-set', 'ttl-dec', 'ttl-inc'] as const;

/** `-j TTL`: sets, decrements or increments the IPv4 TTL (mangle table only). */
export const ttlTarget: ExtensionSpec = {
	name: 'TTL',
	kind: 'target',
	summary: 'set, decrement or increment the IPv4 TTL',
	tables: ['mangle'],
	// A change by 0 is refused: the kernel wants a non-zero step for --ttl-dec/--ttl-inc.
	options: [unsigned('ttl-set', 0, 255), unsigned('ttl-dec', 1, 255), unsigned('ttl-inc', 1, 255)],
	check(use, ctx) {
		checkExclusive('TTL', use, ctx, ACTIONS);
		requireOne(use, ctx, ACTIONS, 'TTL needs an action: --ttl-set N, --ttl-dec N or --ttl-inc N');
	},
	print: (options) =>
		printInOrder(
			options,
			ACTIONS.map((name) => ({ name }))
		)
};
