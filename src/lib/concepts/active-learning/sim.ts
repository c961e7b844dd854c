/**
 * Active learning, simulated. A pool of 2-D points whose classes are hidden; a few are
 * labelled at the start (two per class, chosen by the seed). A softmax regression (logistic
 * regression for two classes) is fitted in TF.js to the labelled points, on plain or RBF
 * features, by Nesterov's accelerated gradient descent on the mean cross-entropy with a
 * small L2 penalty. A query strategy then names the pool point to label next: at random, or
 * the one the model is least sure of (least confidence, smallest margin, largest entropy).
 *
 * Fits are batched: many labelled sets (every strategy × every seed of the comparison) are
 * fitted at once as one [batch, m, d] problem, since at each step they all hold the same
 * number of labels.
 */
import * as tf from '$lib/engine/tfjs';
import type { LabelledPoint } from '$lib/common/geometry';
import { createRng, type Rng } from '$lib/engine/rng';
import type { Job } from '$lib/common/slices';

export type Strategy = 'random' | 'least' | 'margin' | 'entropy';
export const STRATEGIES: readonly Strategy[] = ['random', 'least', 'margin', 'entropy'];
export const STRATEGY_NAMES: Record<Strategy, string> = {
	random: 'random',
	least: 'least confidence',
	margin: 'smallest margin',
	entropy: 'largest entropy'
};
export type FeatureMap = 'linear' | 'rbf';
export type PresetName = 'blobs' | 'moons' | 'xor' | 'three';

/** The L2 penalty λ on every weight (bias included): keeps the fit finite on separable labels. */
export const PENALTY = 0.01;
export const FIRST_ITERATIONS = 150;
/** Each refit starts from the last weights, one label away from the new optimum. */
export const WARM_ITERATIONS = 60;
export const PER_CLASS_START = 2;
export const POOL_SIZE = 150;
export const TEST_SIZE = 300;

// ——— Query scores, from one point's class probabilities ———

/** The largest and the second largest probability (−∞ for a missing second). Scanned, not sorted: the plot asks for thousands per frame. */
function topTwo(p: ArrayLike<number>): [number, number] {
	let [first, second] = [-Infinity, -Infinity];
	for (let k = 0; k < p.length; k++) {
		if (p[k] > first) [first, second] = [p[k], first];
		else if (p[k] > second) second = p[k];
	}
	return [first, second];
}

/** Least confidence: 1 − the largest probability. */
export const leastConfidence = (p: ArrayLike<number>): number => 1 - topTwo(p)[0];

/** Margin: the largest probability minus the second (1 with a single class). A small margin is an uncertain point. */
export function margin(p: ArrayLike<number>): number {
	const [first, second] = topTwo(p);
	return p.length < 2 ? 1 : first - second;
}

/** Entropy in nats: −Σ p log p. */
export function entropyOf(p: ArrayLike<number>): number {
	let h = 0;
	for (let k = 0; k < p.length; k++) if (p[k] > 0) h -= p[k] * Math.log(p[k]);
	return h;
}

/** What a strategy maximises: larger is asked first. */
export function queryScore(strategy: Exclude<Strategy, 'random'>, p: ArrayLike<number>): number {
	if (strategy === 'least') return leastConfidence(p);
	if (strategy === 'margin') return -margin(p);
	return entropyOf(p);
}

/**
 * A strategy's uncertainty scaled to [0, 1] (1: all classes equally likely), for the picture:
 * least confidence over its largest value 1 − 1/K, 1 − margin, entropy over log K. Random
 * looks at no score; its picture is the entropy's.
 */
export function uncertainty(strategy: Strategy, p: ArrayLike<number>): number {
	const k = p.length;
	if (k < 2) return 0;
	const u = strategy === 'least' ? leastConfidence(p) / (1 - 1 / k) : strategy === 'margin' ? 1 - margin(p) : entropyOf(p) / Math.log(k);
	return Math.min(1, Math.max(0, u));
}

/**
 * The next pool point to label, or null when none is left: random draws one of the
 * unlabelled uniformly from `rng`; the others take the highest score (ties: the lowest index).
 */
export function chooseNext(strategy: Strategy, probabilities: Float64Array, classes: number, labelled: ReadonlySet<number>, rng: Rng): number | null {
	const n = probabilities.length / classes;
	const open: number[] = [];
	for (let i = 0; i < n; i++) if (!labelled.has(i)) open.push(i);
	if (open.length === 0) return null;
	if (strategy === 'random') return open[rng.int(open.length)];
	let [best, bestScore] = [open[0], -Infinity];
	for (const i of open) {
		const score = queryScore(strategy, probabilities.subarray(i * classes, (i + 1) * classes));
		if (score > bestScore) [best, bestScore] = [i, score];
	}
	return best;
}

