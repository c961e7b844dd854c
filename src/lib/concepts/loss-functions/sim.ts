/**
 * Lines fitted to the same points by three losses — squared error (MSE), absolute error
 * (MAE) and Huber — and the one-number version of the same question (which constant c
 * minimises each loss of y − c). The squared-error line is the closed form (weighted normal
 * equations); the other two are found by iteratively reweighted least squares, each
 * iteration one weighted least-squares fit in TF.js, on standardised coordinates so that
 * float32 holds any scale the reader pastes. Plus the two other textbook defences against
 * outliers: removing points by a rule, and winsorising y.
 */
import * as tf from '$lib/engine/tfjs';
import type { Point } from '$lib/common/geometry';
import type { Job } from '$lib/common/slices';
import { createRng } from '$lib/engine/rng';

export type LossName = 'mse' | 'mae' | 'huber';
export const LOSSES: readonly LossName[] = ['mse', 'mae', 'huber'];

export interface LineFit {
	slope: number;
	intercept: number;
}

// ——— Data ———

export type PresetName = 'line' | 'outlier' | 'heavy';

/** A preset's 30 points around y = 1 + 0.8x, drawn from the seed. */
export function presetPoints(name: PresetName, seed: number): Point[] {
	const rng = createRng(seed).fork(`preset-${name}`);
	const line = (x: number) => 1 + 0.8 * x;
	switch (name) {
		case 'line':
			return Array.from({ length: 30 }, () => {
				const x = rng.uniform(0, 10);
				return [x, line(x) + rng.normal()];
			});
		case 'outlier': {
			const cloud = Array.from({ length: 29 }, (): Point => {
				const x = rng.uniform(0, 9);
				return [x, line(x) + 0.8 * rng.normal()];
			});
			// Far from the trend, and at the edge of x, where it pulls the squared-error line hardest.
			return [...cloud, [10, -6]];
		}
		case 'heavy':
			// Cauchy noise: most points near the line, a few very far.
			return Array.from({ length: 40 }, () => {
				const x = rng.uniform(0, 10);
				return [x, line(x) + 0.6 * Math.tan(Math.PI * (rng.next() - 0.5))];
			});
	}
}

// ——— Summaries in plain numbers ———

export const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** The q-quantile by linear interpolation between order statistics (q = ½: the median). */
export function quantile(values: readonly number[], q: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (sorted.length - 1) * q;
	const lo = Math.floor(at);
	return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (at - lo);
}

export const median = (values: readonly number[]) => quantile(values, 0.5);

/** The loss of one residual r. */
export function lossOf(name: LossName, r: number, delta: number): number {
	const a = Math.abs(r);
	if (name === 'mse') return r * r;
	if (name === 'mae') return a;
	return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
}

/** The mean loss of a line over the points. */
export function meanLoss(name: LossName, points: readonly Point[], fit: LineFit, delta: number): number {
	let sum = 0;
	for (const [x, y] of points) sum += lossOf(name, y - (fit.intercept + fit.slope * x), delta);
	return sum / points.length;
}

// ——— Fits ———

/** Coordinates as the solver sees them: (v − centre) / scale, with the scales to undo it. */
interface Standardised {
	xs: Float32Array;
	ys: Float32Array;
	x0: number;
	xScale: number;
	y0: number;
	yScale: number;
	/** Every x the same (or one point): no slope can be fitted, only a constant. */
	flat: boolean;
}

function standardise(points: readonly Point[]): Standardised {
	const spread = (values: number[]) => {
		const m = mean(values);
		return { m, s: Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / values.length) };
	};
	const x = spread(points.map((p) => p[0]));
	const y = spread(points.map((p) => p[1]));
	const flat = !(x.s > 0) || x.s < 1e-12 * Math.max(1, Math.abs(x.m));
	const xScale = flat ? 1 : x.s;
	const yScale = y.s > 0 ? y.s : 1;
	return {
		xs: Float32Array.from(points, ([px]) => (flat ? 0 : (px - x.m) / xScale)),
		ys: Float32Array.from(points, ([, py]) => (py - y.m) / yScale),
		x0: x.m,
		xScale,
		y0: y.m,
		yScale,
		flat
	};
}

function toOriginal(s: Standardised, fit: LineFit): LineFit {
	const slope = (fit.slope * s.yScale) / s.xScale;
	return { slope, intercept: s.y0 + s.yScale * fit.intercept - slope * s.x0 };
}

/** The tensors one set of points needs; `dispose` frees them. */
class Design {
	readonly x: tf.Tensor1D;
	readonly y: tf.Tensor1D;
	readonly xx: tf.Tensor1D;
	readonly xy: tf.Tensor1D;
	constructor(readonly s: Standardised) {
		this.x = tf.tensor1d(s.xs);
		this.y = tf.tensor1d(s.ys);
		this.xx = tf.mul(this.x, this.x);
		this.xy = tf.mul(this.x, this.y);
	}

