/**
 * Questions about whole runs rather than single steps: how much the start matters
 * (restarts) and how many clusters to ask for (elbow and silhouette). Both are jobs —
 * generators that yield between half-steps — so the page can run them in slices.
 */
import * as tf from '$lib/engine/tfjs';
import type { Job } from '$lib/common/slices';
import { convergeJob, createState, membership, startRng, type InitOptions, type KMeansState } from './sim';
import { createRng } from '$lib/engine/rng';

export interface RestartResult {
	start: number;
	inertia: number;
	iterations: number;
	converged: boolean;
}

/** Runs starts 0 … count−1 of the same data to convergence and reports their final inertia. */
export function* restartsJob(points: Float32Array, options: InitOptions, seed: number, count: number): Job<RestartResult[]> {
	const results: RestartResult[] = [];
	for (let start = 0; start < count; start++) {
		const final = yield* convergeJob(createState(points, options, startRng(seed, start)));
		results.push({ start, inertia: final.inertia ?? NaN, iterations: final.iteration, converged: final.converged !== null });
	}
	return results;
}

export interface KChoice {
	k: number;
	inertia: number;
	/** Mean silhouette; null for k = 1, where it is not defined. */
	silhouette: number | null;
}

/** k-means++ starts tried for each k; the lowest inertia is kept, as in practice. */
export const STARTS_PER_K = 5;

/**
 * For k = 1 … kMax: the best of STARTS_PER_K k-means++ runs to convergence (their own
 * seeded streams, so the answer does not depend on the widget's start), its inertia, and
 * the mean silhouette of its clustering. One run per k would let a single unlucky start
 * make a good k look bad.
 */
export function* chooseKJob(points: Float32Array, seed: number, kMax: number): Job<KChoice[]> {
	const n = points.length / 2;
	const runs: { k: number; inertia: number; labels: Int32Array }[] = [];
	for (let k = 1; k <= Math.min(kMax, n); k++) {
		let best: KMeansState | null = null;
		for (let s = 0; s < (k === 1 ? 1 : STARTS_PER_K); s++) {
			const rng = createRng(seed).fork(`choose-k-${k}-${s}`);
			const final = yield* convergeJob(createState(points, { init: 'kmeans++', k, tol: 0 }, rng));
			if (!best || (final.inertia ?? Infinity) < (best.inertia ?? Infinity)) best = final;
		}
		runs.push({ k, inertia: best!.inertia ?? NaN, labels: best!.assignments ?? new Int32Array(n) });
	}
	const scored = runs.filter((run) => run.k >= 2);
	const scores = yield* silhouetteJob(points, scored.map((run) => ({ labels: run.labels, k: run.k })));
	return runs.map((run) => ({
		k: run.k,
		inertia: run.inertia,
		silhouette: run.k >= 2 ? scores[scored.indexOf(run)] : null
	}));
}

export interface Labelling {
	labels: Int32Array;
	k: number;
}

/**
 * Mean silhouette of each labelling of the same points. For point i in cluster A,
 * a(i) is its mean distance to the other points of A, b(i) the smallest mean distance
 * to the points of another cluster, and s(i) = (b − a) / max(a, b); s(i) = 0 when i is
 * alone in its cluster (Rousseeuw 1987).
 *
 * Exact, with all n² distances, computed `rows` points at a time: one block of
 * distances [rows, n] times the cluster indicators of every labelling side by side
 * [n, Σk] gives every per-cluster distance sum in one matrix product.
 */
export function* silhouetteJob(points: Float32Array, labellings: Labelling[], rows?: number): Job<number[]> {
	const n = points.length / 2;
	// About 100 000 distances a block keeps each block (one slice of work) to a few ms.
	rows ??= Math.max(8, Math.floor(100_000 / Math.max(1, n)));
	if (labellings.length === 0 || n === 0) return [];
	const counts = labellings.map(({ labels, k }) => {
		const c = new Float32Array(k);
		for (const label of labels) c[label]++;
		return c;
	});
	const offsets = labellings.map((_, l) => labellings.slice(0, l).reduce((sum, { k }) => sum + k, 0));
	const kept = tf.tidy(() => {
		const x = tf.tensor2d(points, [n, 2]);
		return {
			xs: x.slice([0, 0], [n, 1]).reshape([1, n]),
			ys: x.slice([0, 1], [n, 1]).reshape([1, n]),
			indicators: tf.concat(labellings.map(({ labels, k }) => membership(labels, k)), 1)
		};
	});
	const totals = new Float64Array(labellings.length);
	try {
		for (let start = 0; start < n; start += rows) {
			const m = Math.min(rows, n - start);
			const clusterSums = tf.tidy(() => {
				const bx = kept.xs.slice([0, start], [1, m]).reshape([m, 1]);
				const by = kept.ys.slice([0, start], [1, m]).reshape([m, 1]);
				const distances = tf.squaredDifference(bx, kept.xs).add(tf.squaredDifference(by, kept.ys)).sqrt();
				return tf.matMul(distances, kept.indicators);
			});
			try {
				yield;
				// One labelling a piece: each is some twenty small kernels, all of them at once a long task.
				for (const [l, { labels, k }] of labellings.entries()) {
					const sum = tf.tidy(() => blockSilhouetteSum(clusterSums.slice([0, offsets[l]], [m, k]), labels.subarray(start, start + m), counts[l]));
					totals[l] += sum.dataSync()[0];
					sum.dispose();
					yield;
				}
			} finally {
				clusterSums.dispose();
			}
		}
	} finally {
		tf.dispose(kept);
	}
	return Array.from(totals, (total) => total / n);
}

/** Σ s(i) over one block of points, from their per-cluster distance sums [m, k]. */
function blockSilhouetteSum(clusterSums: tf.Tensor, blockLabels: Int32Array, counts: Float32Array): tf.Scalar {
	const k = counts.length;
	const own = membership(blockLabels, k);
	const count = tf.tensor2d(counts, [1, k]);
	const ownCount = own.mul(count).sum(1);
	const a = own.mul(clusterSums).sum(1).div(ownCount.sub(1).maximum(1));
	const meanTo = clusterSums.div(count);
	const otherMeans = tf.where(own.greater(0).logicalOr(count.equal(0).tile([own.shape[0], 1])), tf.fill(own.shape, Infinity), meanTo);
	const b = otherMeans.min(1);
	const scale = a.maximum(b);
	const s = b.sub(a).div(scale);
	// Alone in its cluster, no other cluster, or all points in one spot: s = 0.
	const defined = ownCount.greater(1).logicalAnd(b.isFinite()).logicalAnd(scale.greater(0));
	return tf.where(defined, s, tf.zerosLike(s)).sum();
}
