import { describe, expect, it } from 'vitest';
import { createRng } from '$lib/engine/rng';
import { assertNoTensorLeak } from '$lib/engine/leaks';
import { runNow } from '$lib/common/slices';
import type { Point } from '$lib/common/geometry';
import { DATASETS_FOR_TESTS } from '../helpers/kmeans-cases';
import {
	assignStep,
	buildPoints,
	createState,
	halfStep,
	initFarthestPoint,
	initKMeansPlusPlus,
	initRandomPartition,
	initRandomPoints,
	assignToNearest,
	inertiaFromSums,
	sumOfSquares,
	runToConvergence,
	startRng,
	updateStep,
	type KMeansState
} from '$lib/concepts/kmeans/sim';
import { chooseKJob, restartsJob, silhouetteJob } from '$lib/concepts/kmeans/analysis';
import { meta } from '$lib/concepts/kmeans/meta';
import { expectAllClose, expectClose } from '../helpers/close';

// ---------------------------------------------------------------------------------------
// An independent reference: Lloyd's algorithm in plain float64 TypeScript, written from
// the textbook definition (squared distances, first minimum wins), no tensors.

function sqDist(points: Float32Array, i: number, c: Point): number {
	return (points[2 * i] - c[0]) ** 2 + (points[2 * i + 1] - c[1]) ** 2;
}

function refAssign(points: Float32Array, centroids: Point[]): { labels: Int32Array; inertia: number } {
	const n = points.length / 2;
	const labels = new Int32Array(n);
	let inertia = 0;
	for (let i = 0; i < n; i++) {
		let best = 0;
		for (let j = 1; j < centroids.length; j++) if (sqDist(points, i, centroids[j]) < sqDist(points, i, centroids[best])) best = j;
		labels[i] = best;
		inertia += sqDist(points, i, centroids[best]);
	}
	return { labels, inertia };
}

function refMeans(points: Float32Array, labels: Int32Array, k: number): (Point | null)[] {
	const sums = Array.from({ length: k }, () => [0, 0, 0]);
	labels.forEach((label, i) => {
		sums[label][0] += points[2 * i];
		sums[label][1] += points[2 * i + 1];
		sums[label][2] += 1;
	});
	return sums.map(([sx, sy, count]) => (count ? [sx / count, sy / count] : null));
}

function refInertia(points: Float32Array, labels: Int32Array, centroids: Point[]): number {
	let total = 0;
	labels.forEach((label, i) => (total += sqDist(points, i, centroids[label])));
	return total;
}

/** Margin by which point i's nearest centroid beats the second nearest (for near-tie checks). */
function assignmentMargin(points: Float32Array, i: number, centroids: Point[]): number {
	const d = centroids.map((c) => sqDist(points, i, c)).sort((a, b) => a - b);
	return d.length > 1 ? d[1] - d[0] : Infinity;
}

function refSilhouette(points: Float32Array, labels: Int32Array, k: number): number {
	const n = points.length / 2;
	let total = 0;
	for (let i = 0; i < n; i++) {
		const sums = new Array(k).fill(0);
		const counts = new Array(k).fill(0);
		for (let j = 0; j < n; j++) {
			if (j === i) continue;
			sums[labels[j]] += Math.sqrt(sqDist(points, i, [points[2 * j], points[2 * j + 1]]));
			counts[labels[j]]++;
		}
		const own = labels[i];
		if (counts[own] === 0) continue; // alone in its cluster: s = 0
		const a = sums[own] / counts[own];
		let b = Infinity;
		for (let c = 0; c < k; c++) if (c !== own && counts[c] > 0) b = Math.min(b, sums[c] / counts[c]);
		if (!Number.isFinite(b) || Math.max(a, b) === 0) continue;
		total += (b - a) / Math.max(a, b);
	}
	return total / n;
}

const blobs300 = () => buildPoints({ dataset: 'blobs', n: 300, centers: 3, added: [] }, 1);

// ---------------------------------------------------------------------------------------

