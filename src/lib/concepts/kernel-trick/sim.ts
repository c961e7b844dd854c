/**
 * A soft-margin support vector machine on two features, trained on its dual by SMO
 * (sequential minimal optimisation, Platt 1998, with LIBSVM's second-order choice of pair):
 *
 *   minimise ½ αᵀQα − Σα  subject to  Σ αᵢyᵢ = 0,  0 ≤ αᵢ ≤ C,   Q = (y yᵀ) ∘ K.
 *
 * Each update moves two α along the line that keeps Σ αᵢyᵢ = 0, to the exact minimum on it
 * (clipped to the box), so the equality constraint holds throughout and no step size is
 * needed. The kernel matrices (training × training, grid × training, test × training) are
 * computed with TF.js; the decision function on the plot's grid is one TF.js matMul per
 * step. The pair updates themselves are scalar bookkeeping over n numbers, in float64.
 *
 * Every point is standardised first (each axis to mean 0, sd 1), so γ and C mean the same
 * whatever the units of the data, and a polynomial kernel never overflows on large numbers.
 */
import * as tf from '$lib/engine/tfjs';
import type { LabelledPoint } from '$lib/common/geometry';
import { createRng, type Rng } from '$lib/engine/rng';
import type { Job } from '$lib/common/slices';

export type KernelName = 'linear' | 'lift' | 'poly' | 'rbf';

export interface KernelSpec {
	kernel: KernelName;
	gamma: number;
	degree: number;
}

/** Whether γ changes the kernel (the grid then runs over it). */
export const usesGamma = (kernel: KernelName) => kernel === 'poly' || kernel === 'rbf';

/** The kernel of two standardised points, in plain float64 (tests and single points). */
export function kernelOf(spec: KernelSpec, [ax, ay]: readonly number[], [bx, by]: readonly number[]): number {
	const dot = ax * bx + ay * by;
	if (spec.kernel === 'linear') return dot;
	if (spec.kernel === 'lift') return dot + (ax * ax + ay * ay) * (bx * bx + by * by);
	if (spec.kernel === 'poly') return (spec.gamma * dot + 1) ** spec.degree;
	return Math.exp(-spec.gamma * ((ax - bx) ** 2 + (ay - by) ** 2));
}

/** How many dimensions the kernel's feature space has (Infinity for RBF). */
export function featureDimension(spec: KernelSpec): number {
	if (spec.kernel === 'linear') return 2;
	if (spec.kernel === 'lift') return 3;
	if (spec.kernel === 'poly') return ((spec.degree + 1) * (spec.degree + 2)) / 2;
	return Infinity;
}

// ——— Data ———

export type PresetName = 'circles' | 'xor' | 'moons' | 'blobs';
export const PRESET_SIZE = 120;
export const TEST_SIZE = 300;

function drawPoint(name: PresetName, rng: Rng): LabelledPoint {
	const c = rng.next() < 0.5 ? 0 : 1;
	if (name === 'circles') {
		const angle = rng.uniform(0, 2 * Math.PI);
		const radius = c ? 1.6 + 0.22 * rng.normal() : Math.abs(0.55 * rng.normal());
		return [radius * Math.cos(angle), radius * Math.sin(angle), c];
	}
	if (name === 'xor') {
		const x = rng.uniform(-2, 2);
		const y = rng.uniform(-2, 2);
		const clean = x > 0 === y > 0 ? 0 : 1;
		return [x, y, rng.next() < 0.05 ? 1 - clean : clean];
	}
	if (name === 'moons') {
		const t = rng.uniform(0, Math.PI);
		const [x, y] = c ? [1 - Math.cos(t), 0.5 - Math.sin(t)] : [Math.cos(t), Math.sin(t)];
		return [1.6 * (x - 0.5) + 0.25 * rng.normal(), 1.6 * (y - 0.25) + 0.25 * rng.normal(), c];
	}
	const sign = c ? 1 : -1;
	return [sign * 0.9 + 0.7 * rng.normal(), sign * 0.9 + 0.7 * rng.normal(), c];
}

/** A preset's training points, or a fresh sample of the same process to test on. */
export function presetPoints(name: PresetName, seed: number, which: 'train' | 'test' = 'train'): LabelledPoint[] {
	const rng = createRng(seed).fork(`${name}-${which}`);
	return Array.from({ length: which === 'train' ? PRESET_SIZE : TEST_SIZE }, () => drawPoint(name, rng));
}

