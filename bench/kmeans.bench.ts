/**
 * k-means timings, run the same way in Node and in Chromium: one full iteration
 * (assign + update) through the widget's own TF.js code, and the same work as a plain
 * Float32Array loop — the practical floor.
 */
import { assignStep, buildPoints, createState, startRng, updateStep, releasePointTensors } from '$lib/concepts/kmeans/sim';
import type { Point } from '$lib/common/geometry';
import { timeIt, type Timing } from './timing';

/**
 * One Lloyd iteration by hand: every point to its nearest centroid (largest
 * x·c − ‖c‖²/2, the same score as the TF.js path), cluster totals, new centroids.
 * Float64 locals and one array type per role, the fastest variant measured here.
 */
function floorIteration(points: Float32Array, centroids: Float64Array, labels: Int32Array, k: number) {
	const cx = new Float64Array(k);
	const cy = new Float64Array(k);
	const bias = new Float64Array(k);
	for (let j = 0; j < k; j++) {
		cx[j] = centroids[2 * j];
		cy[j] = centroids[2 * j + 1];
		bias[j] = -(cx[j] * cx[j] + cy[j] * cy[j]) / 2;
	}
	const sumX = new Float64Array(k);
	const sumY = new Float64Array(k);
	const count = new Float64Array(k);
	const n = labels.length;
	for (let i = 0; i < n; i++) {
		const x = points[2 * i];
		const y = points[2 * i + 1];
		let best = 0;
		let bestScore = x * cx[0] + y * cy[0] + bias[0];
		for (let j = 1; j < k; j++) {
			const score = x * cx[j] + y * cy[j] + bias[j];
			if (score > bestScore) {
				bestScore = score;
				best = j;
			}
		}
		labels[i] = best;
		sumX[best] += x;
		sumY[best] += y;
		count[best] += 1;
	}
	for (let j = 0; j < k; j++) {
		if (count[j] > 0) {
			centroids[2 * j] = sumX[j] / count[j];
			centroids[2 * j + 1] = sumY[j] / count[j];
		}
	}
}

export interface KMeansRow {
	n: number;
	k: number;
	tfjs: Timing;
	floor: Timing;
}

export function benchKMeans(sizes = [300, 5000, 50_000], k = 8, budgetMs = 1500): KMeansRow[] {
	return sizes.map((n) => {
		const points = buildPoints({ dataset: 'uniform', n, centers: 1, added: [] }, 1);
		// Time the steady state, not the first iterations' big moves.
		const start = createState(points, { init: 'kmeans++', k, tol: 0 }, startRng(1, 0));
		const fixedCentroids: Point[] = start.centroids;
		const tfjs = timeIt(() => {
			updateStep(assignStep({ ...start, centroids: fixedCentroids, converged: null }));
		}, budgetMs);
		const centroids = new Float64Array(fixedCentroids.flat());
		const labels = new Int32Array(n);
		const floor = timeIt(() => {
			centroids.set(fixedCentroids.flat());
			floorIteration(points, centroids, labels, k);
		}, budgetMs);
		releasePointTensors();
		return { n, k, tfjs, floor };
	});
}