	/** The weighted least-squares line (weights w, or all 1): the normal equations of a 2 × 2 system. */
	solve(w: tf.Tensor1D | null): LineFit {
		const sums = tf.tidy(() => {
			const weigh = (t: tf.Tensor1D) => (w ? tf.sum(tf.mul(w, t)) : tf.sum(t));
			return tf.stack([w ? tf.sum(w) : tf.scalar(this.s.xs.length), weigh(this.x), weigh(this.y), weigh(this.xx), weigh(this.xy)]);
		});
		const [sw, sx, sy, sxx, sxy] = sums.dataSync();
		sums.dispose();
		if (this.s.flat) return { slope: 0, intercept: sy / sw };
		const det = sw * sxx - sx * sx;
		// Weights concentrated on one x (every other point weighted ~0): the constant is all that is determined.
		if (!(Math.abs(det) > 1e-9 * sw * sw)) return { slope: 0, intercept: sy / sw };
		const slope = (sw * sxy - sx * sy) / det;
		return { slope, intercept: (sy - slope * sx) / sw };
	}

	/** IRLS weights for a loss at a fit: MAE 1/max(|r|, ε), Huber min(1, δ/|r|). */
	weights(name: 'mae' | 'huber', fit: LineFit, delta: number): tf.Tensor1D {
		return tf.tidy(() => {
			const r = tf.abs(tf.sub(this.y, tf.add(fit.intercept, tf.mul(fit.slope, this.x))));
			return name === 'mae' ? tf.div(1, tf.maximum(r, IRLS_FLOOR)) : tf.minimum(1, tf.div(delta, tf.maximum(r, 1e-12)));
		});
	}

	dispose() {
		tf.dispose([this.x, this.y, this.xx, this.xy]);
	}
}

/** Residuals below this (in standard deviations of y) weigh as if this big: keeps MAE's weights finite. */
const IRLS_FLOOR = 1e-6;
export const MAX_ITERATIONS = 300;
/** A fit has converged when no coefficient moves more than this (standardised units) in an iteration. */
const TOLERANCE = 1e-6;

/** The squared-error line: the closed form. Null for no points. */
export function leastSquares(points: readonly Point[]): LineFit | null {
	if (!points.length) return null;
	const s = standardise(points);
	const design = new Design(s);
	try {
		return toOriginal(s, design.solve(null));
	} finally {
		design.dispose();
	}
}

export interface RobustFits {
	mae: LineFit;
	huber: LineFit;
	/** Iterations until each converged (MAX_ITERATIONS if it did not). */
	iterations: { mae: number; huber: number };
	converged: boolean;
	/** Each loss's mean value after each iteration (for the plot of the solver's progress). */
	history: { mae: number[]; huber: number[] };
}

/** The MAE and Huber lines by IRLS from the squared-error line, one iteration of both per slice. */
export function* robustFitJob(points: readonly Point[], delta: number): Job<RobustFits | null> {
	if (!points.length) return null;
	const s = standardise(points);
	const design = new Design(s);
	const deltaStd = delta / s.yScale;
	try {
		const start = design.solve(null);
		const fits = { mae: start, huber: start };
		const iterations = { mae: 0, huber: 0 };
		const done = { mae: false, huber: false };
		const history = { mae: [] as number[], huber: [] as number[] };
		for (let i = 1; i <= MAX_ITERATIONS && !(done.mae && done.huber); i++) {
			yield;
			for (const name of ['mae', 'huber'] as const) {
				if (done[name]) continue;
				const w = design.weights(name, fits[name], deltaStd);
				const next = design.solve(w);
				w.dispose();
				const moved = Math.max(Math.abs(next.slope - fits[name].slope), Math.abs(next.intercept - fits[name].intercept));
				fits[name] = next;
				iterations[name] = i;
				history[name].push(meanLoss(name, points, toOriginal(s, next), delta));
				if (moved < TOLERANCE) done[name] = true;
			}
		}
		const mae = yield* throughTwoPoints(points, toOriginal(s, fits.mae));
		return { mae, huber: toOriginal(s, fits.huber), iterations, converged: done.mae && done.huber, history };
	} finally {
		design.dispose();
	}
}

/**
 * IRLS creeps up on absolute error's minimum slowly, because the loss has a kink at every
 * point. A least-absolute-error line passes through two of the points (the minimum of a
 * convex piecewise-linear function lies at a vertex), so finish in float64 the way the
 * simplex method would: start from the best line through two of the points IRLS fits
 * closest, then swap one of the two for any other point while that lowers the loss.
 */
