/**
 * k-fold cross-validation, simulated.
 * - Choosing a degree: n noisy points of a known curve on [0, 1]; polynomials of degree
 *   0 … 12 in the orthonormal Legendre basis, fitted by least squares on the training part of
 *   each fold. TF.js builds every fold's normal equations at once (Xᵀ·W_f·X, Xᵀ·W_f·y for the
 *   fold masks W_f); the small systems are solved in float64 (Cholesky), each degree using the
 *   leading block of the same Gram matrix, since the models are nested.
 * - The reader's own points are fitted in scaled coordinates (x onto [0, 1], y standardised):
 *   polynomial least squares commutes with affine maps of x and y, so this changes only the
 *   rounding, and errors come back multiplied by the y scale squared.
 * - The leak: p columns of pure noise and a y unrelated to them; keep the `selected` columns
 *   most correlated with y, then fit least squares on them. Chosen on all the data before
 *   splitting, CV reports a small error for a model that predicts nothing; chosen inside each
 *   training fold, it does not.
 */
import * as tf from '$lib/engine/tfjs';
import { createRng, type Rng } from '$lib/engine/rng';
import type { Job } from '$lib/common/slices';
import { legendreBasis } from '$lib/common/polynomials';
import type { Point } from '$lib/common/geometry';
import { MAX_DEGREE } from './params';

// ——— Data ———

export const truth = (x: number) => Math.sin(2 * Math.PI * x) + 0.5 * x;
export const TEST_SIZE = 2000;

/** Points of the true curve for drawing it. */
export const truthCurve = (points = 201): [number, number][] => Array.from({ length: points }, (_, i) => [i / (points - 1), truth(i / (points - 1))]);

export interface Dataset {
	xs: Float64Array;
	ys: Float64Array;
}

export function drawDataset(n: number, noise: number, rng: Rng): Dataset {
	const xs = Float64Array.from({ length: n }, () => rng.next());
	const ys = Float64Array.from(xs, (x) => truth(x) + noise * rng.normal());
	return { xs, ys };
}

/** The affine map from the reader's coordinates to the fitting ones: x = x0 + xSpan·u, y = y0 + ySpan·v. */
export interface Scaling {
	x0: number;
	xSpan: number;
	y0: number;
	ySpan: number;
}

export const UNSCALED: Scaling = { x0: 0, xSpan: 1, y0: 0, ySpan: 1 };

/** x's range onto [0, 1] and y to mean 0, sd 1; a coordinate without spread keeps a span of 1. */
export function scalingOf(points: readonly Point[]): Scaling {
	if (!points.length) return UNSCALED;
	const xs = points.map(([x]) => x);
	const ys = points.map(([, y]) => y);
	const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
	const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
	const sd = Math.sqrt(ys.reduce((a, y) => a + (y - mean) ** 2, 0) / ys.length);
	return { x0: hi > lo ? lo : lo - 0.5, xSpan: hi > lo ? hi - lo : 1, y0: mean, ySpan: sd > 0 ? sd : 1 };
}

export function scaledDataset(points: readonly Point[], { x0, xSpan, y0, ySpan }: Scaling): Dataset {
	return { xs: Float64Array.from(points, ([x]) => (x - x0) / xSpan), ys: Float64Array.from(points, ([, y]) => (y - y0) / ySpan) };
}

/** A CV result's errors in the reader's units: squared errors scale by ySpan². */
export function unscaleErrors(cv: CvResult, { ySpan }: Scaling): CvResult {
	const factor = ySpan * ySpan;
	const times = (e: number | null) => (e === null ? null : e * factor);
	return { ...cv, foldErrors: cv.foldErrors.map((row) => row.map(times)), cvError: cv.cvError.map(times), cvSd: cv.cvSd.map((e) => (e === null ? null : e * factor)) };
}

/** Each point's fold: a seeded shuffle dealt round-robin, so fold sizes differ by at most one. */
export function foldsOf(n: number, k: number, rng: Rng): Int32Array {
	const order = Array.from({ length: n }, (_, i) => i);
	for (let i = n - 1; i > 0; i--) {
		const j = rng.int(i + 1);
		[order[i], order[j]] = [order[j], order[i]];
	}
	const folds = new Int32Array(n);
	order.forEach((point, position) => (folds[point] = position % k));
	return folds;
}

// ——— Least squares in float64 ———

/**
 * Solves the leading d × d block of a symmetric positive semi-definite system by Cholesky,
 * with a tiny ridge (1e-10 × the mean diagonal) so that a rank-deficient block gives the
 * near-minimum-norm answer instead of dividing by zero.
 */