/** The random stream of one query: a function of the seed, the repeat and the step only, so a strategy switch mid-run stays reproducible. */
export const queryRng = (seed: number, repeat: number, labels: number): Rng => createRng(seed).fork(`repeat-${repeat}`).fork(`query-${labels}`);

// ——— Data ———

const flip = (rng: Rng, c: number, share: number) => (rng.next() < share ? 1 - c : c);

function drawPoint(name: PresetName, rng: Rng): LabelledPoint {
	if (name === 'blobs') {
		const c = rng.next() < 0.5 ? 0 : 1;
		const sign = c ? 1 : -1;
		return [sign * 1 + rng.normal(), sign * 0.5 + rng.normal(), c];
	}
	if (name === 'moons') {
		const c = rng.next() < 0.5 ? 0 : 1;
		const t = Math.PI * rng.next();
		const [x, y] = c === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
		return [x + 0.18 * rng.normal(), y + 0.18 * rng.normal(), c];
	}
	if (name === 'xor') {
		const x = rng.uniform(-2, 2);
		const y = rng.uniform(-2, 2);
		return [x, y, flip(rng, x > 0 !== y > 0 ? 1 : 0, 0.04)];
	}
	const c = rng.int(3);
	const angle = Math.PI / 2 + (2 * Math.PI * c) / 3;
	return [1.6 * Math.cos(angle) + 0.85 * rng.normal(), 1.6 * Math.sin(angle) + 0.85 * rng.normal(), c];
}

/** A preset's pool, or a fresh sample of the same process to test on. */
export function presetPoints(name: PresetName, seed: number, which: 'pool' | 'test' = 'pool'): LabelledPoint[] {
	const rng = createRng(seed).fork(`${name}-${which}`);
	return Array.from({ length: which === 'pool' ? POOL_SIZE : TEST_SIZE }, () => drawPoint(name, rng));
}

/** How many classes the points fall into: the largest class + 1 (at least 1). */
export const classCount = (points: readonly LabelledPoint[]): number => points.reduce((k, p) => Math.max(k, p[2] + 1), 1);

/** The starting labels: up to `perClass` points of each class, drawn from `rng`, class by class. */
export function startingLabels(points: readonly LabelledPoint[], classes: number, rng: Rng, perClass = PER_CLASS_START): number[] {
	const chosen: number[] = [];
	for (let c = 0; c < classes; c++) {
		const members = points.flatMap((p, i) => (p[2] === c ? [i] : []));
		for (let j = 0; j < perClass && members.length; j++) chosen.push(members.splice(rng.int(members.length), 1)[0]);
	}
	return chosen;
}

/**
 * The `labelled` key: pool indices labelled after the starting set, in order, written `12,40,7`.
 * Entries that are not a pool point, are already labelled, or come past the budget are
 * dropped, and `problem` says so in plain words.
 */
export function parseLabelSequence(text: string, poolSize: number, starting: readonly number[], room: number): { indices: number[]; problem: string | null } {
	const entries = text.split(',').map((e) => e.trim()).filter((e) => e !== '');
	const taken = new Set(starting);
	const indices: number[] = [];
	let unusable = 0;
	for (const entry of entries) {
		const index = /^\d+$/.test(entry) ? Number(entry) : NaN;
		if (!(index < poolSize) || taken.has(index)) unusable++;
		else if (indices.length < room) {
			indices.push(index);
			taken.add(index);
		}
	}
	const over = entries.length - unusable - indices.length;
	const problems = [
		unusable ? `${unusable} of the labelled points ${unusable === 1 ? 'is' : 'are'} not a point of this pool or already labelled, and ${unusable === 1 ? 'was' : 'were'} skipped` : '',
		over ? `${over} more than the budget allows ${over === 1 ? 'was' : 'were'} left out` : ''
	].filter(Boolean);
	return { indices, problem: problems.length ? `labelled: ${problems.join('; ')}.` : null };
}

// ——— Features ———

export interface Scaling {
	mean: [number, number];
	sd: [number, number];
}