/** Own points split for the C × γ grid: about 30% held out (seeded), the rest to train on. */
export function holdOut(points: readonly LabelledPoint[], seed: number): { train: LabelledPoint[]; test: LabelledPoint[] } {
	const rng = createRng(seed).fork('hold-out');
	const order = points.map((_, i) => i);
	for (let i = order.length - 1; i > 0; i--) {
		const j = rng.int(i + 1);
		[order[i], order[j]] = [order[j], order[i]];
	}
	const cut = Math.round(points.length * 0.3);
	return { test: order.slice(0, cut).map((i) => points[i]), train: order.slice(cut).map((i) => points[i]) };
}

// ——— Standardising ———

export interface Scaling {
	mx: number;
	sx: number;
	my: number;
	sy: number;
}

export function scalingOf(points: readonly LabelledPoint[]): Scaling {
	const stat = (k: 0 | 1) => {
		const m = points.reduce((s, p) => s + p[k], 0) / Math.max(1, points.length);
		const sd = Math.sqrt(points.reduce((s, p) => s + (p[k] - m) ** 2, 0) / Math.max(1, points.length));
		return [m, sd > 1e-12 * Math.max(1, Math.abs(m)) ? sd : 1];
	};
	const [mx, sx] = stat(0);
	const [my, sy] = stat(1);
	return { mx, sx, my, sy };
}

/** Points in standardised coordinates, flat: x₀, y₀, x₁, y₁, … */
export function standardise(points: readonly (readonly number[])[], s: Scaling): Float64Array {
	const xy = new Float64Array(2 * points.length);
	points.forEach((p, i) => {
		xy[2 * i] = (p[0] - s.mx) / s.sx;
		xy[2 * i + 1] = (p[1] - s.my) / s.sy;
	});
	return xy;
}

export const labelsOf = (points: readonly LabelledPoint[]) => Int8Array.from(points, (p) => (p[2] === 1 ? 1 : -1));

// ——— Kernel matrices (TF.js) ———

/** The kernel between every row of `a` [n, 2] and every row of `b` [m, 2], as an [n, m] tensor. */
export function kernelTensor(a: tf.Tensor2D, b: tf.Tensor2D, spec: KernelSpec): tf.Tensor2D {
	return tf.tidy(() => {
		const dot = tf.matMul(a, b, false, true);
		if (spec.kernel === 'linear') return dot;
		const na = tf.sum(tf.square(a), 1, true);
		const nb = tf.sum(tf.square(b), 1, true).reshape([1, b.shape[0]]);
		if (spec.kernel === 'lift') return tf.add(dot, tf.mul(na, nb));
		if (spec.kernel === 'poly') return tf.pow(tf.add(tf.mul(dot, spec.gamma), 1), spec.degree);
		// ‖a − b‖² = ‖a‖² + ‖b‖² − 2a·b, kept ≥ 0 against rounding.
		const squared = tf.relu(tf.sub(tf.add(na, nb), tf.mul(dot, 2)));
		return tf.exp(tf.mul(squared, -spec.gamma));
	}) as tf.Tensor2D;
}

const pointsTensor = (xy: Float64Array) => tf.tensor2d(Float32Array.from(xy), [xy.length / 2, 2]);

/** The kernel matrix between two sets of standardised points, row-major [n × m], in float64. */
export function kernelMatrix(a: Float64Array, b: Float64Array, spec: KernelSpec): Float64Array {
	if (a.length === 0 || b.length === 0) return new Float64Array(0);
	const result = tf.tidy(() => kernelTensor(pointsTensor(a), pointsTensor(b), spec));
	const values = Float64Array.from(result.dataSync());
	result.dispose();
	return values;
}

// ——— The solver (SMO) ———

export interface SvmState {
	/** Labels as −1 (class A) and +1 (class B). */
	y: Int8Array;
	alpha: Float64Array;
	/** The dual's gradient Qα − 1, kept up to date by every pair update. */
	gradient: Float64Array;
	C: number;
	/** Pair updates made so far. */
	iterations: number;
	/** The largest KKT violation: max over I_up of −yG minus min over I_low of −yG (0 at the optimum). */
	violation: number;
	bias: number;
}