describe('assignToNearest()', () => {
	it('matches a plain TypeScript assignment, its cluster totals and inertia on every dataset', () => {
		for (const params of DATASETS_FOR_TESTS) {
			const points = buildPoints(params, 4);
			const centroids = initRandomPoints(points, 5, createRng(2));
			const tfResult = assignToNearest(points, centroids);
			const ref = refAssign(points, centroids);
			for (let i = 0; i < ref.labels.length; i++) {
				// A float32 near-tie may resolve either way; everything else must agree exactly.
				if (assignmentMargin(points, i, centroids) > 1e-5) expect(tfResult.assignments[i], `${params.dataset} point ${i}`).toBe(ref.labels[i]);
			}
			const refTotals = refMeans(points, tfResult.assignments, 5).flatMap((mean, j) => {
				const count = tfResult.assignments.filter((a) => a === j).length;
				return mean ? [mean[0] * count, mean[1] * count, count] : [0, 0, 0];
			});
			expectAllClose(tfResult.sums, refTotals, { abs: 1e-4, rel: 1e-5 });
			expectClose(inertiaFromSums(sumOfSquares(points), tfResult.sums, centroids), ref.inertia, { abs: 1e-4, rel: 1e-4 });
		}
	});

	it('gives ties to the lower-numbered centroid', () => {
		const points = new Float32Array([0, 0]);
		const { assignments } = assignToNearest(points, [
			[1, 0],
			[-1, 0]
		]);
		expect(assignments[0]).toBe(0);
	});
});

describe('a full run', () => {
	it('follows a plain TypeScript Lloyd run step by step, assignments and centroids', () => {
		for (const params of DATASETS_FOR_TESTS) {
			const points = buildPoints(params, 2);
			let state = createState(points, { init: 'random', k: 4, tol: 0 }, startRng(2, 0));
			let refCentroids = state.centroids.map((c) => [...c] as Point);
			for (let iteration = 1; iteration <= 8 && !state.converged; iteration++) {
				state = assignStep(state);
				const ref = refAssign(points, refCentroids);
				expect(Array.from(state.assignments!)).toEqual(Array.from(ref.labels));
				expectClose(state.inertia!, ref.inertia, { abs: 1e-4, rel: 1e-4 });
				if (state.converged) break;
				state = updateStep(state);
				refCentroids = refMeans(points, ref.labels, 4).map((m, j) => m ?? state.centroids[j]);
				expectAllClose(state.centroids.flat(), refCentroids.flat(), { abs: 1e-5, rel: 1e-5 });
				expectClose(state.inertia!, refInertia(points, ref.labels, refCentroids), { abs: 1e-4, rel: 1e-4 });
			}
		}
	});

	it('ends in a fixed point: every point nearest its centroid, every centroid the mean of its points', () => {
		for (const params of DATASETS_FOR_TESTS) {
			for (const init of ['random', 'kmeans++', 'farthest', 'partition'] as const) {
				const points = buildPoints(params, 3);
				const final = runToConvergence(createState(points, { init, k: 5, tol: 0 }, startRng(3, 1)));
				expect(final.converged).toBe('no-change');
				const labels = final.assignments!;
				const ref = refAssign(points, final.centroids);
				labels.forEach((label, i) => {
					if (assignmentMargin(points, i, final.centroids) > 1e-5) expect(label).toBe(ref.labels[i]);
				});
				refMeans(points, labels, 5).forEach((mean, j) => {
					if (mean) expectAllClose(final.centroids[j], mean, { abs: 1e-5, rel: 1e-5 });
				});
			}
		}
	});

	it('never raises inertia: not after a full iteration, not after either half-step', () => {
		for (const params of DATASETS_FOR_TESTS) {
			for (const seed of [1, 2, 3]) {
				const points = buildPoints(params, seed);
				// Float32 rounding: each squared distance (≤ 8 in the square) is off by a few ulps.
				const slack = (points.length / 2) * 8 * 4 * 2 ** -24;
				let state = assignStep(createState(points, { init: 'random', k: 6, tol: 0 }, startRng(seed, 0)));
				let previous = state.inertia!;
				while (!state.converged && state.iteration < 100) {
					state = halfStep(state);
					expect(state.inertia!).toBeLessThanOrEqual(previous + slack);
					previous = state.inertia!;
				}
				const history = state.history.map((h) => h.inertia);
				history.slice(1).forEach((value, i) => expect(value).toBeLessThanOrEqual(history[i] + slack));
			}
		}
	});

	it('is identical for the same seed, and different for another seed', () => {
		const run = (seed: number) => {
			const points = buildPoints({ dataset: 'unequal', n: 500, centers: 4, added: [] }, seed);
			return runToConvergence(createState(points, { init: 'kmeans++', k: 4, tol: 0 }, startRng(seed, 3)));
		};
		const a = run(11);
		const b = run(11);
		expect(b.points).toEqual(a.points);
		expect(b.centroids).toEqual(a.centroids);
		expect(b.history).toEqual(a.history);
		expect(Array.from(b.assignments!)).toEqual(Array.from(a.assignments!));
		expect(run(12).points).not.toEqual(a.points);
	});

	it('stops early by tolerance when no centroid moves that far, and says which criterion held', () => {
		const points = buildPoints({ dataset: 'uniform', n: 2000, centers: 1, added: [] }, 5);
		const exact = runToConvergence(createState(points, { init: 'random', k: 8, tol: 0 }, startRng(5, 0)));
		const loose = runToConvergence(createState(points, { init: 'random', k: 8, tol: 0.01 }, startRng(5, 0)));
		expect(exact.converged).toBe('no-change');
		expect(loose.converged).toBe('tolerance');
		expect(loose.iteration).toBeLessThan(exact.iteration);
		expect(loose.shift!).toBeLessThan(0.01);
	});
});

