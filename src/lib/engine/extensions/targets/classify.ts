import { findOption } from '../define';
import type { Parsed } from '../../parse/values';
import { requireOne } from '../mangle-values';
import type { ExtensionSpec } from '../types';

/** One `%x` of sscanf: optional sign and 0x, hex digits; returns the 32-bit value and the rest. */
function scanHex(text: string): { value: number; rest: string } | null {
	const m = /^\s*([+-]?)(?:0[xX](?=[0-9a-fA-F]))?([0-9a-fA-F]+)/.exec(text);
	if (!m) return null;
	let v = Number(BigInt('0x' + m[2]) & 0xffffffffn);
	if (m[1] === '-') v = -v >>> 0;
	return { value: v, rest: text.slice(m[0].length) };
}

/** `MAJOR:MINOR` in hex, read like sscanf("%x:%x"): text after the minor number is ignored. */
function parseClass([w]: string[]): Parsed<{ major: number; minor: number }> {
	const major = scanHex(w);
	const minor = major && major.rest.startsWith(':') ? scanHex(major.rest.slice(1)) : null;
	if (!major || !minor) return { error: `bad class "${w}": write MAJOR:MINOR in hex, e.g. 1:10` };
	return { major: major.value & 0xffff, minor: minor.value & 0xffff };
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** `-j CLASSIFY`: sets skb->priority so a tc qdisc puts the packet in class MAJOR:MINOR. */
export const classify: ExtensionSpec = {
	name: 'CLASSIFY',
	kind: 'target',
	summary: 'put the packet into a tc class (MAJOR:MINOR)',
	// Kernel 6.x registers only a hook restriction, no table one.
	hooks: ['FORWARD', 'OUTPUT', 'POSTROUTING'],
	options: [{ name: 'set-class', parse: parseClass }],
	check(use, ctx) {
		requireOne(use, ctx, ['set-class'], 'CLASSIFY needs --set-class MAJOR:MINOR (hex, e.g. 1:10)');
	},
	print(options) {
		const c = findOption(options, 'set-class')?.value as
			{ major: number; minor: number } | undefined;
		return c ? `--set-class ${hex4(c.major)}:${hex4(c.minor)}` : '';
	}
};