/** Pair updates of the first Steps: few enough to watch the boundary settle. */
export const PAIRS_PER_STEP = 25;

/**
 * Pair updates for the next Step: 25 at first, then a quarter of those made so far (a hard
 * problem speeds up geometrically), at most about 200 000 / n so a Step stays a few ms.
 */
export const pairsForStep = (iterations: number, n: number) => Math.max(PAIRS_PER_STEP, Math.min(Math.floor(iterations / 4), Math.floor(200_000 / Math.max(1, n))));
/** KKT violations below this count as optimal (LIBSVM's default ε). */
export const KKT_TOLERANCE = 1e-3;
/** When the curvature along a pair's line is not positive (duplicate points), LIBSVM's stand-in. */
const TAU = 1e-12;

interface Working {
	i: number;
	j: number;
	/** max over I_up of −y G. */
	up: number;
	/** min over I_low of −y G. */
	low: number;
}

const inUp = (y: number, a: number, C: number) => (y > 0 ? a < C : a > 0);
const inLow = (y: number, a: number, C: number) => (y > 0 ? a > 0 : a < C);

/**
 * The working pair: i from I_up with the largest −yG; j from I_low, among those that violate
 * the KKT conditions with i, the one whose update would lower the dual most (second-order
 * choice, Fan, Chen and Lin 2005, as in LIBSVM), which converges far faster than taking the
 * smallest −yG. `up` and `low` are the extremes over I_up and I_low, for the stopping test.
 */
function workingPair(y: Int8Array, alpha: Float64Array, gradient: Float64Array, C: number, K: Float64Array | null): Working {
	// Plain assignments, no destructuring, in these loops: a job's first pieces run before the
	// engine has optimised them, and there a destructuring costs far more than the arithmetic.
	const n = y.length;
	let i = -1;
	let up = -Infinity;
	let low = Infinity;
	for (let t = 0; t < n; t++) {
		const v = -y[t] * gradient[t];
		if (inUp(y[t], alpha[t], C) && v > up) {
			i = t;
			up = v;
		}
		if (inLow(y[t], alpha[t], C) && v < low) low = v;
	}
	let j = -1;
	let best = Infinity;
	if (i >= 0 && K) {
		for (let t = 0; t < n; t++) {
			if (!inLow(y[t], alpha[t], C)) continue;
			const gap = up + y[t] * gradient[t];
			if (gap <= 0) continue;
			const curvature = K[i * n + i] + K[t * n + t] - 2 * K[i * n + t];
			const gain = -(gap * gap) / (curvature > 0 ? curvature : TAU);
			if (gain < best) {
				j = t;
				best = gain;
			}
		}
	}
	return { i, j, up, low };
}

/**
 * The bias b of f(x) = Σ αᵢyᵢK(xᵢ, x) + b: on a free support vector (0 < α < C) the margin
 * condition yᵢf(xᵢ) = 1 gives b = −yᵢGᵢ, averaged over them; with none free, the middle of
 * the interval the KKT conditions allow.
 */
function biasOf(y: Int8Array, alpha: Float64Array, gradient: Float64Array, C: number, pair: Working): number {
	let [sum, count] = [0, 0];
	for (let t = 0; t < y.length; t++) {
		if (alpha[t] > 0 && alpha[t] < C) {
			sum += -y[t] * gradient[t];
			count++;
		}
	}
	if (count) return sum / count;
	const { up, low } = pair;
	if (Number.isFinite(up) && Number.isFinite(low)) return (up + low) / 2;
	return Number.isFinite(up) ? up : Number.isFinite(low) ? low : 0;
}

function violationOf(pair: Working): number {
	return Number.isFinite(pair.up) && Number.isFinite(pair.low) ? Math.max(0, pair.up - pair.low) : 0;
}

/** α = 0 (all points outside the margin's reach), G = −1. */
export function startSolver(y: Int8Array, C: number): SvmState {
	const alpha = new Float64Array(y.length);
	const gradient = new Float64Array(y.length).fill(-1);
	const pair = workingPair(y, alpha, gradient, C, null);
	return { y, alpha, gradient, C, iterations: 0, violation: violationOf(pair), bias: biasOf(y, alpha, gradient, C, pair) };
}

