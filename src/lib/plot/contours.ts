/**
 * Filled-contour bands of a square grid of values (d3-contour), for the Contours layer.
 * Levels sit at quantiles of the values, denser at the low end, so that wide ranges
 * (Rosenbrock's) still show the valley floor.
 */
import { contours, type ContourMultiPolygon } from 'd3';

/** Level i of `count` at the (i/count)² quantile of the finite values. */
export function quantileLevels(values: ArrayLike<number>, count: number): number[] {
	const finite = Float32Array.from(values).filter(Number.isFinite).sort();
	if (finite.length === 0) return [];
	const picked = new Set<number>();
	for (let i = 1; i < count; i++) picked.add(finite[Math.floor((i / count) ** 2 * (finite.length - 1))]);
	return [...picked].sort((a, b) => a - b);
}

/**
 * One polygon set per level, each holding the points *below* that level (the contours of
 * −f): drawn as a stack of translucent fills, the bottom of the valley comes out darkest.
 * Non-finite values count as above every level.
 */
export function contourBands(values: ArrayLike<number>, size: number, levels = 20): ContourMultiPolygon[] {
	const levelsAt = quantileLevels(values, levels);
	if (levelsAt.length === 0) return [];
	const top = levelsAt[levelsAt.length - 1];
	const negated = Array.from(values, (v) => (Number.isFinite(v) ? -v : -top - 1));
	return contours()
		.size([size, size])
		.thresholds(levelsAt.map((t) => -t).reverse())(negated);
}