describe('initialisation', () => {
	it('random points: k distinct data points', () => {
		const points = blobs300();
		const centroids = initRandomPoints(points, 12, createRng(1));
		const asKeys = centroids.map((c) => c.join());
		expect(new Set(asKeys).size).toBe(12);
		const dataKeys = new Set(Array.from({ length: 300 }, (_, i) => [points[2 * i], points[2 * i + 1]].join()));
		asKeys.forEach((key) => expect(dataKeys.has(key)).toBe(true));
	});

	it('random partition: each centroid is the mean of a random group, and the groups are kept', () => {
		const points = blobs300();
		const { centroids, assignments } = initRandomPartition(points, 4, createRng(1));
		refMeans(points, assignments, 4).forEach((mean, j) => expectAllClose(centroids[j], mean!, { abs: 1e-5 }));
		const sizes = [0, 1, 2, 3].map((j) => assignments.filter((a) => a === j).length);
		sizes.forEach((size) => expect(size).toBeGreaterThan(40)); // ~75 each
	});

	it('farthest point: each new centroid is the point farthest from those chosen', () => {
		const points = blobs300();
		const centroids = initFarthestPoint(points, 5, createRng(4));
		for (let m = 1; m < 5; m++) {
			let farthest = 0;
			let farthestD = -1;
			for (let i = 0; i < 300; i++) {
				const d = Math.min(...centroids.slice(0, m).map((c) => sqDist(points, i, c)));
				if (d > farthestD) [farthest, farthestD] = [i, d];
			}
			expectAllClose(centroids[m], [points[2 * farthest], points[2 * farthest + 1]], { abs: 1e-7 });
		}
	});

	it('k-means++: the second centroid is drawn with probability D(x)² / Σ D² (chi-square, p > 0.001)', () => {
		// Five points; condition on the first (uniform) pick being point 0.
		const points = new Float32Array([0, 0, 1, 0, 0, 2, 3, 3, -1, -1]);
		const d2 = [0, 1, 4, 18, 2];
		const total = d2.reduce((a, b) => a + b, 0);
		const counts = [0, 0, 0, 0, 0];
		let trials = 0;
		for (let s = 0; trials < 4000; s++) {
			const [first, second] = initKMeansPlusPlus(points, 2, createRng(s));
			if (first[0] !== 0 || first[1] !== 0) continue;
			trials++;
			const index = [0, 1, 2, 3, 4].find((i) => points[2 * i] === second[0] && points[2 * i + 1] === second[1])!;
			counts[index]++;
		}
		expect(counts[0]).toBe(0); // D = 0: never picked again
		let chi2 = 0;
		for (let i = 1; i < 5; i++) chi2 += (counts[i] - (trials * d2[i]) / total) ** 2 / ((trials * d2[i]) / total);
		expect(chi2).toBeLessThan(16.27); // 3 degrees of freedom
	});

	it('k-means++: the first centroid is uniform over the points (chi-square, p > 0.001)', () => {
		const points = new Float32Array([0, 0, 1, 0, 0, 2, 3, 3, -1, -1]);
		const counts = [0, 0, 0, 0, 0];
		const trials = 5000;
		for (let s = 0; s < trials; s++) {
			const [first] = initKMeansPlusPlus(points, 1, createRng(s));
			counts[[0, 1, 2, 3, 4].find((i) => points[2 * i] === first[0] && points[2 * i + 1] === first[1])!]++;
		}
		const chi2 = counts.reduce((sum, c) => sum + (c - trials / 5) ** 2 / (trials / 5), 0);
		expect(chi2).toBeLessThan(18.47); // 4 degrees of freedom
	});
});