/**
 * Up to `pairs` SMO updates on the kernel matrix K (n × n, row-major); stops early once the
 * KKT violation is under `tolerance`. Returns a new state (the arrays are copied).
 */
export function smoSteps(state: SvmState, K: Float64Array, pairs: number, tolerance = KKT_TOLERANCE): SvmState {
	const { y, C } = state;
	const n = y.length;
	const alpha = Float64Array.from(state.alpha);
	const gradient = Float64Array.from(state.gradient);
	let iterations = state.iterations;
	let pair = workingPair(y, alpha, gradient, C, K);
	for (let step = 0; step < pairs && violationOf(pair) >= tolerance && pair.j >= 0; step++) {
		const { i, j } = pair;
		// Move α_i by +y_i·t and α_j by −y_j·t: Σ αy stays, and the dual falls for t > 0.
		const curvature = K[i * n + i] + K[j * n + j] - 2 * K[i * n + j];
		let t = (-y[i] * gradient[i] + y[j] * gradient[j]) / (curvature > 0 ? curvature : TAU);
		t = Math.min(t, y[i] > 0 ? C - alpha[i] : alpha[i], y[j] > 0 ? alpha[j] : C - alpha[j]);
		alpha[i] = Math.min(C, Math.max(0, alpha[i] + y[i] * t));
		alpha[j] = Math.min(C, Math.max(0, alpha[j] - y[j] * t));
		for (let k = 0; k < n; k++) gradient[k] += y[k] * t * (K[k * n + i] - K[k * n + j]);
		iterations++;
		pair = workingPair(y, alpha, gradient, C, K);
	}
	return { y, alpha, gradient, C, iterations, violation: violationOf(pair), bias: biasOf(y, alpha, gradient, C, pair) };
}

/**
 * A solved state carried to a larger C: its α stay feasible (0 ≤ α ≤ C_old ≤ C) and the
 * gradient Qα − 1 does not involve C, so only the KKT test and the bias change. Starting a
 * large C from the smaller C's optimum takes far fewer pair updates than starting from 0.
 */
export function raiseC(state: SvmState, C: number): SvmState {
	if (C < state.C) throw new Error('raiseC: C can only grow');
	const { y, alpha, gradient } = state;
	const pair = workingPair(y, alpha, gradient, C, null);
	return { ...state, C, violation: violationOf(pair), bias: biasOf(y, alpha, gradient, C, pair) };
}

/** Solves to the tolerance (or `maxPairs`) at once: tests, the grid, the bench. */
export function solve(y: Int8Array, K: Float64Array, C: number, maxPairs = 200 * Math.max(1, y.length) + 1000): SvmState {
	return smoSteps(startSolver(y, C), K, maxPairs);
}

// ——— What the solution says ———

export interface Summary {
	/** Σα − ½αᵀQα, the dual objective (maximised). */
	dual: number;
	/** ½‖w‖² + C Σ max(0, 1 − yᵢf(xᵢ)): equal to the dual at the optimum. */
	primal: number;
	/** ‖w‖ in the kernel's feature space: √(αᵀQα). */
	weightNorm: number;
	/** The margin's width 2/‖w‖ (standardised units of the feature space), Infinity when w = 0. */
	marginWidth: number;
	supportVectors: number;
	/** Support vectors with α = C: inside the margin or misclassified. */
	atBound: number;
	trainAccuracy: number;
	/** f(xᵢ) for every training point. */
	scores: Float64Array;
}

/** f(xᵢ) on the training points without another kernel product: Σⱼ αⱼyⱼKᵢⱼ = yᵢ(Gᵢ + 1). */
export function trainingScores(state: SvmState): Float64Array {
	return Float64Array.from(state.y, (y, i) => y * (state.gradient[i] + 1) + state.bias);
}

/** α counted as a support vector above this share of C (SMO leaves exact zeros, but rounding can leave dust). */
const SUPPORT_SHARE = 1e-8;

export const isSupport = (state: SvmState, i: number) => state.alpha[i] > SUPPORT_SHARE * state.C;
export const isAtBound = (state: SvmState, i: number) => state.alpha[i] >= state.C * (1 - 1e-9);

