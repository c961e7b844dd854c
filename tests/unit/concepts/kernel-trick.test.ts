import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import { runNow } from '$lib/common/slices';
import type { LabelledPoint } from '$lib/common/geometry';
import {
	accuracyOf,
	decisionValues,
	explicitWeights,
	gridJob,
	holdOut,
	kernelMatrix,
	kernelOf,
	KernelRows,
	KKT_TOLERANCE,
	labelsOf,
	levelSegments,
	planeInBox,
	presetPoints,
	project,
	raiseC,
	smoSteps,
	scalingOf,
	solve,
	standardise,
	summaryOf,
	trainingScores,
	type KernelSpec,
	type SvmState
} from '$lib/concepts/kernel-trick/sim';
import { expectClose } from '../helpers/close';

const flat = (points: readonly (readonly number[])[]) => Float64Array.from(points.flatMap((p) => [p[0], p[1]]));

/** The kernel matrix by the formula, point by point, in float64. */
function directKernel(xy: Float64Array, spec: KernelSpec): Float64Array {
	const n = xy.length / 2;
	const K = new Float64Array(n * n);
	for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) K[i * n + j] = kernelOf(spec, [xy[2 * i], xy[2 * i + 1]], [xy[2 * j], xy[2 * j + 1]]);
	return K;
}

/**
 * The KKT conditions of the soft-margin dual, checked from α alone: f is recomputed here
 * from the kernel matrix, not taken from the solver's gradient.
 */
function expectKkt(state: SvmState, K: Float64Array, tolerance: number) {
	const { y, alpha, C } = state;
	const n = y.length;
	let balance = 0;
	for (let i = 0; i < n; i++) {
		expect(alpha[i]).toBeGreaterThanOrEqual(0);
		expect(alpha[i]).toBeLessThanOrEqual(C);
		balance += alpha[i] * y[i];
	}
	expectClose(balance, 0, { abs: 1e-9 * Math.max(1, C * n), rel: 0 });
	for (let i = 0; i < n; i++) {
		let f = state.bias;
		for (let j = 0; j < n; j++) f += alpha[j] * y[j] * K[i * n + j];
		const margin = y[i] * f;
		const eps = 1e-7 * C;
		if (alpha[i] <= eps) expect(margin).toBeGreaterThanOrEqual(1 - tolerance);
		else if (alpha[i] >= C - eps) expect(margin).toBeLessThanOrEqual(1 + tolerance);
		else expect(Math.abs(margin - 1)).toBeLessThanOrEqual(tolerance);
	}
}

/**
 * A second solver: projected gradient ascent on the same dual, with the exact projection
 * onto {0 ≤ α ≤ C, Σαy = 0} (bisection on the multiplier of the equality). Slow, simple.
 */
function projectedGradient(y: Int8Array, K: Float64Array, C: number, iterations: number): Float64Array {
	const n = y.length;
	let trace = 0;
	for (let i = 0; i < n; i++) trace += K[i * n + i];
	const step = 1 / trace;
	let alpha = new Float64Array(n);
	const project = (v: Float64Array) => {
		const at = (mu: number) => Float64Array.from(v, (value, i) => Math.min(C, Math.max(0, value - mu * y[i])));
		const balance = (a: Float64Array) => a.reduce((s, value, i) => s + value * y[i], 0);
		let [lo, hi] = [-1e6, 1e6];
		for (let k = 0; k < 80; k++) {
			const mid = (lo + hi) / 2;
			if (balance(at(mid)) > 0) lo = mid;
			else hi = mid;
		}
		return at((lo + hi) / 2);
	};
	for (let it = 0; it < iterations; it++) {
		const next = new Float64Array(n);
		for (let i = 0; i < n; i++) {
			let q = 0;
			for (let j = 0; j < n; j++) q += y[i] * y[j] * K[i * n + j] * alpha[j];
			next[i] = alpha[i] + step * (1 - q);
		}
		alpha = project(next);
	}
	return alpha;
}

const dualOf = (alpha: Float64Array, y: Int8Array, K: Float64Array) => {
	const n = y.length;
	let [sum, quad] = [0, 0];
	for (let i = 0; i < n; i++) {
		sum += alpha[i];
		for (let j = 0; j < n; j++) quad += alpha[i] * alpha[j] * y[i] * y[j] * K[i * n + j];
	}
	return sum - quad / 2;
};

