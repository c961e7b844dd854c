import { ticks as d3Ticks } from 'd3';
import { formatValue } from '$lib/common/format';
import type { Scale } from './context';

/**
 * Whether d3's linear ticks work from `a` to `b`. They step in powers of ten, which run out
 * of doubles at both ends: a span below ~1e-300 (denormal data such as 5e-324…3e-320)
 * makes d3 ask for an array of Infinity ticks (a RangeError), one above ~1e300 overflows
 * to NaN.
 */
function d3Copes(a: number, b: number, count: number): boolean {
	// Divided first, so that ±1e308 does not overflow.
	const step = Math.abs(b / count - a / count);
	return step > 1e-300 && step < 1e300;
}

/** About `count` tick values for a linear axis from `a` to `b`: d3's, or evenly spaced ones where d3 cannot. */
export function linearTicks(a: number, b: number, count: number): number[] {
	if (!Number.isFinite(a) || !Number.isFinite(b) || !(count > 0)) return [];
	if (a === b) return [a];
	if (d3Copes(a, b, count)) return d3Ticks(a, b, count);
	const n = Math.max(1, Math.round(count));
	return [...new Set(Array.from({ length: n + 1 }, (_, i) => a * (1 - i / n) + b * (i / n)))];
}

/** d3's format for its ticks; for the even ones, numbers as the widgets write them (d3's would show 0.000000). */
export function linearTickFormat(scale: Scale, count: number): (value: number) => string {
	const [a, b] = scale.domain();
	return a === b || d3Copes(a, b, count) ? scale.tickFormat(count) : (value) => formatValue(value);
}