describe('empty clusters', () => {
	it('a centroid that wins no point moves to the farthest point, is announced, and no value is NaN', () => {
		const points = blobs300();
		const manual: Point[] = [
			[0, 0.6],
			[-0.6, -0.2],
			[0.6, -0.6],
			[1, 1] // far from every point: it will win none
		];
		let state = createState(points, { init: 'manual', k: 4, tol: 0, manual }, createRng(1));
		state = assignStep(state);
		expect(state.assignments!.includes(3)).toBe(false);
		const before = state.inertia!;
		const d2 = Array.from({ length: 300 }, (_, i) => sqDist(points, i, state.centroids[state.assignments![i]]));
		const farthest = d2.indexOf(Math.max(...d2));
		state = updateStep(state);
		expect(state.events).toEqual(['Cluster 4 had no points; it was moved to the point farthest from its centroid.']);
		expectAllClose(state.centroids[3], [points[2 * farthest], points[2 * farthest + 1]], { abs: 1e-7 });
		expect(state.centroids.flat().every(Number.isFinite)).toBe(true);
		expect(state.inertia!).toBeLessThanOrEqual(before + 1e-6);
		const final = runToConvergence(state);
		expect(final.centroids.flat().every(Number.isFinite)).toBe(true);
		expect(new Set(final.assignments).size).toBe(4);
	});
});

describe('empty clusters, the hard cases', () => {
	const distinctCentroids = (state: KMeansState) => new Set(state.centroids.map((c) => c.join())).size;

	it('never stacks two centroids on one spot (random partitions of tiny data sets)', () => {
		for (const n of [20, 40]) {
			for (const k of [8, 12]) {
				for (let start = 0; start < 30; start++) {
					const points = buildPoints({ dataset: 'smiley', n, centers: 1, added: [] }, 3);
					let state = createState(points, { init: 'partition', k, tol: 0 }, startRng(3, start));
					let previous = Infinity;
					while (!state.converged && state.iteration < 300) {
						state = halfStep(state);
						expect(state.inertia!).toBeLessThanOrEqual(previous + 1e-5);
						previous = state.inertia!;
					}
					expect(state.converged, `n=${n} k=${k} start=${start}`).toBe('no-change');
					expect(distinctCentroids(state), `n=${n} k=${k} start=${start}`).toBe(k);
					expect(new Set(state.assignments).size).toBe(k);
				}
			}
		}
	});

	it('with more clusters than distinct points, the extra clusters stay empty, are announced, and the run converges', () => {
		const points = new Float32Array([0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, -0.5, 0.2, -0.5, 0.2]); // 3 distinct points
		const events: string[] = [];
		let state = createState(points, { init: 'random', k: 5, tol: 0 }, createRng(1));
		while (!state.converged && state.iteration < 50) {
			state = halfStep(state);
			events.push(...state.events);
		}
		expect(state.converged).toBe('no-change');
		expect(state.iteration).toBeLessThan(10);
		expect(events.some((e) => e.endsWith('stays empty: every point already sits on a centroid.'))).toBe(true);
		expect(state.centroids.flat().every(Number.isFinite)).toBe(true);
		expect(state.inertia!).toBeLessThan(1e-9);
	});

	it('works when there are fewer points than clusters', () => {
		const points = new Float32Array([0.1, 0.1, -0.3, 0.4]);
		const final = runToConvergence(createState(points, { init: 'random', k: 4, tol: 0 }, createRng(2)));
		expect(final.converged).toBe('no-change');
		expect(final.centroids).toHaveLength(4);
	});
});

describe('tensors', () => {
	it('no tensor leaks after 200 half-steps, nor after a reset', async () => {
		const points = buildPoints({ dataset: 'uniform', n: 1000, centers: 1, added: [] }, 1);
		await assertNoTensorLeak(() => {
			let state: KMeansState = createState(points, { init: 'kmeans++', k: 8, tol: 0 }, startRng(1, 0));
			for (let i = 0; i < 100; i++) state = updateStep(assignStep(state)); // stepped on even after converging
			return createState(points, { init: 'partition', k: 8, tol: 0 }, startRng(1, 1)); // reset
		}, '200 half-steps and a reset');
	});

	it('no tensor leaks from restarts, the k sweep, or a cancelled silhouette job', async () => {
		const points = blobs300();
		await assertNoTensorLeak(() => {
			runNow(restartsJob(points, { init: 'random', k: 3, tol: 0 }, 1, 4));
			runNow(chooseKJob(points, 1, 4));
			const job = silhouetteJob(points, [{ labels: new Int32Array(300), k: 2 }], 50);
			job.next();
			job.return([]);
		}, 'analyses');
	});
});