export function summaryOf(state: SvmState): Summary {
	const { y, alpha, gradient, C } = state;
	let [sumAlpha, quadratic, hinge, correct, support, bound] = [0, 0, 0, 0, 0, 0];
	const scores = trainingScores(state);
	for (let i = 0; i < y.length; i++) {
		sumAlpha += alpha[i];
		quadratic += alpha[i] * (gradient[i] + 1);
		hinge += Math.max(0, 1 - y[i] * scores[i]);
		if ((scores[i] > 0 ? 1 : -1) === y[i]) correct++;
		if (isSupport(state, i)) support++;
		if (isAtBound(state, i)) bound++;
	}
	quadratic = Math.max(0, quadratic);
	const weightNorm = Math.sqrt(quadratic);
	return {
		dual: sumAlpha - quadratic / 2,
		primal: quadratic / 2 + C * hinge,
		weightNorm,
		marginWidth: weightNorm > 0 ? 2 / weightNorm : Infinity,
		supportVectors: support,
		atBound: bound,
		trainAccuracy: y.length ? correct / y.length : 0,
		scores
	};
}

/** The coefficients αᵢyᵢ of the decision function, for a product with a kernel matrix. */
export const coefficientsOf = (state: SvmState) => Float64Array.from(state.alpha, (a, i) => a * state.y[i]);

/** f at m points from their kernel rows against the training points (m × n, row-major). */
export function decisionValues(state: SvmState, rows: Float64Array): Float64Array {
	const n = state.y.length;
	const m = n ? rows.length / n : 0;
	const coefficients = coefficientsOf(state);
	const f = new Float64Array(m).fill(state.bias);
	for (let r = 0; r < m; r++) for (let i = 0; i < n; i++) if (coefficients[i] !== 0) f[r] += rows[r * n + i] * coefficients[i];
	return f;
}

/** The share of points whose sign of f matches their class. */
export function accuracyOf(f: ArrayLike<number>, y: ArrayLike<number>): number | null {
	if (y.length === 0) return null;
	let correct = 0;
	for (let i = 0; i < y.length; i++) if ((f[i] > 0 ? 1 : -1) === y[i]) correct++;
	return correct / y.length;
}

/**
 * w = Σ αᵢyᵢφ(xᵢ) for the kernels whose features are few and explicit: linear φ = (x, y),
 * lifted φ = (x, y, x² + y²) (the third weight 0 for linear). Null for the others.
 */
export function explicitWeights(state: SvmState, xy: Float64Array, kernel: KernelName): [number, number, number] | null {
	if (kernel !== 'linear' && kernel !== 'lift') return null;
	const w: [number, number, number] = [0, 0, 0];
	for (let i = 0; i < state.y.length; i++) {
		const c = state.alpha[i] * state.y[i];
		const [x, y] = [xy[2 * i], xy[2 * i + 1]];
		w[0] += c * x;
		w[1] += c * y;
		if (kernel === 'lift') w[2] += c * (x * x + y * y);
	}
	return w;
}

// ——— The decision function on a grid (TF.js) ———

export const GRID = 48;

/** The region the plane plot shows (data coordinates). */
export interface Box {
	x: [number, number];
	y: [number, number];
}

/** The points' extent with 10% to spare on each side (a unit either side of a single value). */
export function plotBox(points: readonly LabelledPoint[]): Box {
	const extent = (k: 0 | 1): [number, number] => {
		if (points.length === 0) return [-3, 3];
		let [lo, hi] = [Infinity, -Infinity];
		for (const p of points) [lo, hi] = [Math.min(lo, p[k]), Math.max(hi, p[k])];
		const pad = lo === hi ? Math.abs(lo) * 0.5 || 1 : (hi - lo) * 0.1;
		return [lo - pad, hi + pad];
	};
	return { x: extent(0), y: extent(1) };
}

/** The standardised centres of a GRID × GRID raster over the box, row by row from the bottom. */
export function gridPoints(box: Box, s: Scaling, size = GRID): Float64Array {
	const xy = new Float64Array(2 * size * size);
	for (let r = 0; r < size; r++) {
		for (let c = 0; c < size; c++) {
			const k = r * size + c;
			xy[2 * k] = (box.x[0] + ((c + 0.5) / size) * (box.x[1] - box.x[0]) - s.mx) / s.sx;
			xy[2 * k + 1] = (box.y[0] + ((r + 0.5) / size) * (box.y[1] - box.y[0]) - s.my) / s.sy;
		}
	}
	return xy;
}