/** Mean and standard deviation of each coordinate over the pool (an sd of 0 counts as 1). */
export function scalingOf(points: readonly LabelledPoint[]): Scaling {
	const n = points.length;
	const mean: [number, number] = [0, 0];
	const sd: [number, number] = [1, 1];
	if (n === 0) return { mean, sd };
	for (const k of [0, 1] as const) {
		mean[k] = points.reduce((s, p) => s + p[k], 0) / n;
		const variance = points.reduce((s, p) => s + (p[k] - mean[k]) ** 2, 0) / n;
		sd[k] = variance > 1e-24 * (1 + mean[k] ** 2) ? Math.sqrt(variance) : 1;
	}
	return { mean, sd };
}

/** RBF centres: a 5 × 5 grid over ±2 standard deviations, one apart, each a bump of width 1. */
const CENTRES = Array.from({ length: 25 }, (_, i) => [(i % 5) - 2, Math.floor(i / 5) - 2] as const);

export const featureCount = (map: FeatureMap): number => (map === 'linear' ? 3 : 3 + CENTRES.length);

/** The feature rows (n × d, row by row) of points: 1, x and y standardised, and for RBF exp(−‖z − c‖² / 2) for each centre c. */
export function featuresOf(map: FeatureMap, scaling: Scaling, points: readonly (readonly number[])[]): Float32Array {
	const d = featureCount(map);
	const out = new Float32Array(points.length * d);
	points.forEach((p, i) => {
		const zx = (p[0] - scaling.mean[0]) / scaling.sd[0];
		const zy = (p[1] - scaling.mean[1]) / scaling.sd[1];
		const row = i * d;
		out[row] = 1;
		out[row + 1] = zx;
		out[row + 2] = zy;
		if (map === 'rbf') CENTRES.forEach(([cx, cy], j) => (out[row + 3 + j] = Math.exp(-((zx - cx) ** 2 + (zy - cy) ** 2) / 2)));
	});
	return out;
}

// ——— The fit ———

export interface BatchShape {
	batch: number;
	/** Labelled points in each problem (the same for all). */
	m: number;
	d: number;
	classes: number;
}

/**
 * The step size and momentum of each problem. The loss's curvature is at most L = ½ λmax(XᵀX/m) + λ
 * (softmax's Hessian in the logits is at most ½), λmax found by power iteration in plain numbers.
 * Fills in the problems from `first` to before `end`.
 */
function stepSizes({ rate, momentum }: { rate: Float32Array; momentum: Float32Array }, x: Float32Array, { m, d }: BatchShape, first: number, end: number, penalty: number) {
	const gram = new Float64Array(d * d);
	for (let b = first; b < end; b++) {
		gram.fill(0);
		for (let i = 0; i < m; i++) {
			const row = (b * m + i) * d;
			for (let r = 0; r < d; r++) for (let c = r; c < d; c++) gram[r * d + c] += (x[row + r] * x[row + c]) / m;
		}
		for (let r = 0; r < d; r++) for (let c = 0; c < r; c++) gram[r * d + c] = gram[c * d + r];
		let v = new Float64Array(d).fill(1 / Math.sqrt(d));
		let top = 0;
		for (let it = 0; it < 40; it++) {
			const next = new Float64Array(d);
			for (let r = 0; r < d; r++) for (let c = 0; c < d; c++) next[r] += gram[r * d + c] * v[c];
			top = Math.hypot(...next);
			if (!(top > 0)) break;
			v = next.map((e) => e / top);
		}
		const curvature = 0.5 * top * 1.05 + penalty;
		const q = Math.sqrt(penalty / curvature);
		rate[b] = 1 / curvature;
		momentum[b] = (1 - q) / (1 + q);
	}
}

/**
 * Fits `batch` softmax regressions at once: `x` holds batch × m feature rows, `labels` batch × m
 * classes; the weights are batch × d × classes, from `start` or zero. Minimises the mean
 * cross-entropy + (λ/2)·‖W‖² by Nesterov's method; yields every `chunk` iterations.
 */
