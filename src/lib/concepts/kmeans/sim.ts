/**
 * Lloyd's algorithm for k-means, one half-step at a time, on TF.js.
 *
 * State is plain data (typed arrays and numbers); each step uploads what it needs,
 * computes inside `tf.tidy`, and reads plain arrays back, so no tensor outlives a call.
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
import type { Point } from '$lib/widget/schema';
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
	k: number;
	tol: number;
	centroids: Point[];
	/** Cluster of each point; null until the first assignment (except after a random partition). */
	assignments: Int32Array | null;
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
	/** Sentences about what the last step did that a reader should hear (empty clusters). */
	events: string[];
}

// ---------------------------------------------------------------------------------------
// TF.js kernels: plain arrays in, plain arrays out.

function centroidTensor(centroids: Point[]): tf.Tensor2D {
	return tf.tensor2d(centroids.flat(), [centroids.length, 2]);
}

/** Cluster indicators [n, k]: row i is one-hot at labels[i]. (tf.oneHot refuses depth 1.) */
export function membership(labels: Int32Array, k: number): tf.Tensor2D {
	if (k === 1) return tf.ones([labels.length, 1]);
	return tf.oneHot(tf.tensor1d(labels, 'int32'), k).toFloat() as tf.Tensor2D;
}

/**
 * Nearest centroid of every point (ties go to the lower index) and the inertia of that
 * assignment. Uses ‖x − c‖² = ‖x‖² − 2(x·c − ‖c‖²/2): one matrix product gives the score
 * x·c − ‖c‖²/2 of every point–centroid pair, and the nearest centroid has the largest.
 * (Not `tf.fused.matMul` with a bias: TF.js 4.22's wasm kernel broadcasts a 1-D bias
 * wrongly — a test runs this on wasm.)
 */
export function nearestCentroids(points: Float32Array, centroids: Point[]): { assignments: Int32Array; inertia: number } {
	const n = points.length / 2;
	const [assignment, inertia] = tf.tidy(() => {
		const x = tf.tensor2d(points, [n, 2]);
		const c = centroidTensor(centroids);
		const scores = tf.matMul(x, c, false, true).add(c.square().sum(1).mul(-0.5));
		// Per point first, then summed: the cancellation in ‖x‖² − 2·score stays per point.
		const nearestSquared = x.square().sum(1).sub(scores.max(1).mul(2)).relu();
		return [scores.argMax(1), nearestSquared.sum()];
	});
	const assignments = assignment.dataSync() as Int32Array;
	const value = inertia.dataSync()[0];
	tf.dispose([assignment, inertia]);
	return { assignments: Int32Array.from(assignments), inertia: value };
}

/** Per cluster: the sum of its points' coordinates and their count, as [sumX, sumY, count]. */
export function clusterSums(points: Float32Array, assignments: Int32Array, k: number): Float32Array {
	const n = points.length / 2;
	const sums = tf.tidy(() => {
		const withOnes = tf.concat([tf.tensor2d(points, [n, 2]), tf.ones([n, 1])], 1);
		return tf.matMul(membership(assignments, k), withOnes, true, false);
	});
	const data = sums.dataSync() as Float32Array;
	sums.dispose();
	return Float32Array.from(data);
}

/** Squared distance from every point to its assigned centroid. */
export function distancesToOwnCentroid(points: Float32Array, centroids: Point[], assignments: Int32Array): Float32Array {
	const n = points.length / 2;
	const d = tf.tidy(() => {
		const x = tf.tensor2d(points, [n, 2]);
		const own = tf.gather(centroidTensor(centroids), tf.tensor1d(assignments, 'int32'));
		return tf.squaredDifference(x, own).sum(1);
	});
	const data = Float32Array.from(d.dataSync() as Float32Array);
	d.dispose();
	return data;
}

