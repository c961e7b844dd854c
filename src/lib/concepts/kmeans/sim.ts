/**
 * Lloyd's algorithm for k-means, one half-step at a time, on TF.js.
 *
 * State is plain data (typed arrays and numbers); each step computes inside `tf.tidy` and
 * reads plain arrays back, so a step leaves no tensor behind. The one exception is the
 * points themselves: the last few point sets stay uploaded (a bounded cache, below), since
 * every step of every run on the same data needs them.
 *
 * A full iteration is two half-steps:
 * - assign: every point joins its nearest centroid (`changed` counts the switches);
 * - update: every centroid moves to the mean of its points (`shift` is the largest move).
 * Inertia — the sum of squared distances from points to their centroids — can only fall
 * or stay at each half-step. The run has converged when an assignment changes no point
 * (an exact fixed point), or when an update moves no centroid by `tol` or more.
 */
import * as tf from '$lib/engine/tfjs';
import { createRng, type Rng } from '$lib/engine/rng';
import { runNow, type Job } from '$lib/common/slices';
import type { Point } from '$lib/common/geometry';
import { generateDataset } from './datasets';
import type { InitMethod, KMeansParams } from './params';

export type Phase = 'assign' | 'update';
export type ConvergedBy = 'no-change' | 'tolerance';

export interface HistoryEntry {
	iteration: number;
	inertia: number;
	centroids: Point[];
}

export interface KMeansState {
	/** Interleaved coordinates x0, y0, x1, y1, … */
	points: Float32Array;
	/** Σ‖x‖² over the points (for inertia from cluster totals). */
	totalSquares: number;
	k: number;
	tol: number;
	centroids: Point[];
	/** Cluster of each point; null until the first assignment (except after a random partition). */
	assignments: Int32Array | null;
	/** Totals of the current assignment per cluster: [sumX, sumY, count] × k. */
	sums: Float64Array | null;
	/** The half-step that comes next. */
	phase: Phase;
	/** Completed full iterations (assign + update). */
	iteration: number;
	/** Inertia of the current assignments with the current centroids. */
	inertia: number | null;
	/** Points that switched cluster in the last assignment. */
	changed: number | null;
	/** Largest centroid move in the last update. */
	shift: number | null;
	converged: ConvergedBy | null;
	/** trails[j]: every position centroid j has had, oldest first. */
	trails: Point[][];
	/** One entry per completed iteration. */
	history: HistoryEntry[];
	/** Inertia after every half-step: at t + 0.5 after the assignment of iteration t + 1, at t + 1 after its update. */
	trace: { at: number; inertia: number }[];
	/** Sentences about what the last step did that a reader should hear (empty clusters). */
	events: string[];
}

// ---------------------------------------------------------------------------------------
// TF.js kernels: plain arrays in, plain arrays out.

function centroidTensor(centroids: Point[]): tf.Tensor2D {
	return tf.tensor2d(centroids.flat(), [centroids.length, 2]);
}

/**
 * Cluster indicators [n, k]: row i is one-hot at labels[i]. (tf.oneHot refuses depth 1,
 * and TF.js 4.22's wasm kernel ignores its dtype argument: cast instead.)
 */
export function membership(labels: Int32Array, k: number): tf.Tensor2D {
	if (k === 1) return tf.ones([labels.length, 1]);
	return tf.oneHot(tf.tensor1d(labels, 'int32'), k).toFloat() as tf.Tensor2D;
}

/** A point set on the backend, uploaded once and reused by every step that sees it. */
type PointTensors = {
	/** [n, 2] */
	xy: tf.Tensor2D;
	/** [n, 3]: x, y and a column of ones (so that one product can add a bias). */
	withOnes: tf.Tensor2D;
	xs: tf.Tensor1D;
	ys: tf.Tensor1D;
	ones: tf.Tensor1D;
};

