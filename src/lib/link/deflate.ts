/**
 * Raw deflate through the platform's CompressionStream (browsers, and Node ≥ 18 as a global), with
 * inflation that stops at a byte cap: a link is untrusted, and a few hundred kilobytes of deflate
 * can unpack to a gigabyte.
 */

async function drain(stream: ReadableStream<Uint8Array>, cap: number): Promise<InflateResult> {
	const reader = stream.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.length;
			if (size > cap) {
				// Stop the decompressor at once: the rest is never produced, let alone kept.
				await reader.cancel().catch(() => {});
				return { ok: false, reason: 'too-big' };
			}
			chunks.push(value);
		}
	} catch {
		return { ok: false, reason: 'damaged' };
	}
	const out = new Uint8Array(size);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return { ok: true, bytes: out };
}

/**
 * The bytes as a stream of `chunk`-byte pieces, handed out only as the reader asks. Inflating
 * must be fed in small pieces: a decompressor turns one input chunk into all of its output at
 * once (Chromium does), so 1 MB of bomb in one piece would be a gigabyte before the cap is seen.
 */
function streamOf(bytes: Uint8Array, chunk = bytes.length || 1): ReadableStream<BufferSource> {
	let offset = 0;
	return new ReadableStream<BufferSource>(
		{
			pull(controller) {
				if (offset >= bytes.length) {
					controller.close();
					return;
				}
				// subarray of a Uint8Array on an ArrayBuffer; TypeScript's DOM types want that said.
				controller.enqueue(bytes.subarray(offset, offset + chunk) as Uint8Array<ArrayBuffer>);
				offset += chunk;
			}
		},
		{ highWaterMark: 0 }
	);
}

/** Input bytes per piece when inflating: at most ~1 MiB of output each (deflate's ratio is ≤ 1032:1). */
const INFLATE_CHUNK = 1024;

export async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
	const result = await drain(
		streamOf(bytes).pipeThrough(new CompressionStream('deflate-raw')),
		Number.POSITIVE_INFINITY
	);
	if (!result.ok) throw new Error('deflate-raw failed');
	return result.bytes;
}

export type InflateResult =
	{ ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-big' | 'damaged' };

/** The inflated bytes, `too-big` past `cap` bytes, `damaged` for a stream that is not deflate. */
export function inflateRaw(bytes: Uint8Array, cap: number): Promise<InflateResult> {
	let stream: ReadableStream<Uint8Array>;
	try {
		stream = streamOf(bytes, INFLATE_CHUNK).pipeThrough(new DecompressionStream('deflate-raw'));
	} catch {
		return Promise.resolve({ ok: false, reason: 'damaged' });
	}
	return drain(stream, cap);
}