/** Squared distance from every point to the nearest of `centres`. */
export function minSquaredDistances(points: Float32Array, centres: Point[]): Float32Array {
	const n = points.length / 2;
	const d = tf.tidy(() => {
		const x = tf.tensor2d(points, [n, 2]);
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

/** k distinct data points, chosen uniformly (Forgy). */
export function initRandomPoints(points: Float32Array, k: number, rng: Rng): Point[] {
	const n = points.length / 2;
	const chosen = new Set<number>();
	while (chosen.size < Math.min(k, n)) chosen.add(rng.int(n));
	return [...chosen].map((i) => pointAt(points, i));
}

/** A random cluster for every point; the centroids are the means of those groups. */
export function initRandomPartition(points: Float32Array, k: number, rng: Rng): { centroids: Point[]; assignments: Int32Array } {
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
	return { centroids, assignments };
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
	switch (init) {
		case 'random':
			centroids = initRandomPoints(points, k, rng);
			break;
		case 'partition':
			({ centroids, assignments } = initRandomPartition(points, k, rng));
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
	const inertia = assignments ? assignedInertia(points, centroids, assignments) : null;
	return {
		points,
		k,
		tol,
		centroids,
		assignments,
		phase: 'assign',
		iteration: 0,
		inertia,
		changed: null,
		shift: null,
		converged: null,
		trails: centroids.map((c) => [c]),
		history: [],
		events: []
	};
}

function assignedInertia(points: Float32Array, centroids: Point[], assignments: Int32Array): number {
	return distancesToOwnCentroid(points, centroids, assignments).reduce((sum, d) => sum + d, 0);
}

/** The assign half-step. */
export function assignStep(state: KMeansState): KMeansState {
	const { assignments, inertia } = nearestCentroids(state.points, state.centroids);
	let changed = assignments.length;
	if (state.assignments) {
		changed = 0;
		for (let i = 0; i < assignments.length; i++) if (assignments[i] !== state.assignments[i]) changed++;
	}
	return {
		...state,
		assignments,
		inertia,
		changed,
		phase: 'update',
		converged: changed === 0 ? 'no-change' : null,
		events: []
	};
}

/**
 * The update half-step. A cluster left with no points would have no mean; it is moved
 * instead to the point farthest from its own centroid (the worst-served point), which
 * splits the cluster that point belongs to. Inertia cannot rise: an empty cluster adds
 * nothing to it, and the next assignment can only lower it.
 */
export function updateStep(state: KMeansState): KMeansState {
	if (!state.assignments) throw new Error('updateStep() before the first assignment');
	const { points, k, assignments } = state;
	const sums = clusterSums(points, assignments, k);
	const centroids: Point[] = [];
	const empty: number[] = [];
	for (let j = 0; j < k; j++) {
		const count = sums[3 * j + 2];
		if (count > 0) centroids.push([sums[3 * j] / count, sums[3 * j + 1] / count]);
		else {
			centroids.push(state.centroids[j]);
			empty.push(j);
		}
	}
	const events: string[] = [];
	if (empty.length) {
		const d2 = distancesToOwnCentroid(points, state.centroids, assignments);
		const farthestFirst = Array.from(d2.keys()).sort((a, b) => d2[b] - d2[a] || a - b);
		empty.forEach((j, e) => {
			centroids[j] = pointAt(points, farthestFirst[e]);
			events.push(`Cluster ${j + 1} had no points; it was moved to the point farthest from its centroid.`);
		});
	}
	let shift = 0;
	for (let j = 0; j < k; j++) {
		shift = Math.max(shift, Math.hypot(centroids[j][0] - state.centroids[j][0], centroids[j][1] - state.centroids[j][1]));
	}
	const inertia = assignedInertia(points, centroids, assignments);
	const iteration = state.iteration + 1;
	return {
		...state,
		centroids,
		inertia,
		shift,
		iteration,
		phase: 'assign',
		converged: shift < state.tol ? 'tolerance' : null,
		trails: state.trails.map((trail, j) => [...trail, centroids[j]]),
		history: [...state.history, { iteration, inertia, centroids }],
		events
	};
}

/** One half-step: whichever comes next. A converged run stays as it is. */
export function halfStep(state: KMeansState): KMeansState {
	if (state.converged) return state;
	return state.phase === 'assign' ? assignStep(state) : updateStep(state);
}

/** Half-steps until converged, or `maxIterations` full iterations. */
export function runToConvergence(state: KMeansState, maxIterations = 300): KMeansState {
	let current = state;
	while (!current.converged && current.iteration < maxIterations) current = halfStep(current);
	return current;
}
