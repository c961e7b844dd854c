/**
 * Where the points come from: the presets (Anscombe's quartet and shapes that pull Pearson
 * and Spearman apart) and seeded bivariate-normal data with a monotone transform of y (the
 * reader's own CSV is read by $lib/widget/points/csv). Plain TypeScript, no tensors.
 */
import { createRng } from '$lib/engine/rng';
import type { Point } from '$lib/common/geometry';

// ---------------------------------------------------------------------------------------
// Presets

/** Anscombe (1973), "Graphs in statistical analysis", The American Statistician 27(1). */
const ANSCOMBE_X = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
export const ANSCOMBE: Record<'anscombe-1' | 'anscombe-2' | 'anscombe-3' | 'anscombe-4', Point[]> = {
	'anscombe-1': zip(ANSCOMBE_X, [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68]),
	'anscombe-2': zip(ANSCOMBE_X, [9.14, 8.14, 8.74, 8.77, 9.26, 8.1, 6.13, 3.1, 9.13, 7.26, 4.74]),
	'anscombe-3': zip(ANSCOMBE_X, [7.46, 6.77, 12.74, 7.11, 7.81, 8.84, 6.08, 5.39, 8.15, 6.42, 5.73]),
	'anscombe-4': zip([8, 8, 8, 8, 8, 8, 8, 19, 8, 8, 8], [6.58, 5.76, 7.71, 8.84, 8.47, 7.04, 5.25, 12.5, 5.56, 7.91, 6.89])
};

function zip(xs: number[], ys: number[]): Point[] {
	return xs.map((x, i) => [x, ys[i]]);
}

export type PresetName = 'linear' | 'exp' | 'log' | 'outlier' | 'u-shape' | 'funnel' | 'ordinal' | keyof typeof ANSCOMBE;

/**
 * The points of a preset. Anscombe's quartet and the exp curve are fixed; the others are
 * drawn from `seed`, so "New seed" gives another sample of the same shape.
 *
 * @example
 * presetPoints('exp', 1); // [[1, e¹], [2, e²], …, [100, e¹⁰⁰]]
 */
export function presetPoints(name: PresetName, seed: number): Point[] {
	const rng = createRng(seed).fork(`preset-${name}`);
	const range = (count: number, f: (i: number) => Point) => Array.from({ length: count }, (_, i) => f(i));
	switch (name) {
		case 'linear':
			return range(50, () => {
				const x = rng.uniform(0, 10);
				return [x, 2 + 0.5 * x + rng.normal()];
			});
		case 'exp':
			return range(100, (i) => [i + 1, Math.exp(i + 1)]);
		case 'log':
			return range(60, () => {
				const x = rng.uniform(1, 100);
				return [x, Math.log(x) + 0.15 * rng.normal()];
			});
		case 'outlier': {
			// An unrelated cloud, and one far point that Pearson follows and the ranks barely notice.
			const cloud = range(29, () => [rng.normal(), rng.normal()] as Point);
			return [...cloud, [9, 9]];
		}
		case 'u-shape':
			// x evenly spaced and symmetric about 0, so the falling half cancels the rising half.
			return range(61, (i) => {
				const x = -3 + i / 10;
				return [x, x * x + 0.5 * rng.normal()];
			});
		case 'funnel':
			return range(80, () => {
				const x = rng.uniform(0, 10);
				return [x, x * (1 + 0.6 * rng.normal())];
			});
		case 'ordinal':
			// Two ratings on a 1–5 scale that mostly agree: nearly every pair shares a value.
			return range(80, () => {
				const x = 1 + rng.int(5);
				return [x, Math.min(5, Math.max(1, Math.round(x + 1.1 * rng.normal())))];
			});
		default:
			return ANSCOMBE[name].map(([x, y]) => [x, y]);
	}
}

// ---------------------------------------------------------------------------------------
// Generated data

export type Transform = 'none' | 'exp' | 'log' | 'cube';

/** Strictly increasing maps of y: they leave Spearman and Kendall alone and bend Pearson. */
export const TRANSFORMS: Record<Transform, (y: number) => number> = {
	none: (y) => y,
	exp: (y) => Math.exp(1.5 * y),
	// A log that accepts negative numbers: sign(y)·ln(1 + |y|).
	log: (y) => Math.sign(y) * Math.log1p(Math.abs(y)),
	cube: (y) => y * y * y
};

export interface GenerateOptions {
	rho: number;
	n: number;
	transform: Transform;
	/** Extra noise on the transformed y, as a fraction of its standard deviation. */
	noise: number;
}

/**
 * n draws of (x, y) from a standard bivariate normal with correlation rho, then y mapped by
 * the transform and given extra noise. More points keep the first ones; a new rho moves
 * the same draws.
 */
export function generatePoints({ rho, n, transform, noise }: GenerateOptions, seed: number): Point[] {
	const rng = createRng(seed).fork('bivariate-normal');
	const draws = Array.from({ length: n }, () => [rng.normal(), rng.normal(), rng.normal()]);
	const map = TRANSFORMS[transform];
	const ys = draws.map(([u, v]) => map(rho * u + Math.sqrt(Math.max(0, 1 - rho * rho)) * v));
	const mean = ys.reduce((a, b) => a + b, 0) / n;
	const sd = Math.sqrt(ys.reduce((a, y) => a + (y - mean) ** 2, 0) / n) || 1;
	return draws.map(([u, , e], i) => [u, ys[i] + noise * sd * e]);
}
