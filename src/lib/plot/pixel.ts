import type { Scale } from './context';

/** How much of the scale's domain one pixel spans. */
export function pixelSize(scale: Scale): number {
	return Math.abs(scale.invert(1) - scale.invert(0));
}

/**
 * `value` with the fewest significant digits that keep it within half a `pixel`: a point
 * placed with the pointer keeps no more digits than the pointer can aim, whatever the
 * data's scale (1e-320 or 1700000000).
 */
export function roundToPixel(value: number, pixel: number): number {
	if (!Number.isFinite(value) || !(pixel > 0) || value === 0) return value || 0;
	const digits = Math.floor(Math.log10(Math.abs(value))) - Math.floor(Math.log10(pixel)) + 1;
	if (digits < 1) return 0; // |value| is below the pixel's power of ten: 0 is that close
	return Number(value.toPrecision(Math.min(digits, 17))) || 0;
}