function* throughTwoPoints(points: readonly Point[], fit: LineFit): Job<LineFit> {
	const lineThrough = (i: number, j: number): LineFit | null => {
		const [[x1, y1], [x2, y2]] = [points[i], points[j]];
		if (x1 === x2) return null;
		const slope = (y2 - y1) / (x2 - x1);
		return { slope, intercept: y1 - slope * x1 };
	};
	const lossOfLine = (line: LineFit) => meanLoss('mae', points, line, 0);
	const closest = points
		.map((p, i) => ({ i, r: Math.abs(p[1] - (fit.intercept + fit.slope * p[0])) }))
		.sort((a, b) => a.r - b.r)
		.slice(0, 8)
		.map((c) => c.i);
	interface Vertex {
		pair: [number, number];
		line: LineFit;
		loss: number;
	}
	let start: Vertex | null = null;
	for (const i of closest) {
		for (const j of closest) {
			const line = j > i ? lineThrough(i, j) : null;
			if (line && (!start || lossOfLine(line) < start.loss)) start = { pair: [i, j], line, loss: lossOfLine(line) };
		}
	}
	// Every x the same: there is no line through two points, and the flat fit stands.
	if (!start) return fit;
	let best: Vertex = start;
	for (let round = 0; round < 200; round++) {
		const [i, j] = best.pair;
		let improved = false;
		for (let k = 0; k < points.length; k++) {
			// A round looks at 2n lines of n points each: slices of 32 k's keep each piece to a few milliseconds.
			if (k % 32 === 0) yield;
			const pairs: [number, number][] = [[i, k], [k, j]];
			for (const pair of pairs) {
				const line: LineFit | null = k !== i && k !== j ? lineThrough(pair[0], pair[1]) : null;
				if (!line) continue;
				const loss = lossOfLine(line);
				if (loss < best.loss * (1 - 1e-12)) [best, improved] = [{ pair, line, loss }, true];
			}
		}
		if (!improved) break;
	}
	return best.loss <= lossOfLine(fit) ? best.line : fit;
}

// ——— The constant: which c minimises each loss of y − c ———

/** The Huber centre: the c that minimises Σ huber(y − c), by IRLS from the median (plain numbers). */
export function huberCentre(ys: readonly number[], delta: number): number {
	let c = median(ys);
	for (let i = 0; i < 500; i++) {
		let [sw, swy] = [0, 0];
		for (const y of ys) {
			const w = Math.min(1, delta / Math.max(Math.abs(y - c), 1e-300));
			sw += w;
			swy += w * y;
		}
		const next = swy / sw;
		if (Math.abs(next - c) <= 1e-12 * Math.max(1, Math.abs(c))) return next;
		c = next;
	}
	return c;
}

/** Each loss's mean over y − c for c on a grid, scaled to [0, 1] over the grid (each its own scale). */
export function constantLossCurves(ys: readonly number[], delta: number, lo: number, hi: number, steps = 160): Record<LossName, [number, number][]> {
	const grid = Array.from({ length: steps + 1 }, (_, i) => lo + ((hi - lo) * i) / steps);
	const curve = (name: LossName) => {
		const raw = grid.map((c) => ys.reduce((sum, y) => sum + lossOf(name, y - c, delta), 0) / ys.length);
		const [min, max] = [Math.min(...raw), Math.max(...raw)];
		return grid.map((c, i) => [c, max > min ? (raw[i] - min) / (max - min) : 0] as [number, number]);
	};
	return { mse: curve('mse'), mae: curve('mae'), huber: curve('huber') };
}

// ——— Outlier handling ———

/**
 * Which points the 3-MAD rule drops: residuals from the squared-error line more than 3
 * robust standard deviations (1.4826 × the median absolute deviation) from their median.
 */
export function outliersByRule(points: readonly Point[]): boolean[] {
	const fit = leastSquares(points);
	if (!fit || points.length < 3) return points.map(() => false);
	const residuals = points.map(([x, y]) => y - (fit.intercept + fit.slope * x));
	const centre = median(residuals);
	const spread = 1.4826 * median(residuals.map((r) => Math.abs(r - centre)));
	const scale = Math.max(...residuals.map(Math.abs));
	// No spread at all: only points visibly off the common line are outliers.
	return residuals.map((r) => Math.abs(r - centre) > Math.max(3 * spread, 1e-9 * scale));
}

/** y clipped to its 5th and 95th percentiles. */
export function winsorised(points: readonly Point[]): Point[] {
	if (points.length < 2) return points.map(([x, y]) => [x, y]);
	const ys = points.map((p) => p[1]);
	const [lo, hi] = [quantile(ys, 0.05), quantile(ys, 0.95)];
	return points.map(([x, y]) => [x, Math.min(hi, Math.max(lo, y))]);
}

/** A point far below the trend at the right edge of x: where it pulls the squared-error line hardest. */
export function farOutlier(points: readonly Point[]): Point {
	const xs = points.map((p) => p[0]);
	const ys = points.map((p) => p[1]);
	const [xLo, xHi] = [Math.min(...xs), Math.max(...xs)];
	const [yLo, yHi] = [Math.min(...ys), Math.max(...ys)];
	const spread = yHi - yLo || 1;
	return [xHi + 0.05 * (xHi - xLo), yLo - 0.8 * spread];
}