export function* fitJob(x: Float32Array, labels: ArrayLike<number>, shape: BatchShape, start: Float32Array | null, iterations: number, penalty = PENALTY, chunk = 5): Job<Float32Array> {
	const { batch, m, d, classes } = shape;
	if (m === 0 || batch === 0) return start ?? new Float32Array(batch * d * classes);
	const rate = new Float32Array(batch);
	const momentum = new Float32Array(batch);
	for (let b = 0; b < batch; b += 2) {
		stepSizes({ rate, momentum }, x, shape, b, Math.min(batch, b + 2), penalty);
		yield;
	}
	const oneHot = new Float32Array(batch * m * classes);
	for (let i = 0; i < batch * m; i++) oneHot[i * classes + labels[i]] = 1;
	const X = tf.tensor3d(x, [batch, m, d]);
	const Xt = tf.transpose(X, [0, 2, 1]);
	const Y = tf.tensor3d(oneHot, [batch, m, classes]);
	const rates = tf.tensor3d(rate, [batch, 1, 1]);
	const beta = tf.tensor3d(momentum, [batch, 1, 1]);
	let w = start ? tf.tensor3d(start, [batch, d, classes]) : tf.zeros([batch, d, classes]);
	let previous = tf.clone(w);
	try {
		for (let it = 0; it < iterations; it++) {
			const next = tf.tidy(() => {
				const look = w.add(w.sub(previous).mul(beta));
				const p = tf.softmax(tf.matMul(X, look));
				const gradient = tf.matMul(Xt, p.sub(Y)).div(m).add(look.mul(penalty));
				return look.sub(gradient.mul(rates));
			});
			previous.dispose();
			previous = w;
			w = next;
			if (it % chunk === chunk - 1 && it < iterations - 1) yield;
		}
		return w.dataSync() as Float32Array;
	} finally {
		for (const t of [X, Xt, Y, rates, beta, w, previous]) t.dispose();
	}
}

/** The logits (n × batch × classes, row by row) of n feature rows under each of the batch's weights. */
export function logitsOf(features: Float32Array, n: number, weights: Float32Array, { batch, d, classes }: Omit<BatchShape, 'm'>): Float32Array {
	if (n === 0) return new Float32Array(0);
	return tf.tidy(() => {
		const w = tf.tensor3d(weights, [batch, d, classes]).transpose([1, 0, 2]).reshape([d, batch * classes]);
		return tf.matMul(tf.tensor2d(features, [n, d]), w).dataSync() as Float32Array;
	});
}

/** Softmax of each row of `classes` logits, in float64 (so every strategy sees the same numbers). */
export function softmaxRows(logits: ArrayLike<number>, classes: number): Float64Array {
	const out = new Float64Array(logits.length);
	for (let row = 0; row < logits.length; row += classes) {
		let top = -Infinity;
		for (let k = 0; k < classes; k++) top = Math.max(top, logits[row + k]);
		let sum = 0;
		for (let k = 0; k < classes; k++) sum += out[row + k] = Math.exp(logits[row + k] - top);
		for (let k = 0; k < classes; k++) out[row + k] /= sum;
	}
	return out;
}

/** The class of largest probability (ties: the lowest class). */
export function argmax(p: ArrayLike<number>, from: number, classes: number): number {
	let best = 0;
	for (let k = 1; k < classes; k++) if (p[from + k] > p[from + best]) best = k;
	return best;
}

/** The share of points whose largest-probability class is their own. */
export function accuracyOf(probabilities: ArrayLike<number>, points: readonly LabelledPoint[], classes: number): number | null {
	if (points.length === 0) return null;
	let right = 0;
	points.forEach((p, i) => (right += argmax(probabilities, i * classes, classes) === p[2] ? 1 : 0));
	return right / points.length;
}

// ——— One learner, step by step ———

/** What an active learner needs of its data: the pool, its features, the test set's. */
export interface Problem {
	pool: LabelledPoint[];
	test: LabelledPoint[];
	map: FeatureMap;
	classes: number;
	poolFeatures: Float32Array;
	testFeatures: Float32Array;
	scaling: Scaling;
}

export function problemOf(pool: LabelledPoint[], test: LabelledPoint[], map: FeatureMap): Problem {
	const scaling = scalingOf(pool);
	const classes = Math.max(classCount(pool), classCount(test));
	return { pool, test, map, classes, scaling, poolFeatures: featuresOf(map, scaling, pool), testFeatures: featuresOf(map, scaling, test) };
}

/** The labelled sets' features and classes, for a batched fit. */
function gatherLabelled(problem: Problem, sets: readonly (readonly number[])[]): { x: Float32Array; labels: Int32Array } {
	const d = featureCount(problem.map);
	const m = sets[0]?.length ?? 0;
	const x = new Float32Array(sets.length * m * d);
	const labels = new Int32Array(sets.length * m);
	sets.forEach((set, b) =>
		set.forEach((i, j) => {
			x.set(problem.poolFeatures.subarray(i * d, (i + 1) * d), (b * m + j) * d);
			labels[b * m + j] = problem.pool[i][2];
		})
	);
	return { x, labels };
}

