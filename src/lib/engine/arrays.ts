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