export function solveLeading(gram: ArrayLike<number>, rhs: ArrayLike<number>, width: number, d: number): Float64Array {
	const floor = 1e-10 * (Array.from({ length: d }, (_, i) => gram[i * width + i]).reduce((a, b) => a + b, 0) / d || 1);
	const l = new Float64Array(d * d);
	for (let i = 0; i < d; i++) {
		for (let j = 0; j <= i; j++) {
			let sum = gram[i * width + j] + (i === j ? floor : 0);
			for (let m = 0; m < j; m++) sum -= l[i * d + m] * l[j * d + m];
			l[i * d + j] = i === j ? Math.sqrt(Math.max(sum, floor)) : sum / l[j * d + j];
		}
	}
	const z = new Float64Array(d);
	for (let i = 0; i < d; i++) {
		let sum = rhs[i];
		for (let m = 0; m < i; m++) sum -= l[i * d + m] * z[m];
		z[i] = sum / l[i * d + i];
	}
	const beta = new Float64Array(d);
	for (let i = d - 1; i >= 0; i--) {
		let sum = z[i];
		for (let m = i + 1; m < d; m++) sum -= l[m * d + i] * beta[m];
		beta[i] = sum / l[i * d + i];
	}
	return beta;
}

const WIDTH = MAX_DEGREE + 1;

/** Every fold's Gram matrix and right-hand side over the Legendre basis, in one batch on TF.js. */
function foldSystems(basis: Float64Array, ys: ArrayLike<number>, folds: Int32Array, k: number): { grams: Float32Array; rhs: Float32Array } {
	const n = ys.length;
	const masks = new Float32Array(k * n);
	for (let i = 0; i < n; i++) for (let f = 0; f < k; f++) if (folds[i] !== f) masks[f * n + i] = 1;
	const [grams, rhs] = tf.tidy(() => {
		const x = tf.tensor2d(Float32Array.from(basis), [n, WIDTH]);
		const y = tf.tensor2d(Float32Array.from(ys), [n, 1]);
		const w = tf.tensor3d(masks, [k, n, 1]);
		const weighted = tf.mul(w, x); // [k, n, WIDTH]: the training rows of each fold
		const xt = tf.transpose(weighted, [0, 2, 1]);
		return [tf.matMul(xt, tf.tile(x.expandDims(0), [k, 1, 1])), tf.matMul(xt, tf.tile(y.expandDims(0), [k, 1, 1]))];
	});
	const result = { grams: grams.dataSync() as Float32Array, rhs: rhs.dataSync() as Float32Array };
	tf.dispose([grams, rhs]);
	return result;
}

const predict = (basis: Float64Array, row: number, beta: Float64Array) => {
	let sum = 0;
	for (let j = 0; j < beta.length; j++) sum += basis[row * WIDTH + j] * beta[j];
	return sum;
};

export interface CvResult {
	k: number;
	/** Each fold's fitted coefficients per degree: [degree][fold] (empty where the fold could not be fitted). */
	coefficients: Float64Array[][];
	/** Validation mean squared error per degree and fold: [degree][fold]; null where a fold trains on too few points. */
	foldErrors: (number | null)[][];
	/** The mean over folds (weighted by fold size) per degree. */
	cvError: (number | null)[];
	/** The standard deviation of the fold errors per degree. */
	cvSd: (number | null)[];
}

/** k-fold CV of every degree on one data set. */
export function crossValidate(data: Dataset, folds: Int32Array, k: number): CvResult {
	const n = data.xs.length;
	const basis = legendreBasis(data.xs, MAX_DEGREE);
	const { grams, rhs } = foldSystems(basis, data.ys, folds, k);
	const sizes = Array.from({ length: k }, (_, f) => folds.reduce((c, g) => c + (g === f ? 1 : 0), 0));
	const foldErrors: (number | null)[][] = [];
	const coefficients: Float64Array[][] = [];
	for (let degree = 0; degree <= MAX_DEGREE; degree++) {
		const row: (number | null)[] = [];
		const betas: Float64Array[] = [];
		coefficients.push(betas);
		for (let f = 0; f < k; f++) {
			// More coefficients than training points: no unique fit to judge.
			if (n - sizes[f] < degree + 2) {
				row.push(null);
				betas.push(new Float64Array(0));
				continue;
			}
			const beta = solveLeading(grams.subarray(f * WIDTH * WIDTH), rhs.subarray(f * WIDTH), WIDTH, degree + 1);
			betas.push(beta);
			let sse = 0;
			for (let i = 0; i < n; i++) if (folds[i] === f) sse += (data.ys[i] - predict(basis, i, beta)) ** 2;
			row.push(sizes[f] ? sse / sizes[f] : null);
		}
		foldErrors.push(row);
	}
	const cvError = foldErrors.map((row) => (row.every((e) => e !== null) ? row.reduce((s, e, f) => s + e! * sizes[f], 0) / n : null));
	const cvSd = foldErrors.map((row, d) => {
		if (cvError[d] === null || k < 2) return null;
		const errors = row as number[];
		const mean = errors.reduce((s, e) => s + e, 0) / k;
		return Math.sqrt(errors.reduce((s, e) => s + (e - mean) ** 2, 0) / (k - 1));
	});
	return { k, coefficients, foldErrors, cvError, cvSd };
}

