/**
 * The kernel's jhash2 (include/linux/jhash.h, Bob Jenkins' lookup3) and reciprocal_scale: what
 * find_best_ips_proto uses to pick an address from a NAT range. Deterministic, so nfwalk picks the
 * address the kernel picks.
 */

const rol32 = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/** jhash2(k, k.length, initval) over 32-bit words, as unsigned numbers. */
export function jhash2(k: readonly number[], initval: number): number {
	let a = (0xdeadbeef + (k.length << 2) + initval) >>> 0;
	let b = a;
	let c = a;
	let i = 0;
	let length = k.length;
	while (length > 3) {
		a = (a + k[i]) >>> 0;
		b = (b + k[i + 1]) >>> 0;
		c = (c + k[i + 2]) >>> 0;
		// __jhash_mix
		a = ((a - c) >>> 0) ^ rol32(c, 4);
		c = (c + b) >>> 0;
		b = ((b - a) >>> 0) ^ rol32(a, 6);
		a = (a + c) >>> 0;
		c = ((c - b) >>> 0) ^ rol32(b, 8);
		b = (b + a) >>> 0;
		a = ((a - c) >>> 0) ^ rol32(c, 16);
		c = (c + b) >>> 0;
		b = ((b - a) >>> 0) ^ rol32(a, 19);
		a = (a + c) >>> 0;
		c = ((c - b) >>> 0) ^ rol32(b, 4);
		b = (b + a) >>> 0;
		a >>>= 0;
		b >>>= 0;
		c >>>= 0;
		length -= 3;
		i += 3;
	}
	if (length === 0) return c;
	if (length >= 3) c = (c + k[i + 2]) >>> 0;
	if (length >= 2) b = (b + k[i + 1]) >>> 0;
	a = (a + k[i]) >>> 0;
	// __jhash_final
	c = ((c ^ b) - rol32(b, 14)) >>> 0;
	a = ((a ^ c) - rol32(c, 11)) >>> 0;
	b = ((b ^ a) - rol32(a, 25)) >>> 0;
	c = ((c ^ b) - rol32(b, 16)) >>> 0;
	a = ((a ^ c) - rol32(c, 4)) >>> 0;
	b = ((b ^ a) - rol32(a, 14)) >>> 0;
	c = ((c ^ b) - rol32(b, 24)) >>> 0;
	return c;
}

/** reciprocal_scale: maps a 32-bit hash onto 0..range-1 as ((u64)val * range) >> 32. */
export function reciprocalScale(val: number, range: number): number {
	return Number((BigInt(val >>> 0) * BigInt(range >>> 0)) >> 32n);
}

/** An IPv4 address (host order) as the kernel's u32 word holding it in network order on x86. */
export function wireWord(addr: number): number {
	return (
		(((addr & 0xff) << 24) |
			(((addr >>> 8) & 0xff) << 16) |
			(((addr >>> 16) & 0xff) << 8) |
			(addr >>> 24)) >>>
		0
	);
}