/** A kernel matrix kept as a tensor (grid or test points × training points): f for any α in one matMul. */
export class KernelRows {
	readonly rows: tf.Tensor2D | null;
	readonly count: number;
	constructor(points: Float64Array, train: Float64Array, spec: KernelSpec) {
		this.count = points.length / 2;
		this.rows = this.count && train.length ? tf.tidy(() => kernelTensor(pointsTensor(points), pointsTensor(train), spec)) : null;
	}

	/** f at every row's point. */
	decision(state: SvmState): Float32Array {
		if (!this.rows) return new Float32Array(this.count).fill(state.bias);
		const coefficients = coefficientsOf(state);
		const result = tf.tidy(() => tf.add(tf.matMul(this.rows!, tf.tensor2d(Float32Array.from(coefficients), [coefficients.length, 1])), state.bias).reshape([this.count]));
		const values = result.dataSync() as Float32Array;
		result.dispose();
		return values;
	}

	dispose() {
		this.rows?.dispose();
	}
}

/**
 * The segments where a grid of values (rows × columns, row 0 at the bottom) crosses `level`,
 * by marching squares, in grid coordinates (column, row) of the cell centres.
 */
export function levelSegments(values: ArrayLike<number>, rows: number, columns: number, level: number): [number, number][][] {
	const segments: [number, number][][] = [];
	// Corners counter-clockwise from the bottom left, as offsets (column, row) from the cell's; edge e runs from corner e to corner e + 1.
	const DC = [0, 1, 1, 0];
	const DR = [0, 0, 1, 1];
	// One cell's corner values, reused from cell to cell (this runs on every frame while the SVM trains).
	const v = [0, 0, 0, 0];
	for (let r = 0; r + 1 < rows; r++) {
		for (let c = 0; c + 1 < columns; c++) {
			v[0] = values[r * columns + c] - level;
			v[1] = values[r * columns + c + 1] - level;
			v[2] = values[(r + 1) * columns + c + 1] - level;
			v[3] = values[(r + 1) * columns + c] - level;
			if (!(Number.isFinite(v[0]) && Number.isFinite(v[1]) && Number.isFinite(v[2]) && Number.isFinite(v[3]))) continue;
			const crossings: [number, number][] = [];
			for (let e = 0; e < 4; e++) {
				const f = (e + 1) % 4;
				const a = v[e];
				const b = v[f];
				if (a > 0 === b > 0) continue;
				const t = a / (a - b);
				crossings.push([c + DC[e] + t * (DC[f] - DC[e]), r + DR[e] + t * (DR[f] - DR[e])]);
			}
			if (crossings.length === 2) segments.push(crossings);
			else if (crossings.length === 4) segments.push([crossings[0], crossings[1]], [crossings[2], crossings[3]]);
		}
	}
	return segments;
}

// ——— The C × γ grid ———

export const C_GRID = [0.01, 0.1, 1, 10, 100, 1000];
export const GAMMA_GRID = [0.03, 0.1, 0.3, 1, 3, 10];

export interface GridResult {
	Cs: number[];
	/** [null] for kernels without γ. */
	gammas: (number | null)[];
	/** Test accuracy, row per γ, column per C. */
	accuracy: number[];
	/** Support vectors of each fit. */
	supportVectors: number[];
	/** Whether each fit reached the KKT tolerance. */
	converged: boolean[];
	trainSize: number;
	testSize: number;
}

/**
 * Test accuracy of an SVM for every C × γ of the grids (γ only for kernels that have it),
 * each trained to the KKT tolerance on `train` and scored on `test` (both standardised with
 * the training points' scaling). Each C starts from the optimum of the C before it (`raiseC`).
 * A job: it yields after each kernel matrix and every few hundred pair updates.
 */