describe('kernel trick (SVM)', () => {
	it('the TF.js kernel matrices match the formulas, and leave no tensors behind', () => {
		const before = tf.memory().numTensors;
		const points = presetPoints('moons', 2).slice(0, 30);
		const xy = standardise(points, scalingOf(points));
		for (const spec of [
			{ kernel: 'linear', gamma: 1, degree: 2 },
			{ kernel: 'lift', gamma: 1, degree: 2 },
			{ kernel: 'poly', gamma: 0.7, degree: 3 },
			{ kernel: 'rbf', gamma: 2, degree: 2 }
		] as KernelSpec[]) {
			const ours = kernelMatrix(xy, xy, spec);
			const theirs = directKernel(xy, spec);
			for (let k = 0; k < ours.length; k++) expectClose(ours[k], theirs[k], { abs: 1e-4, rel: 1e-4 });
		}
		expect(tf.memory().numTensors).toBe(before);
	});

	it('two points, linear kernel: the hand-solved hard margin (w = (1, 0), b = −1, width 2, α = ½ each)', () => {
		const xy = flat([[0, 0], [2, 0]]);
		const y = Int8Array.from([-1, 1]);
		const K = directKernel(xy, { kernel: 'linear', gamma: 1, degree: 2 });
		const state = solve(y, K, 100);
		expectClose(state.alpha[0], 0.5, { abs: 1e-6 });
		expectClose(state.alpha[1], 0.5, { abs: 1e-6 });
		expectClose(state.bias, -1, { abs: 1e-6 });
		const w = explicitWeights(state, xy, 'linear')!;
		expectClose(w[0], 1, { abs: 1e-6 });
		expectClose(w[1], 0, { abs: 1e-9 });
		expectClose(summaryOf(state).marginWidth, 2, { abs: 1e-6 });
	});

	it('four points in two columns: the margin is the gap between them, whatever α splits it', () => {
		// Class A at x = 0, class B at x = 3: the widest street is x = 1.5 ± 1.5, so w = (2/3, 0), b = −1.
		const xy = flat([[0, 0], [0, 2], [3, 0], [3, 2], [-1, 1], [4, 1]]);
		const y = Int8Array.from([-1, -1, 1, 1, -1, 1]);
		const K = directKernel(xy, { kernel: 'linear', gamma: 1, degree: 2 });
		const state = solve(y, K, 1000);
		const w = explicitWeights(state, xy, 'linear')!;
		expectClose(w[0], 2 / 3, { abs: 1e-4 });
		expectClose(w[1], 0, { abs: 1e-4 });
		expectClose(state.bias, -1, { abs: 1e-4 });
		expectClose(summaryOf(state).marginWidth, 3, { abs: 1e-3 });
		// The two outer points are not support vectors.
		expect(state.alpha[4]).toBe(0);
		expect(state.alpha[5]).toBe(0);
	});

	it('the KKT conditions hold at the solution, for every kernel and for small and large C', () => {
		const cases: [string, KernelSpec, number][] = [
			['circles', { kernel: 'rbf', gamma: 1, degree: 2 }, 1],
			['circles', { kernel: 'lift', gamma: 1, degree: 2 }, 10],
			['xor', { kernel: 'poly', gamma: 1, degree: 2 }, 0.1],
			['moons', { kernel: 'rbf', gamma: 3, degree: 2 }, 100],
			['blobs', { kernel: 'linear', gamma: 1, degree: 2 }, 1]
		];
		for (const [preset, spec, C] of cases) {
			const points = presetPoints(preset as 'circles', 4);
			const xy = standardise(points, scalingOf(points));
			const K = kernelMatrix(xy, xy, spec);
			const state = solve(labelsOf(points), K, C);
			expect(state.violation).toBeLessThan(KKT_TOLERANCE);
			expectKkt(state, K, 2e-3);
		}
	});

	it('a larger C started from a smaller C’s optimum (the grid’s warm start) reaches the same optimum as a cold start', () => {
		const points = presetPoints('moons', 2);
		const xy = standardise(points, scalingOf(points));
		const y = labelsOf(points);
		const K = kernelMatrix(xy, xy, { kernel: 'rbf', gamma: 1, degree: 2 });
		const cold = solve(y, K, 10);
		const small = solve(y, K, 1);
		const carried = raiseC(small, 10);
		expect(carried.C).toBe(10);
		expect(carried.alpha).toEqual(small.alpha);
		const warm = smoSteps(carried, K, 200 * y.length);
		expect(warm.violation).toBeLessThan(KKT_TOLERANCE);
		expectKkt(warm, K, 2e-3);
		expectClose(summaryOf(warm).dual, summaryOf(cold).dual, { abs: 1e-3, rel: 1e-3 });
		expect(() => raiseC(cold, 1)).toThrow();
	});

	it('SMO reaches the dual optimum a projected-gradient solver finds, with the same decision values; the duality gap closes', () => {
		const points = presetPoints('moons', 7).slice(0, 40);
		const xy = standardise(points, scalingOf(points));
		const y = labelsOf(points);
		const spec: KernelSpec = { kernel: 'rbf', gamma: 0.8, degree: 2 };
		const K = directKernel(xy, spec);
		const C = 1;
		const smo = solve(y, K, C);
		const reference = projectedGradient(y, K, C, 4000);
		const ours = summaryOf(smo);
		expectClose(ours.dual, dualOf(reference, y, K), { abs: 1e-3, rel: 1e-3 });
		expectClose(ours.dual, dualOf(smo.alpha, y, K), { abs: 1e-9, rel: 1e-9 });
		expectClose(ours.primal, ours.dual, { abs: 0.05, rel: 0.01 });
		// f without the bias agrees point by point (the bias is pinned by the free vectors).
		const n = y.length;
		for (let i = 0; i < n; i++) {
			let [a, b] = [0, 0];
			for (let j = 0; j < n; j++) {
				a += smo.alpha[j] * y[j] * K[i * n + j];
				b += reference[j] * y[j] * K[i * n + j];
			}
			expectClose(a, b, { abs: 0.02, rel: 0 });
		}
	});

	it('circles: no line separates them, the lift (x, y, x² + y²) does, and RBF too', () => {
		const points = presetPoints('circles', 1);
		const test = presetPoints('circles', 1, 'test');
		const s = scalingOf(points);
		const [xy, testXy] = [standardise(points, s), standardise(test, s)];
		const y = labelsOf(points);
		const accuracy = (spec: KernelSpec, C: number) => {
			const state = solve(y, kernelMatrix(xy, xy, spec), C);
			return accuracyOf(decisionValues(state, kernelMatrix(testXy, xy, spec)), labelsOf(test))!;
		};
		expect(accuracy({ kernel: 'linear', gamma: 1, degree: 2 }, 1)).toBeLessThan(0.75);
		expect(accuracy({ kernel: 'lift', gamma: 1, degree: 2 }, 10)).toBeGreaterThan(0.9);
		expect(accuracy({ kernel: 'rbf', gamma: 1, degree: 2 }, 1)).toBeGreaterThan(0.9);
	});

	it('the lifted plane w·φ + b = 0 gives the same scores as the kernel sum', () => {
		const points = presetPoints('circles', 3);
		const xy = standardise(points, scalingOf(points));
		const state = solve(labelsOf(points), kernelMatrix(xy, xy, { kernel: 'lift', gamma: 1, degree: 2 }), 10);
		const w = explicitWeights(state, xy, 'lift')!;
		const scores = trainingScores(state);
		for (let i = 0; i < 10; i++) {
			const [x, yy] = [xy[2 * i], xy[2 * i + 1]];
			expectClose(w[0] * x + w[1] * yy + w[2] * (x * x + yy * yy) + state.bias, scores[i], { abs: 1e-4, rel: 1e-4 });
		}
		// ‖w‖² = αᵀQα, the same norm the margin width uses.
		expectClose(Math.hypot(...w), summaryOf(state).weightNorm, { abs: 1e-4, rel: 1e-4 });
	});

	it('degenerate data: duplicate points (a singular kernel matrix) and all points in one place still give a finite solution', () => {
		const duplicated: LabelledPoint[] = [[0, 0, 0], [0, 0, 0], [1, 1, 1], [1, 1, 1], [0, 1, 0], [1, 0, 1]];
		const xy = flat(duplicated);
		const spec: KernelSpec = { kernel: 'rbf', gamma: 1, degree: 2 };
		const K = kernelMatrix(xy, xy, spec);
		const state = solve(labelsOf(duplicated), K, 1);
		expect(state.violation).toBeLessThan(KKT_TOLERANCE);
		expectKkt(state, K, 2e-3);
		const same: LabelledPoint[] = [[2, 2, 0], [2, 2, 1], [2, 2, 0]];
		const s = scalingOf(same);
		const sameXy = standardise(same, s);
		for (const kernel of ['linear', 'rbf'] as const) {
			const state = solve(labelsOf(same), kernelMatrix(sameXy, sameXy, { kernel, gamma: 1, degree: 2 }), 1);
			const summary = summaryOf(state);
			expect([summary.dual, summary.primal, state.bias, ...summary.scores].every(Number.isFinite)).toBe(true);
			// One place, two classes: the best it can do is the majority everywhere.
			expect(summary.trainAccuracy).toBeCloseTo(2 / 3, 9);
		}
	});

	it('marching squares finds the zero of a linear field at column 1; the plane z = ½ cuts the unit cube in a square', () => {
		const size = 5;
		const values = Array.from({ length: size * size }, (_, k) => (k % size) / (size - 1) - 0.25);
		// Zero at column 1 of 0 … 4.
		const segments = levelSegments(values, size, size, 0);
		expect(segments).toHaveLength(size - 1);
		for (const segment of segments) for (const [c] of segment) expectClose(c, 1, { abs: 1e-9 });
		const square = planeInBox([0, 0, 1], -0.5, [0, 0, 0], [1, 1, 1]);
		expect(square).toHaveLength(4);
		expect(square.every((p) => p[2] === 0.5)).toBe(true);
		expect(planeInBox([0, 0, 1], -2, [0, 0, 0], [1, 1, 1])).toHaveLength(0);
		const [u, v] = project([1, 0, 0], Math.PI / 2, 0);
		expectClose(u, 0, { abs: 1e-12 });
		expectClose(v, 0, { abs: 1e-12 });
	});

	it('the C × γ grid: every cell a test accuracy in [0, 1]; on circles the best RBF cell beats the best linear one; tensors flat', () => {
		const before = tf.memory().numTensors;
		const points = presetPoints('circles', 5);
		const test = presetPoints('circles', 5, 'test');
		const rbf = runNow(gridJob(points, test, 'rbf', 2));
		expect(rbf.accuracy).toHaveLength(36);
		expect(rbf.accuracy.every((a) => a >= 0 && a <= 1)).toBe(true);
		const linear = runNow(gridJob(points, test, 'linear', 2));
		expect(linear.accuracy).toHaveLength(6);
		expect(Math.max(...rbf.accuracy)).toBeGreaterThan(Math.max(...linear.accuracy) + 0.15);
		expect(tf.memory().numTensors).toBe(before);
	});

	it('kernel rows kept as a tensor give the same f as the float64 product, and free their tensor', () => {
		const before = tf.memory().numTensors;
		const points = presetPoints('xor', 2);
		const xy = standardise(points, scalingOf(points));
		const spec: KernelSpec = { kernel: 'rbf', gamma: 1, degree: 2 };
		const state = solve(labelsOf(points), kernelMatrix(xy, xy, spec), 1);
		const probe = flat([[0.1, 0.2], [-1, 1], [2, -0.5]]);
		const rows = new KernelRows(probe, xy, spec);
		const fast = rows.decision(state);
		const slow = decisionValues(state, directKernel2(probe, xy, spec));
		for (let i = 0; i < 3; i++) expectClose(fast[i], slow[i], { abs: 1e-4, rel: 1e-4 });
		rows.dispose();
		expect(tf.memory().numTensors).toBe(before);
	});

	it('own points held out for the grid: about 30%, none lost, the same for the same seed', () => {
		const points = presetPoints('blobs', 1);
		const { train, test } = holdOut(points, 9);
		expect(test).toHaveLength(36);
		expect(train.length + test.length).toBe(points.length);
		expect(holdOut(points, 9).test).toEqual(test);
	});
});

function directKernel2(a: Float64Array, b: Float64Array, spec: KernelSpec): Float64Array {
	const [n, m] = [a.length / 2, b.length / 2];
	const K = new Float64Array(n * m);
	for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) K[i * m + j] = kernelOf(spec, [a[2 * i], a[2 * i + 1]], [b[2 * j], b[2 * j + 1]]);
	return K;
}
