/** Small helpers for the plain arrays the simulations hand to the page and the export. */

export function clamp(value: number, lo: number, hi: number): number {
	return Math.min(hi, Math.max(lo, value));
}

/** Seven significant digits: what float32 holds, without its binary tail in exported JSON. */
export function tidyNumber(value: number): number {
	return Number(value.toPrecision(7));
}

/** A flat array x0, y0, x1, y1, … as pairs [[x0, y0], …], each number tidied for export. */
export function pairsOf(flat: ArrayLike<number>): [number, number][] {
	return Array.from({ length: Math.floor(flat.length / 2) }, (_, i) => [tidyNumber(flat[2 * i]), tidyNumber(flat[2 * i + 1])]);
}

/** Bytes in base64, for an export that carries many of them (a JSON list of numbers would be three times larger). */
export function base64Of(bytes: Uint8Array): string {
	let text = '';
	for (const byte of bytes) text += String.fromCharCode(byte);
	return btoa(text);
}

/**
 * float32 values exactly, as their four bytes each (little-endian, NumPy's dtype '<f4') in
 * base64: 5⅓ characters a number instead of a decimal's 11 or 12.
 */
export function float32Base64(values: Float32Array): string {
	const bytes = new DataView(new ArrayBuffer(4 * values.length));
	values.forEach((value, i) => bytes.setFloat32(4 * i, value, true));
	return base64Of(new Uint8Array(bytes.buffer));
}
