/**
 * Filled-contour bands of a square grid of values (d3-contour), for the Contours layer.
 * Levels sit at quantiles of the values, denser at the low end, so that wide ranges
 * (Rosenbrock's) still show the valley floor.
 */
import { contours, type ContourMultiPolygon } from 'd3';
import { runNow, type Job } from '$lib/common/slices';

/** Level i of `count` at the (i/count)² quantile of the finite values. */
export function quantileLevels(values: ArrayLike<number>, count: number): number[] {
	// (A plain loop: filtering with a callback, then sorting, took tens of milliseconds the first time.)
	const finite = new Float64Array(values.length);
	let n = 0;
	for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite[n++] = values[i];
	const sorted = finite.subarray(0, n).sort();
	if (n === 0) return [];
	const picked = new Set<number>();
	for (let i = 1; i < count; i++) picked.add(sorted[Math.floor((i / count) ** 2 * (n - 1))]);
	return [...picked].sort((a, b) => a - b);
}

/**
 * One polygon set per level, each holding the points *below* that level (the contours of
 * −f): drawn as a stack of translucent fills, the bottom of the valley comes out darkest.
 * Non-finite values count as above every level. Widest band first.
 */
export function contourBands(values: ArrayLike<number>, size: number, levels = 20): ContourMultiPolygon[] {
	return runNow(contourBandsJob(values, size, levels, () => {}));
}

/**
 * contourBands as a job that yields after each band (a 200 × 200 grid takes several
 * milliseconds a band), handing `progress` the bands traced so far.
 */
export function* contourBandsJob(
	values: ArrayLike<number>,
	size: number,
	levels: number,
	progress: (bands: ContourMultiPolygon[]) => void
): Job<ContourMultiPolygon[]> {
	const levelsAt = quantileLevels(values, levels);
	if (levelsAt.length === 0) return [];
	yield;
	const top = levelsAt[levelsAt.length - 1];
	const negated = Array.from(values, (v) => (Number.isFinite(v) ? -v : -top - 1));
	const tracer = contours().size([size, size]);
	const bands: ContourMultiPolygon[] = [];
	for (let i = levelsAt.length - 1; i >= 0; i--) {
		yield;
		bands.push(tracer.contour(negated, -levelsAt[i]));
		progress([...bands]);
	}
	return bands;
}