/** Fits of every degree on all the points, and their error on fresh test points of the same process (noise included; none without test points). */
export function testErrors(data: Dataset, test: Dataset | null): { errors: (number | null)[]; coefficients: Float64Array[] } {
	const n = data.xs.length;
	const basis = legendreBasis(data.xs, MAX_DEGREE);
	const { grams, rhs } = foldSystems(basis, data.ys, new Int32Array(n).fill(-1), 1);
	const testBasis = test ? legendreBasis(test.xs, MAX_DEGREE) : null;
	const coefficients: Float64Array[] = [];
	const errors = Array.from({ length: MAX_DEGREE + 1 }, (_, degree) => {
		if (n < degree + 2) {
			coefficients.push(new Float64Array(degree + 1));
			return null;
		}
		const beta = solveLeading(grams, rhs, WIDTH, degree + 1);
		coefficients.push(beta);
		if (!test || !testBasis) return null;
		let sse = 0;
		for (let i = 0; i < test.xs.length; i++) sse += (test.ys[i] - predict(testBasis, i, beta)) ** 2;
		return sse / test.xs.length;
	});
	return { errors, coefficients };
}

/** A fitted polynomial at x. */
export function evaluate(beta: Float64Array, x: number): number {
	const basis = legendreBasis([x], Math.max(0, beta.length - 1));
	return beta.reduce((s, b, j) => s + b * basis[j], 0);
}

export const argmin = (values: readonly (number | null)[]) => values.reduce<number>((best, v, i) => (v !== null && (values[best] === null || v < values[best]!) ? i : best), 0);

// ——— How the estimate varies with k ———

export const SPREAD_DATASETS = 40;
export const SPREAD_KS = [2, 5, 10, 20] as const;

export interface SpreadRow {
	/** k, or 0 for leave-one-out. */
	k: number;
	/** Mean and sd of the CV estimate over fresh data sets (or over ways of dealing the folds), and the mean true error of the fit on all n (null when unknown). */
	mean: number;
	sd: number;
	trueError: number | null;
}

const meanOf = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const sdOf = (v: number[]) => {
	const mean = meanOf(v);
	return v.length > 1 ? Math.sqrt(v.reduce((a, x) => a + (x - mean) ** 2, 0) / (v.length - 1)) : 0;
};

/** For each k (and leave-one-out): the CV estimate of one degree on SPREAD_DATASETS fresh data sets. A data set per slice. */
export function* spreadJob(n: number, noise: number, degree: number, seed: number, test: Dataset): Job<SpreadRow[]> {
	const ks = [...SPREAD_KS.filter((k) => k < n), n];
	const estimates = ks.map(() => [] as number[]);
	const truths: number[] = [];
	for (let s = 0; s < SPREAD_DATASETS; s++) {
		yield;
		const rng = createRng(seed).fork(`spread-${s}`);
		const data = drawDataset(n, noise, rng);
		truths.push(testErrors(data, test).errors[degree] ?? NaN);
		for (const [i, k] of ks.entries()) {
			// One cross-validation per slice: leave-one-out at n = 400 is a few milliseconds.
			yield;
			const cv = crossValidate(data, foldsOf(n, k, rng.fork(`folds-${k}`)), k);
			estimates[i].push(cv.cvError[degree] ?? NaN);
		}
	}
	const trueError = meanOf(truths);
	// A k whose folds train on too few points for the degree has no estimate: it is left out.
	return ks.flatMap((k, i) => (estimates[i].some(Number.isNaN) ? [] : [{ k: k === n ? 0 : k, mean: meanOf(estimates[i]), sd: sdOf(estimates[i]), trueError }]));
}

/**
 * For the reader's own points, where no fresh data set can be drawn: the CV estimate of one
 * degree over SPREAD_DATASETS ways of dealing the same points into k folds (leave-one-out has
 * only one way). Errors in the reader's units.
 */