// A few recent point sets (a widget's data, restarts, the k sweep all share one). At most
// UPLOADS_KEPT sets stay on the backend — a bounded cache, not a leak: the oldest is
// freed when a new one arrives. Tests free them all with releasePointTensors().
const uploaded = new Map<Float32Array, PointTensors>();
const UPLOADS_KEPT = 3;

function pointTensors(points: Float32Array): PointTensors {
	let entry = uploaded.get(points);
	if (!entry) {
		const n = points.length / 2;
		entry = tf.tidy(() => {
			const x = tf.tensor2d(points, [n, 2]);
			return {
				xy: x,
				withOnes: tf.concat([x, tf.ones([n, 1])], 1) as tf.Tensor2D,
				xs: x.slice([0, 0], [n, 1]).reshape([n]) as tf.Tensor1D,
				ys: x.slice([0, 1], [n, 1]).reshape([n]) as tf.Tensor1D,
				ones: tf.ones([n]) as tf.Tensor1D
			};
		});
		uploaded.set(points, entry);
		if (uploaded.size > UPLOADS_KEPT) {
			const [oldest, tensors] = uploaded.entries().next().value!;
			tf.dispose(tensors);
			uploaded.delete(oldest);
		}
	}
	return entry;
}

/** Frees the uploaded point sets (a page that is done with k-means; tests). */
export function releasePointTensors() {
	for (const tensors of uploaded.values()) tf.dispose(tensors);
	uploaded.clear();
}

/**
 * Per-cluster totals of an assignment, [sumX, sumY, count] for cluster 0, then 1, …:
 * everything the update step and the inertia need. Summed by TF.js `bincount` with the
 * coordinates as weights — a segment sum in one pass, no n × k one-hot matrix.
 */
function segmentSums(labels: tf.Tensor1D, { xs, ys, ones }: PointTensors, k: number): tf.Tensor2D {
	return tf.stack([tf.bincount(labels, xs, k), tf.bincount(labels, ys, k), tf.bincount(labels, ones, k)], 1) as tf.Tensor2D;
}

/**
 * The nearest centroid of every point (ties go to the lower index) and the totals of
 * the clusters this makes. Since ‖x − c‖² = ‖x‖² − 2(x·c − ‖c‖²/2), the nearest centroid
 * is the one with the largest score x·c − ‖c‖²/2: a single product of [x, y, 1] with
 * [cx; cy; −‖c‖²/2] scores every point against every centroid.
 */
export function assignToNearest(points: Float32Array, centroids: Point[]): { assignments: Int32Array; sums: Float64Array } {
	const tensors = pointTensors(points);
	const k = centroids.length;
	const weights = new Float32Array(3 * k);
	centroids.forEach(([cx, cy], j) => {
		weights[j] = cx;
		weights[k + j] = cy;
		weights[2 * k + j] = -(cx * cx + cy * cy) / 2;
	});
	const [labels, sums] = tf.tidy(() => {
		const nearest = tf.matMul(tensors.withOnes, tf.tensor2d(weights, [3, k])).argMax(1) as tf.Tensor1D;
		return [nearest, segmentSums(nearest, tensors, k)];
	});
	const assignments = Int32Array.from(labels.dataSync() as Int32Array);
	const totals = Float64Array.from(sums.dataSync());
	tf.dispose([labels, sums]);
	return { assignments, sums: totals };
}

/** The per-cluster totals ([sumX, sumY, count] each) of a given assignment. */
export function clusterSums(points: Float32Array, assignments: Int32Array, k: number): Float64Array {
	const tensors = pointTensors(points);
	const sums = tf.tidy(() => segmentSums(tf.tensor1d(assignments, 'int32'), tensors, k));
	const totals = Float64Array.from(sums.dataSync());
	sums.dispose();
	return totals;
}

/** Σ‖x‖² over all points, in double precision. */
export function sumOfSquares(points: Float32Array): number {
	let total = 0;
	for (let i = 0; i < points.length; i++) total += points[i] * points[i];
	return total;
}

