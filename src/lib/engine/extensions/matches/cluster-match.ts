// Named cluster-match.ts: the engine lint rule treats any import path ending in `/cluster` as node:cluster.
import { findOption, hasOption } from '../define';
import { wholeUint } from '../nat-values';
import type { ExtensionSpec, OptionSpec } from '../types';

const u32 = (name: string, min: number, max: number, invertible = false): OptionSpec<number> => ({
	name,
	invertible,
	parse: ([w]) => wholeUint(w, min, max, name)
});

const hex8 = (n: number) => '0x' + (n >>> 0).toString(16).padStart(8, '0');

/** `-m cluster`: which node of a load-sharing cluster a packet's hash belongs to. */
export const cluster: ExtensionSpec = {
	name: 'cluster',
	kind: 'match',
	summary: 'packets whose hash belongs to this node of a load-sharing cluster',
	options: [
		u32('cluster-total-nodes', 1, 32),
		u32('cluster-local-node', 1, 32, true),
		u32('cluster-local-nodemask', 1, 0xffffffff, true),
		u32('cluster-hash-seed', 0, 0xffffffff)
	],
	check(use, ctx) {
		const node = findOption(use.options, 'cluster-local-node');
		const nodemask = findOption(use.options, 'cluster-local-nodemask');
		const total = findOption(use.options, 'cluster-total-nodes')?.value as number | undefined;
		if (node && nodemask) {
			ctx.report(
				'error',
				'cluster: --cluster-local-node and --cluster-local-nodemask cannot be combined: give one'
			);
		} else if (!node && !nodemask) {
			ctx.report(
				'error',
				'cluster: --cluster-local-node or --cluster-local-nodemask is missing, e.g. --cluster-local-node 1'
			);
		} else if (total !== undefined) {
			const mask = node ? 2 ** ((node.value as number) - 1) : (nodemask!.value as number);
			if (mask >= 2 ** total) {
				ctx.report(
					'error',
					node
						? 'cluster: --cluster-local-node must be <= --cluster-total-nodes'
						: 'cluster: --cluster-local-nodemask is too big for --cluster-total-nodes'
				);
			}
		}
		for (const name of ['cluster-total-nodes', 'cluster-hash-seed']) {
			if (!hasOption(use.options, name))
				ctx.report('error', `cluster: option --${name} must be specified`);
		}
	},
	// Stored and listed as a node mask, whichever form was written.
	normalize: (options) =>
		options.map((o) =>
			o.name === 'cluster-local-node'
				? { ...o, name: 'cluster-local-nodemask', value: 2 ** ((o.value as number) - 1) }
				: o
		),
	print(options) {
		const node = findOption(options, 'cluster-local-node');
		const nodemask = findOption(options, 'cluster-local-nodemask');
		const local = node ?? nodemask;
		const mask = node
			? 2 ** ((node.value as number) - 1)
			: ((nodemask?.value as number | undefined) ?? 0);
		const total = (findOption(options, 'cluster-total-nodes')?.value as number | undefined) ?? 0;
		const seed = (findOption(options, 'cluster-hash-seed')?.value as number | undefined) ?? 0;
		return `${local?.inverted ? '! ' : ''}--cluster-local-nodemask ${hex8(mask)} --cluster-total-nodes ${total} --cluster-hash-seed ${hex8(seed)}`;
	}
};
