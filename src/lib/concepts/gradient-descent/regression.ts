/**
 * Part 2: batch, mini-batch and stochastic gradient descent on one seeded linear
 * regression, y ≈ w·x + b, with mean squared error. Everything the plots need comes from
 * five sums over the data, so the loss anywhere in (w, b) costs O(1).
 */
import * as tf from '$lib/engine/tfjs';
import type { Rng } from '$lib/engine/rng';
import type { Point } from '$lib/common/geometry';
import type { Region } from './surfaces';

/** The line the data is drawn around. */
export const TRUE_LINE = { w: 1.5, b: -0.5 };
/** Where every run starts, in (w, b). */
export const REGRESSION_START: Point = [-1.5, 2];

export interface RegressionData {
	xs: Float64Array;
	ys: Float64Array;
	/** Σx, Σy, Σx², Σxy, Σy² over the n points. */
	sums: { n: number; x: number; y: number; xx: number; xy: number; yy: number };
}

/** n points with x uniform in [−1, 1] and y = 1.5x − 0.5 + noise·N(0, 1). */
export function makeRegressionData(n: number, noise: number, rng: Rng): RegressionData {
	const xs = new Float64Array(n);
	const ys = new Float64Array(n);
	const sums = { n, x: 0, y: 0, xx: 0, xy: 0, yy: 0 };
	for (let i = 0; i < n; i++) {
		const x = rng.uniform(-1, 1);
		const y = TRUE_LINE.w * x + TRUE_LINE.b + noise * rng.normal();
		xs[i] = x;
		ys[i] = y;
		sums.x += x;
		sums.y += y;
		sums.xx += x * x;
		sums.xy += x * y;
		sums.yy += y * y;
	}
	return { xs, ys, sums };
}

/**
 * The least-squares line in closed form: the solution of the normal equations
 * [Σx² Σx; Σx n]·[w; b] = [Σxy; Σy].
 */
export function leastSquares({ sums }: RegressionData): Point {
	const det = sums.xx * sums.n - sums.x * sums.x;
	if (Math.abs(det) < 1e-12) return [0, sums.y / Math.max(1, sums.n)]; // all x equal: a flat line
	return [(sums.xy * sums.n - sums.x * sums.y) / det, (sums.xx * sums.y - sums.x * sums.xy) / det];
}

/** Mean squared error of the line (w, b) on all the data. */
export function meanSquaredError({ sums }: RegressionData, w: number, b: number): number {
	const { n, x, y, xx, xy, yy } = sums;
	// Never below 0, which rounding in the expanded sums can reach for noiseless data.
	return Math.max(0, (yy - 2 * w * xy - 2 * b * y + w * w * xx + 2 * w * b * x + n * b * b) / n);
}

/** The (w, b) region the plot shows: the solution and the start, with a margin. */
export function regressionRegion(solution: Point): Region {
	const span = (a: number, b: number): [number, number] => {
		const lo = Math.min(a, b);
		const hi = Math.max(a, b);
		const pad = Math.max(0.75, (hi - lo) * 0.35);
		return [lo - pad, hi + pad];
	};
	return { x: span(solution[0], REGRESSION_START[0]), y: span(solution[1], REGRESSION_START[1]) };
}

/**
 * The box a regression run may wander in before it counts as diverged: far wider than the
 * view, so a noisy but bounded SGD path is not called diverged for stepping off the plot.
 */
export function regressionBounds(solution: Point): Region {
	const reach = 50;
	return { x: [solution[0] - reach, solution[0] + reach], y: [solution[1] - reach, solution[1] + reach] };
}

/** The MSE over (w, b) as TF.js ops, from the data's sums; for the contour grid. */
export function mseTensor(data: RegressionData): (w: tf.Tensor, b: tf.Tensor) => tf.Tensor {
	const { n, x, y, xx, xy, yy } = data.sums;
	return (w, b) =>
		tf.tidy(() =>
			w
				.square()
				.mul(xx)
				.sub(w.mul(2 * xy))
				.sub(b.mul(2 * y))
				.add(w.mul(b).mul(2 * x))
				.add(b.square().mul(n))
				.add(yy)
				.div(n)
		);
}

/**
 * ∂MSE/∂w and ∂MSE/∂b on the points order[from … to−1]:
 * (2/m)·Σ(w·x + b − y)·x and (2/m)·Σ(w·x + b − y).
 */
export function batchGradient(
	data: RegressionData,
	order: Int32Array,
	from: number,
	to: number,
	w: number,
	b: number,
	out: Float64Array
) {
	let gw = 0;
	let gb = 0;
	for (let k = from; k < to; k++) {
		const i = order[k];
		const residual = w * data.xs[i] + b - data.ys[i];
		gw += residual * data.xs[i];
		gb += residual;
	}
	const m = to - from;
	out[0] = (2 * gw) / m;
	out[1] = (2 * gb) / m;
}

/** A fresh random order of 0 … n−1 (Fisher–Yates), for one epoch. */
export function shuffledOrder(order: Int32Array, rng: Rng) {
	for (let i = order.length - 1; i > 0; i--) {
		const j = rng.int(i + 1);
		[order[i], order[j]] = [order[j], order[i]];
	}
}