/**
 * Inertia from cluster totals: Σ over clusters of Σ‖x − c‖² = Σ‖x‖² − 2c·S + n‖c‖², where S
 * and n are the cluster's coordinate sum and count. No pass over the points is needed.
 */
export function inertiaFromSums(totalSquares: number, sums: Float64Array, centroids: Point[]): number {
	let inertia = totalSquares;
	centroids.forEach(([cx, cy], j) => {
		const [sx, sy, count] = [sums[3 * j], sums[3 * j + 1], sums[3 * j + 2]];
		inertia += count * (cx * cx + cy * cy) - 2 * (cx * sx + cy * sy);
	});
	return Math.max(0, inertia);
}

/** Squared distance from every point to its assigned centroid. */
export function distancesToOwnCentroid(points: Float32Array, centroids: Point[], assignments: Int32Array): Float32Array {
	const { xy: x } = pointTensors(points);
	const d = tf.tidy(() => {
		const own = tf.gather(centroidTensor(centroids), tf.tensor1d(assignments, 'int32'));
		return tf.squaredDifference(x, own).sum(1);
	});
	const data = Float32Array.from(d.dataSync() as Float32Array);
	d.dispose();
	return data;
}

/** Squared distance from every point to the nearest of `centres`. */
export function minSquaredDistances(points: Float32Array, centres: Point[]): Float32Array {
	const { xy: x } = pointTensors(points);
	const d = tf.tidy(() => {
		const c = centroidTensor(centres);
		// [n, 1, 2] − [1, m, 2] → [n, m]: exact differences, no cancellation.
		return tf.squaredDifference(x.expandDims(1), c.expandDims(0)).sum(2).min(1);
	});
	const data = Float32Array.from(d.dataSync() as Float32Array);
	d.dispose();
	return data;
}

// ---------------------------------------------------------------------------------------
// Initialisation

function pointAt(points: Float32Array, i: number): Point {
	return [points[2 * i], points[2 * i + 1]];
}

/** k data points chosen uniformly (Forgy); distinct ones while there are enough points. */
export function initRandomPoints(points: Float32Array, k: number, rng: Rng): Point[] {
	const n = points.length / 2;
	const chosen = new Set<number>();
	while (chosen.size < Math.min(k, n)) chosen.add(rng.int(n));
	const picks = [...chosen];
	while (picks.length < k) picks.push(rng.int(n));
	return picks.map((i) => pointAt(points, i));
}

/** A random cluster for every point; the centroids are the means of those groups. */
export function initRandomPartition(
	points: Float32Array,
	k: number,
	rng: Rng
): { centroids: Point[]; assignments: Int32Array; sums: Float64Array } {
	const n = points.length / 2;
	const assignments = new Int32Array(n);
	for (let i = 0; i < n; i++) assignments[i] = rng.int(k);
	const sums = clusterSums(points, assignments, k);
	const centroids: Point[] = [];
	for (let j = 0; j < k; j++) {
		const count = sums[3 * j + 2];
		// A group that drew no point starts at a random point instead.
		centroids.push(count > 0 ? [sums[3 * j] / count, sums[3 * j + 1] / count] : pointAt(points, rng.int(n)));
	}
	return { centroids, assignments, sums };
}

/** A random first point, then each next centroid is the point farthest from those chosen. */
export function initFarthestPoint(points: Float32Array, k: number, rng: Rng): Point[] {
	const centroids: Point[] = [pointAt(points, rng.int(points.length / 2))];
	while (centroids.length < k) {
		const d2 = minSquaredDistances(points, centroids);
		let farthest = 0;
		for (let i = 1; i < d2.length; i++) if (d2[i] > d2[farthest]) farthest = i;
		centroids.push(pointAt(points, farthest));
	}
	return centroids;
}

