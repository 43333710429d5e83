/**
 * base64url (RFC 4648 §5) without padding: the alphabet a URL fragment carries unescaped. Written
 * out rather than via btoa/atob so the same code runs in Node and the browser and a bad character
 * is reported with its position instead of an exception.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

export function toBase64url(bytes: Uint8Array): string {
	let out = '';
	let i = 0;
	for (; i + 2 < bytes.length; i += 3) {
		const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
		out +=
			ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
	}
	const rest = bytes.length - i;
	if (rest === 1) {
		const n = bytes[i] << 16;
		out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
	} else if (rest === 2) {
		const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
		out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63];
	}
	return out;
}

export type Base64Result = { ok: true; bytes: Uint8Array } | { ok: false; at: number };

/** The bytes, or the 0-based index of the first character that cannot be in base64url text. */
export function fromBase64url(text: string): Base64Result {
	// A length of 1 mod 4 cannot come from any byte string: the text was cut.
	if (text.length % 4 === 1) return { ok: false, at: text.length - 1 };
	const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
	let acc = 0;
	let bits = 0;
	let o = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		const v = c < 128 ? VALUE[c] : -1;
		if (v < 0) return { ok: false, at: i };
		acc = ((acc << 6) | v) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			bytes[o++] = (acc >> bits) & 0xff;
		}
	}
	return { ok: true, bytes: bytes.subarray(0, o) };
}