export interface Fitted {
	/** batch × d × classes. */
	weights: Float32Array;
	/** Per problem of the batch: the pool's class probabilities (n × classes). */
	poolProbabilities: Float64Array[];
	accuracy: (number | null)[];
}

/** Fits every labelled set (all of one size) and reads the pool's probabilities and the test accuracy of each. */
export function* fitSetsJob(problem: Problem, sets: readonly (readonly number[])[], start: Float32Array | null): Job<Fitted> {
	const { classes, pool, test } = problem;
	const shape = { batch: sets.length, m: sets[0]?.length ?? 0, d: featureCount(problem.map), classes };
	const { x, labels } = gatherLabelled(problem, sets);
	// An iteration is some ten TF.js ops whatever the batch (about 0.5 ms for one problem): yield every few, fewer for a larger batch, so that each piece stays small.
	const chunk = Math.max(1, Math.round(10 / shape.batch));
	const weights = yield* fitJob(x, labels, shape, start, start ? WARM_ITERATIONS : FIRST_ITERATIONS, PENALTY, chunk);
	function* split(logits: Float32Array, n: number): Job<Float64Array[]> {
		const out: Float64Array[] = [];
		for (let b = 0; b < shape.batch; b++) {
			const rows = new Float32Array(n * classes);
			for (let i = 0; i < n; i++) rows.set(logits.subarray((i * shape.batch + b) * classes, (i * shape.batch + b + 1) * classes), i * classes);
			out.push(softmaxRows(rows, classes));
			if (b % 20 === 19) yield;
		}
		return out;
	}
	const poolProbabilities = yield* split(logitsOf(problem.poolFeatures, pool.length, weights, shape), pool.length);
	yield;
	const testProbabilities = yield* split(logitsOf(problem.testFeatures, test.length, weights, shape), test.length);
	return { weights, poolProbabilities, accuracy: testProbabilities.map((p) => accuracyOf(p, test, classes)) };
}

// ——— The comparison: every strategy, averaged over seeds ———

export interface StrategyCurve {
	strategy: Strategy;
	/** Mean test accuracy at each number of labels, and the mean ± one standard deviation over seeds. */
	mean: number[];
	low: number[];
	high: number[];
	/** Each seed's curve. */
	runs: number[][];
}

export interface Comparison {
	/** The numbers of labels the curves are measured at. */
	labels: number[];
	curves: StrategyCurve[];
	repeats: number;
}

/**
 * Every strategy from the same starting labels of each repeat (repeat r starts as the run
 * with seed `seed` does when r = 0), labelled one point at a time up to `budget` labels,
 * all fitted together in one batch per step.
 */
export function* comparisonJob(problem: Problem, seed: number, repeats: number, budget: number): Job<Comparison> {
	const { pool, classes } = problem;
	const starts = Array.from({ length: repeats }, (_, r) => startingLabels(pool, classes, createRng(seed).fork(`repeat-${r}`)));
	const sets = STRATEGIES.flatMap(() => starts.map((s) => [...s]));
	const first = starts[0]?.length ?? 0;
	const last = Math.min(budget, pool.length);
	const labels: number[] = [];
	const accuracy: number[][] = sets.map(() => []);
	let weights: Float32Array | null = null;
	for (let size = first; size <= last && size > 0; size++) {
		yield;
		const fitted: Fitted = yield* fitSetsJob(problem, sets, weights);
		weights = fitted.weights;
		labels.push(size);
		fitted.accuracy.forEach((a, b) => accuracy[b].push(a ?? 0));
		if (size === last) break;
		for (let b = 0; b < sets.length; b++) {
			const strategy = STRATEGIES[Math.floor(b / repeats)];
			sets[b].push(chooseNext(strategy, fitted.poolProbabilities[b], classes, new Set(sets[b]), queryRng(seed, b % repeats, size))!);
			if (b % 4 === 3) yield;
		}
	}
	const curves = STRATEGIES.map((strategy, s): StrategyCurve => {
		const runs = accuracy.slice(s * repeats, (s + 1) * repeats);
		const mean: number[] = [];
		const low: number[] = [];
		const high: number[] = [];
		labels.forEach((_, t) => {
			const values = runs.map((run) => run[t]);
			const mu = values.reduce((a, b) => a + b, 0) / values.length;
			const sd = Math.sqrt(values.reduce((a, b) => a + (b - mu) ** 2, 0) / values.length);
			mean.push(mu);
			low.push(Math.max(0, mu - sd));
			high.push(Math.min(1, mu + sd));
		});
		return { strategy, mean, low, high, runs };
	});
	return { labels, curves, repeats };
}
