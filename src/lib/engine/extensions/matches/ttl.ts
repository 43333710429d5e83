import { printOption, unsigned } from '../define';
import { checkExclusive, lastOf, requireOne } from '../mangle-values';
import type { ExtensionSpec } from '../types';

const ALL = ['ttl-eq', 'ttl-lt', 'ttl-gt', 'ttl'];

/** `-m ttl`: compares the IPv4 TTL with a number. */
export const ttl: ExtensionSpec = {
	name: 'ttl',
	kind: 'match',
	summary: 'the IPv4 TTL: equal to, less than or greater than N',
	options: [
		// Only equality can be inverted (`! --ttl-eq` is the kernel's "not equal" mode).
		unsigned('ttl-eq', 0, 255, { invertible: true }),
		unsigned('ttl-lt', 0, 255),
		unsigned('ttl-gt', 0, 255),
		// The old spelling of --ttl-eq, kept by iptables without inversion.
		unsigned('ttl', 0, 255)
	],
	check(use, ctx) {
		checkExclusive('ttl', use, ctx, ALL);
		requireOne(use, ctx, ALL, 'ttl needs one of --ttl-eq N, --ttl-lt N or --ttl-gt N');
	},
	normalize(options) {
		const o = lastOf(options, ALL);
		return o?.name === 'ttl' ? [{ ...o, name: 'ttl-eq' }] : [...options];
	},
	print(options) {
		const o = lastOf(options, ALL);
		if (!o) return '';
		return printOption(o.name === 'ttl' ? 'ttl-eq' : o.name, o.inverted, String(o.value));
	}
};
