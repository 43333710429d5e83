/**
 * The share-link decoder (src/lib/link/, being written alongside this suite) must never throw on
 * random or mutated input and never allocate past its caps (issue 9). Its properties go here
 * once it exists: random strings and byte arrays, truncated, bit-flipped and re-padded valid
 * links, and links whose declared sizes exceed the caps (decompression bombs).
 */
import { describe, it } from 'vitest';

describe('share-link decoder', () => {
	it.todo('never throws on random or mutated links');
	it.todo('never decodes more than its caps, however large the link says it is');
});
