import { flag, oneOf, printInOrder, text, unsigned } from '../define';
import type { ExtensionSpec } from '../types';

/** `-j CLUSTERIP`: the old IPv4 cluster target, removed from the kernel in Linux 6.3. */
export const clusterip: ExtensionSpec = {
	name: 'CLUSTERIP',
	kind: 'target',
	summary: 'load-sharing cluster IP (removed in Linux 6.3; use -m cluster)',
	options: [
		flag('new'),
		oneOf('hashmode', ['sourceip', 'sourceip-sourceport', 'sourceip-sourceport-destport']),
		text('clustermac'),
		unsigned('total-nodes', 0, 65535),
		unsigned('local-node', 0, 65535),
		unsigned('hash-init', 0, 0xffffffff)
	],
	check(_use, ctx) {
		// iptables 1.8.9 still parses it, but no current kernel has the target to load.
		ctx.report(
			'error',
			'CLUSTERIP was removed from the kernel in Linux 6.3 and cannot be loaded: use `-m cluster` with -j MARK/ACCEPT instead'
		);
	},
	print: (options) =>
		printInOrder(options, [
			{ name: 'new' },
			{ name: 'hashmode' },
			{ name: 'clustermac' },
			{ name: 'total-nodes' },
			{ name: 'local-node' },
			{ name: 'hash-init' }
		])
};