/**
 * k-means++ (Arthur & Vassilvitskii 2007): the first centroid is a uniform random point;
 * each next one is a point drawn with probability proportional to D(x)², its squared
 * distance to the nearest centroid chosen so far.
 */
export function initKMeansPlusPlus(points: Float32Array, k: number, rng: Rng): Point[] {
	const centroids: Point[] = [pointAt(points, rng.int(points.length / 2))];
	while (centroids.length < k) {
		const d2 = minSquaredDistances(points, centroids);
		// All points on chosen centroids (duplicates): any point will do.
		const pick = d2.some((d) => d > 0) ? rng.weighted(d2) : rng.int(d2.length);
		centroids.push(pointAt(points, pick));
	}
	return centroids;
}

// ---------------------------------------------------------------------------------------
// State

/** The points of a run: the generated dataset followed by the points the user added. */
export function buildPoints(params: Pick<KMeansParams, 'dataset' | 'n' | 'centers' | 'added'>, seed: number): Float32Array {
	const generated = generateDataset(params.dataset, params.n, params.centers, createRng(seed).fork('data'));
	const points = new Float32Array(generated.length + 2 * params.added.length);
	points.set(generated);
	params.added.forEach(([x, y], i) => points.set([x, y], generated.length + 2 * i));
	return points;
}

/** The random stream of start number `start` for data seeded `seed`. */
export function startRng(seed: number, start: number): Rng {
	return createRng(seed).fork(`start-${start}`);
}

export interface InitOptions {
	init: InitMethod;
	k: number;
	tol: number;
	/** Used when `init` is `manual`: exactly k points. */
	manual?: Point[];
}

/** A run at iteration 0 with its first centroids placed; nothing assigned yet. */
export function createState(points: Float32Array, options: InitOptions, rng: Rng): KMeansState {
	const { init, k, tol } = options;
	let centroids: Point[];
	let assignments: Int32Array | null = null;
	let sums: Float64Array | null = null;
	switch (init) {
		case 'random':
			centroids = initRandomPoints(points, k, rng);
			break;
		case 'partition':
			({ centroids, assignments, sums } = initRandomPartition(points, k, rng));
			break;
		case 'farthest':
			centroids = initFarthestPoint(points, k, rng);
			break;
		case 'kmeans++':
			centroids = initKMeansPlusPlus(points, k, rng);
			break;
		case 'manual':
			if (!options.manual || options.manual.length !== k) throw new Error(`manual initialisation needs ${k} centroids`);
			centroids = options.manual.map(([x, y]) => [x, y] as Point);
			break;
	}
	const totalSquares = sumOfSquares(points);
	const inertia = sums ? inertiaFromSums(totalSquares, sums, centroids) : null;
	return {
		points,
		totalSquares,
		k,
		tol,
		centroids,
		assignments,
		sums,
		phase: 'assign',
		iteration: 0,
		inertia,
		changed: null,
		shift: null,
		converged: null,
		trails: centroids.map((c) => [c]),
		history: [],
		trace: inertia === null ? [] : [{ at: 0, inertia }],
		events: []
	};
}

/** The assign half-step: all the TF.js work of an iteration happens here. */
export function assignStep(state: KMeansState): KMeansState {
	const { assignments, sums } = assignToNearest(state.points, state.centroids);
	let changed = assignments.length;
	if (state.assignments) {
		changed = 0;
		for (let i = 0; i < assignments.length; i++) if (assignments[i] !== state.assignments[i]) changed++;
	}
	const inertia = inertiaFromSums(state.totalSquares, sums, state.centroids);
	return {
		...state,
		assignments,
		sums,
		inertia,
		changed,
		trace: [...state.trace, { at: state.iteration + 0.5, inertia }],
		phase: 'update',
		converged: changed === 0 ? 'no-change' : null,
		events: []
	};
}