describe('analyses', () => {
	it('silhouetteJob() matches a plain TypeScript silhouette, blockwise or not', () => {
		const points = buildPoints({ dataset: 'blobs', n: 120, centers: 3, added: [] }, 6);
		const labellings = [2, 3, 5].map((k) => {
			const final = runToConvergence(createState(points, { init: 'kmeans++', k, tol: 0 }, startRng(6, 0)));
			return { labels: final.assignments!, k };
		});
		const expected = labellings.map(({ labels, k }) => refSilhouette(points, labels, k));
		expectAllClose(runNow(silhouetteJob(points, labellings, 37)), expected, { abs: 1e-4 });
		expectAllClose(runNow(silhouetteJob(points, labellings, 1000)), expected, { abs: 1e-4 });
	});

	it('silhouetteJob() gives 0 to a point alone in its cluster', () => {
		const points = new Float32Array([0, 0, 0.1, 0, 5, 5]);
		const labels = new Int32Array([0, 0, 1]);
		expectAllClose(runNow(silhouetteJob(points, [{ labels, k: 2 }])), [refSilhouette(points, labels, 2)], { abs: 1e-5 });
	});

	it('chooseKJob(): the silhouette peaks at the true number of well-separated blobs', () => {
		const points = buildPoints({ dataset: 'blobs', n: 400, centers: 4, added: [] }, 2);
		const choices = runNow(chooseKJob(points, 2, 8));
		expect(choices.map((c) => c.k)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
		expect(choices[0].silhouette).toBeNull();
		const best = choices.filter((c) => c.silhouette !== null).sort((a, b) => b.silhouette! - a.silhouette!)[0];
		expect(best.k).toBe(4);
		expect(choices[0].inertia).toBeGreaterThan(choices[3].inertia);
	});

	it('restartsJob() reports each start as a fresh run from that start would end', () => {
		const points = blobs300();
		const results = runNow(restartsJob(points, { init: 'random', k: 3, tol: 0 }, 1, 5));
		results.forEach((r) => {
			const alone = runToConvergence(createState(points, { init: 'random', k: 3, tol: 0 }, startRng(1, r.start)));
			expect(r.inertia).toBe(alone.inertia);
			expect(r.iterations).toBe(alone.iteration);
		});
	});
});

describe('the page’s "predict, then check" cases show what they claim', () => {
	const question = (id: string) => meta.questions.find((q) => q.id === id)!;
	const pointsFor = (id: string) => {
		const { show, seed } = question(id);
		const params = { dataset: 'blobs', n: 300, centers: 3, added: [], ...show } as Parameters<typeof buildPoints>[0];
		return { points: buildPoints(params, seed), seed, show: show as Record<string, unknown> };
	};

	it('bad-start: that start ends in a local minimum much worse than the best restart', () => {
		const { points, seed, show } = pointsFor('bad-start');
		const options = { init: 'random' as const, k: show.k as number, tol: 0 };
		const shown = runToConvergence(createState(points, options, startRng(seed, show.start as number)));
		const best = Math.min(...runNow(restartsJob(points, options, seed, 20)).map((r) => r.inertia));
		expect(shown.inertia!).toBeGreaterThan(1.5 * best);
	});

	it('moons: k = 2 does not recover the two moons (over 10% of points on the wrong side)', () => {
		const { points, seed, show } = pointsFor('moons');
		const final = runToConvergence(createState(points, { init: 'kmeans++', k: 2, tol: 0 }, startRng(seed, show.start as number)));
		// The moons dataset draws the upper moon at even indices and the lower at odd ones.
		let agree = 0;
		final.assignments!.forEach((label, i) => (agree += Number(label === i % 2)));
		const accuracy = Math.max(agree, 300 - agree) / 300;
		expect(accuracy).toBeLessThan(0.9);
	});

	it('unequal: points of the wide blob are given to the tight blob', () => {
		const { points, seed, show } = pointsFor('unequal');
		const final = runToConvergence(createState(points, { init: 'kmeans++', k: 2, tol: 0 }, startRng(seed, show.start as number)));
		const n = points.length / 2;
		// Blob i % 2 drew point i; blob 0 is the tight one (smallest spread).
		const tightLabel = mode(Array.from(final.assignments!).filter((_, i) => i % 2 === 0));
		let stolen = 0;
		for (let i = 1; i < n; i += 2) if (final.assignments![i] === tightLabel) stolen++;
		expect(stolen).toBeGreaterThan(n / 2 / 20); // over 5% of the wide blob
	});
});

function mode(values: number[]): number {
	const counts = new Map<number, number>();
	values.forEach((v) => counts.set(v, (counts.get(v) ?? 0) + 1));
	return [...counts].sort((a, b) => b[1] - a[1])[0][0];
}
