import { flag, printInOrder } from '../define';
import { wholeUint } from '../nat-values';
import type { ExtensionSpec } from '../types';

/** `-j SYNPROXY`: answers SYNs itself with SYN cookies and only then opens the real connection. */
export const synproxy: ExtensionSpec = {
	name: 'SYNPROXY',
	kind: 'target',
	summary: 'answer TCP SYNs with SYN cookies before the server sees them (INPUT, FORWARD)',
	protocols: ['tcp'],
	hooks: ['INPUT', 'FORWARD'],
	options: [
		flag('sack-perm'),
		flag('timestamp'),
		{ name: 'wscale', parse: ([w]) => wholeUint(w, 0, 14, 'wscale') },
		{ name: 'mss', parse: ([w]) => wholeUint(w, 0, 65535, 'mss') },
		flag('ecn')
	],
	print: (options) =>
		printInOrder(options, [
			{ name: 'sack-perm' },
			{ name: 'timestamp' },
			{ name: 'wscale' },
			{ name: 'mss' },
			{ name: 'ecn' }
		])
};
