import { findOption } from '../define';
import { isError, parseUnsigned, type Parsed } from '../../parse/values';
import type { ExtensionSpec } from '../types';

/** TCP option names iptables knows (exact, lower case). */
const NAMES: Readonly<Record<string, number>> = {
	wscale: 3,
	mss: 2,
	'sack-permitted': 4,
	sack: 5,
	timestamp: 8,
	md5: 19
};

/** `mss,wscale,8` → the option kinds, sorted as the kernel's bitmap lists them. */
function parseList([w]: string[]): Parsed<number[]> {
	const kinds = new Set<number>();
	for (const item of w.split(',')) {
		const n = Object.hasOwn(NAMES, item) ? NAMES[item] : parseUnsigned(item, 0, 255);
		if (isError(n))
			return {
				error: `bad TCP option "${item}": use a number 2–255 or one of ${Object.keys(NAMES).join(', ')}`
			};
		if (n < 2)
			return {
				error: `TCP option ${n} cannot be stripped (0 and 1 are end-of-list and padding); use 2–255`
			};
		if (kinds.has(n)) return { error: `TCP option "${item}" is listed twice: remove one` };
		kinds.add(n);
	}
	return [...kinds].sort((a, b) => a - b);
}

/** `-j TCPOPTSTRIP`: removes the listed options from TCP headers (mangle table, -p tcp). */
export const tcpoptstrip: ExtensionSpec = {
	name: 'TCPOPTSTRIP',
	kind: 'target',
	summary: 'remove options from the TCP header',
	protocols: ['tcp'],
	tables: ['mangle'],
	options: [{ name: 'strip-options', parse: parseList }],
	print(options) {
		const kinds = findOption(options, 'strip-options')?.value as number[] | undefined;
		return kinds?.length ? `--strip-options ${kinds.join(',')}` : '';
	}
};