/**
 * The update half-step: every centroid moves to the mean of its points.
 *
 * A cluster left with no points has no mean. As scikit-learn does, it takes over the point
 * farthest from its own centroid (the worst-served point), and that point leaves its old
 * cluster before the means are computed — so the two centroids cannot end up on the same
 * spot. Points whose cluster would be left empty, and points already sitting on their
 * centroid, are passed over; if none is left (more clusters than distinct points), the
 * cluster stays empty and the reader is told. None of this can raise the inertia: the
 * moved point lands at distance 0, and a mean is the best place for the rest.
 */
export function updateStep(state: KMeansState): KMeansState {
	if (!state.assignments || !state.sums) throw new Error('updateStep() before the first assignment');
	const { points, k } = state;
	let assignments = state.assignments;
	let sums = state.sums;
	const events: string[] = [];
	const empty = Array.from({ length: k }, (_, j) => j).filter((j) => sums[3 * j + 2] === 0);
	if (empty.length) {
		assignments = Int32Array.from(assignments);
		sums = Float64Array.from(sums);
		const d2 = distancesToOwnCentroid(points, state.centroids, state.assignments);
		const farthestFirst = Array.from(d2.keys()).sort((a, b) => d2[b] - d2[a] || a - b);
		let next = 0;
		for (const j of empty) {
			while (next < farthestFirst.length && !(d2[farthestFirst[next]] > 0 && sums[3 * assignments[farthestFirst[next]] + 2] > 1)) next++;
			if (next === farthestFirst.length) {
				events.push(`Cluster ${j + 1} stays empty: every point already sits on a centroid.`);
				continue;
			}
			const p = farthestFirst[next++];
			const [x, y] = pointAt(points, p);
			const old = assignments[p];
			sums.set([sums[3 * old] - x, sums[3 * old + 1] - y, sums[3 * old + 2] - 1], 3 * old);
			sums.set([x, y, 1], 3 * j);
			assignments[p] = j;
			events.push(`Cluster ${j + 1} had no points; it was moved to the point farthest from its centroid.`);
		}
	}
	const centroids: Point[] = state.centroids.map((previous, j) => {
		const count = sums[3 * j + 2];
		return count > 0 ? [sums[3 * j] / count, sums[3 * j + 1] / count] : previous;
	});
	let shift = 0;
	for (let j = 0; j < k; j++) {
		shift = Math.max(shift, Math.hypot(centroids[j][0] - state.centroids[j][0], centroids[j][1] - state.centroids[j][1]));
	}
	const inertia = inertiaFromSums(state.totalSquares, sums, centroids);
	const iteration = state.iteration + 1;
	return {
		...state,
		assignments,
		sums,
		centroids,
		inertia,
		shift,
		iteration,
		phase: 'assign',
		converged: shift < state.tol ? 'tolerance' : null,
		trails: state.trails.map((trail, j) => [...trail, centroids[j]]),
		history: [...state.history, { iteration, inertia, centroids }],
		trace: [...state.trace, { at: iteration, inertia }],
		events
	};
}

/** One half-step: whichever comes next. A converged run stays as it is. */
export function halfStep(state: KMeansState): KMeansState {
	if (state.converged) return state;
	return state.phase === 'assign' ? assignStep(state) : updateStep(state);
}

/**
 * A run that has not converged after this many iterations stops (the widget's, restarts',
 * the k sweep's). Lloyd's algorithm always converges; this is a safety net.
 */
export const MAX_ITERATIONS = 300;

/** Half-steps until converged or `maxIterations`, yielding after each one (a job: see engine/slices). */
export function* convergeJob(state: KMeansState, maxIterations = MAX_ITERATIONS): Job<KMeansState> {
	let current = state;
	while (!current.converged && current.iteration < maxIterations) {
		current = halfStep(current);
		yield;
	}
	return current;
}

/** The same, straight through. */
export function runToConvergence(state: KMeansState, maxIterations = MAX_ITERATIONS): KMeansState {
	return runNow(convergeJob(state, maxIterations));
}