export function* gridJob(train: readonly LabelledPoint[], test: readonly LabelledPoint[], kernel: KernelName, degree: number): Job<GridResult> {
	const scaling = scalingOf(train);
	const [trainXy, testXy] = [standardise(train, scaling), standardise(test, scaling)];
	const [y, yTest] = [labelsOf(train), labelsOf(test)];
	const gammas = usesGamma(kernel) ? GAMMA_GRID : [null];
	const result: GridResult = { Cs: C_GRID, gammas, accuracy: [], supportVectors: [], converged: [], trainSize: train.length, testSize: test.length };
	const maxPairs = 2000 * train.length + 10000;
	for (const gamma of gammas) {
		const spec: KernelSpec = { kernel, gamma: gamma ?? 1, degree };
		const K = kernelMatrix(trainXy, trainXy, spec);
		yield;
		const rows = kernelMatrix(testXy, trainXy, spec);
		yield;
		let state: SvmState | null = null;
		for (const C of C_GRID) {
			state = state ? raiseC(state, C) : startSolver(y, C);
			const before = state.iterations;
			while (state.violation >= KKT_TOLERANCE && state.iterations - before < maxPairs) {
				state = smoSteps(state, K, Math.max(10, Math.floor(8000 / Math.max(1, train.length))));
				yield;
			}
			result.accuracy.push(accuracyOf(decisionValues(state, rows), yTest) ?? 0);
			result.supportVectors.push(summaryOf(state).supportVectors);
			result.converged.push(state.violation < KKT_TOLERANCE);
			yield;
		}
	}
	return result;
}

// ——— The 3-D view ———

export type Vec3 = [number, number, number];

/** Rotation about the vertical axis (azimuth) then tilt (elevation): screen right, screen up, and depth (larger is farther). */
export function project([x, y, z]: Vec3, azimuth: number, elevation: number): Vec3 {
	const [ca, sa, ce, se] = [Math.cos(azimuth), Math.sin(azimuth), Math.cos(elevation), Math.sin(elevation)];
	const u = ca * x - sa * y;
	const v = sa * x + ca * y;
	// Seen from above at a positive elevation: far points rise on the screen, high ones come nearer.
	return [u, ce * z + se * v, ce * v - se * z];
}

/** The polygon where the plane n·p + d = 0 cuts the box [lo, hi]³ (per axis), in order around it; [] if it misses. */
export function planeInBox(normal: Vec3, d: number, lo: Vec3, hi: Vec3): Vec3[] {
	const corners: Vec3[] = [];
	for (let k = 0; k < 8; k++) corners.push([k & 1 ? hi[0] : lo[0], k & 2 ? hi[1] : lo[1], k & 4 ? hi[2] : lo[2]]);
	const side = corners.map((p) => normal[0] * p[0] + normal[1] * p[1] + normal[2] * p[2] + d);
	const points: Vec3[] = [];
	for (let a = 0; a < 8; a++) {
		for (const bit of [1, 2, 4]) {
			const b = a | bit;
			if (b === a) continue;
			const [fa, fb] = [side[a], side[b]];
			if (fa === 0 && fb === 0) continue;
			if (fa > 0 === fb > 0 && fa !== 0 && fb !== 0) continue;
			const t = fa === fb ? 0 : fa / (fa - fb);
			if (t < 0 || t > 1) continue;
			points.push([0, 1, 2].map((i) => corners[a][i] + t * (corners[b][i] - corners[a][i])) as Vec3);
		}
	}
	if (points.length < 3) return [];
	const centre = [0, 1, 2].map((i) => points.reduce((s, p) => s + p[i], 0) / points.length) as Vec3;
	// Order by angle around the centre, in two directions within the plane.
	const length = Math.hypot(...normal) || 1;
	const n = normal.map((v) => v / length) as Vec3;
	const helper: Vec3 = Math.abs(n[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
	const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
	const e1 = cross(n, helper);
	const e2 = cross(n, e1);
	const angle = (p: Vec3) => {
		const q = [p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]];
		return Math.atan2(q[0] * e2[0] + q[1] * e2[1] + q[2] * e2[2], q[0] * e1[0] + q[1] * e1[1] + q[2] * e1[2]);
	};
	const ordered = points.map((p) => ({ p, a: angle(p) })).sort((u, v) => u.a - v.a);
	// Drop repeats (a plane through a corner meets three edges there).
	const unique: Vec3[] = [];
	for (const { p } of ordered) if (!unique.some((q) => Math.hypot(q[0] - p[0], q[1] - p[1], q[2] - p[2]) < 1e-9)) unique.push(p);
	return unique.length >= 3 ? unique : [];
}