export function* resplitJob(data: Dataset, scaling: Scaling, degree: number, seed: number): Job<SpreadRow[]> {
	const n = data.xs.length;
	const ks = [...SPREAD_KS.filter((k) => k < n), n];
	const factor = scaling.ySpan ** 2;
	const rows: SpreadRow[] = [];
	for (const k of ks) {
		const estimates: number[] = [];
		for (let s = 0; s < (k === n ? 1 : SPREAD_DATASETS); s++) {
			yield;
			const cv = crossValidate(data, foldsOf(n, k, createRng(seed).fork(`resplit-${k}-${s}`)), k);
			estimates.push((cv.cvError[degree] ?? NaN) * factor);
		}
		if (!estimates.some(Number.isNaN)) rows.push({ k: k === n ? 0 : k, mean: meanOf(estimates), sd: sdOf(estimates), trueError: null });
	}
	return rows;
}

// ——— The leak ———

export interface LeakData {
	/** n × p, row by row. */
	x: Float32Array;
	y: Float32Array;
	n: number;
	p: number;
}

export function drawLeakData(n: number, p: number, rng: Rng): LeakData {
	return { x: Float32Array.from({ length: n * p }, () => rng.normal()), y: Float32Array.from({ length: n }, () => rng.normal()), n, p };
}

/** The `count` columns most correlated (in size) with y over the rows marked in `use`, by TF.js. */
export function topFeatures(data: LeakData, use: Uint8Array, count: number): number[] {
	const rows = Array.from({ length: data.n }, (_, i) => i).filter((i) => use[i]);
	const scores = tf.tidy(() => {
		const x = tf.gather(tf.tensor2d(data.x, [data.n, data.p]), rows);
		const y = tf.gather(tf.tensor1d(data.y), rows);
		const xc = tf.sub(x, tf.mean(x, 0));
		const yc = tf.sub(y, tf.mean(y));
		const cov = tf.matMul(yc.reshape([1, rows.length]), xc).reshape([data.p]);
		return tf.abs(tf.div(cov, tf.add(tf.sqrt(tf.sum(tf.square(xc), 0)), 1e-12)));
	});
	const values = scores.dataSync();
	scores.dispose();
	return Array.from(values.keys())
		.sort((a, b) => values[b] - values[a])
		.slice(0, count);
}

/** Least squares (with intercept) on the chosen columns, trained on rows `train`, its mean squared error on rows `test`. */
function fitAndScore(data: LeakData, columns: number[], train: number[], test: number[]): number {
	const width = columns.length + 1;
	const row = (i: number) => [1, ...columns.map((c) => data.x[i * data.p + c])];
	const gram = new Float64Array(width * width);
	const rhs = new Float64Array(width);
	for (const i of train) {
		const r = row(i);
		for (let a = 0; a < width; a++) {
			rhs[a] += r[a] * data.y[i];
			for (let b = 0; b < width; b++) gram[a * width + b] += r[a] * r[b];
		}
	}
	const beta = solveLeading(gram, rhs, width, width);
	return test.reduce((s, i) => s + (data.y[i] - row(i).reduce((t, v, j) => t + v * beta[j], 0)) ** 2, 0) / test.length;
}

export interface LeakResult {
	/** CV error per fold with the features chosen on all the data (the leak), and inside each fold. */
	leaky: number[];
	honest: number[];
	leakyMean: number;
	honestMean: number;
	/** The error of the model (features chosen on all n) on fresh data: y is noise of variance 1, so at least 1. */
	testError: number;
}

/** Both ways of cross-validating feature selection, a fold per slice, and the true error on fresh data. */
export function* leakJob(data: LeakData, folds: Int32Array, k: number, selected: number, fresh: LeakData): Job<LeakResult> {
	const all = new Uint8Array(data.n).fill(1);
	const chosenOnAll = topFeatures(data, all, selected);
	const leaky: number[] = [];
	const honest: number[] = [];
	for (let f = 0; f < k; f++) {
		yield;
		const train = Array.from({ length: data.n }, (_, i) => i).filter((i) => folds[i] !== f);
		const test = Array.from({ length: data.n }, (_, i) => i).filter((i) => folds[i] === f);
		if (!test.length || train.length < selected + 2) continue;
		leaky.push(fitAndScore(data, chosenOnAll, train, test));
		const use = new Uint8Array(data.n);
		for (const i of train) use[i] = 1;
		honest.push(fitAndScore(data, topFeatures(data, use, selected), train, test));
	}
	yield;
	// The model the leaky analysis would ship: chosen and fitted on all n, judged on fresh rows.
	const combined: LeakData = { n: data.n + fresh.n, p: data.p, x: new Float32Array([...data.x, ...fresh.x]), y: new Float32Array([...data.y, ...fresh.y]) };
	const ours = Array.from({ length: data.n }, (_, i) => i);
	const theirs = Array.from({ length: fresh.n }, (_, i) => data.n + i);
	const testError = fitAndScore(combined, chosenOnAll, ours, theirs);
	const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN);
	return { leaky, honest, leakyMean: mean(leaky), honestMean: mean(honest), testError };
}
