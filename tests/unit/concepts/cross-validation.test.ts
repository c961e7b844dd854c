import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import { createRng } from '$lib/engine/rng';
import { runNow } from '$lib/common/slices';
import { legendreBasis } from '$lib/common/polynomials';
import {
	crossValidate,
	drawDataset,
	drawLeakData,
	foldsOf,
	leakJob,
	resplitJob,
	scaledDataset,
	scalingOf,
	solveLeading,
	spreadJob,
	testErrors,
	TEST_SIZE,
	unscaleErrors,
	type Dataset
} from '$lib/concepts/cross-validation/sim';
import { expectClose } from '../helpers/close';

/** Solves m · v = rhs by Gaussian elimination with partial pivoting, float64. */
function solve(m: number[][], rhs: number[]): number[] {
	const d = rhs.length;
	const a = m.map((row, i) => [...row, rhs[i]]);
	for (let c = 0; c < d; c++) {
		const pivot = a.slice(c).reduce((best, row, i) => (Math.abs(row[c]) > Math.abs(a[best][c]) ? c + i : best), c);
		[a[c], a[pivot]] = [a[pivot], a[c]];
		for (let r = c + 1; r < d; r++) {
			const f = a[r][c] / a[c][c];
			for (let j = c; j <= d; j++) a[r][j] -= f * a[c][j];
		}
	}
	const v = new Array(d).fill(0);
	for (let r = d - 1; r >= 0; r--) v[r] = (a[r][d] - a[r].slice(r + 1, d).reduce((s, x, j) => s + x * v[r + 1 + j], 0)) / a[r][r];
	return v;
}

const gramOf = (rows: number[][]) => rows[0].map((_, i) => rows[0].map((_, j) => rows.reduce((s, r) => s + r[i] * r[j], 0)));

/** Least squares through the normal equations, float64. */
const leastSquares = (rows: number[][], ys: number[]) => solve(gramOf(rows), rows[0].map((_, i) => rows.reduce((s, r, k) => s + r[i] * ys[k], 0)));

const rowsOf = (xs: ArrayLike<number>, degree: number) => {
	const basis = legendreBasis(xs, degree);
	return Array.from({ length: xs.length }, (_, i) => Array.from(basis.subarray(i * (degree + 1), (i + 1) * (degree + 1))));
};

describe('cross-validation', () => {
	const data = drawDataset(60, 0.3, createRng(4));

	it('the Legendre basis is orthonormal on [0, 1] (a fine midpoint rule)', () => {
		const xs = Array.from({ length: 20000 }, (_, i) => (i + 0.5) / 20000);
		const rows = rowsOf(xs, 6);
		for (let a = 0; a <= 6; a++) for (let b = 0; b <= 6; b++) expectClose(rows.reduce((s, r) => s + r[a] * r[b], 0) / xs.length, a === b ? 1 : 0, { abs: 1e-6, rel: 0 });
	});

	it('Cholesky on a leading block agrees with Gaussian elimination', () => {
		const rows = rowsOf(data.xs, 5);
		const width = 6;
		const gram = new Float64Array(width * width);
		const rhs = new Float64Array(width);
		rows.forEach((r, k) => r.forEach((v, i) => ((rhs[i] += v * data.ys[k]), r.forEach((w, j) => (gram[i * width + j] += v * w)))));
		const ours = solveLeading(gram, rhs, width, 4);
		const theirs = leastSquares(rows.map((r) => r.slice(0, 4)), Array.from(data.ys));
		ours.forEach((b, i) => expectClose(b, theirs[i], { abs: 1e-8, rel: 1e-8 }));
	});

	it('folds: sizes differ by at most one, and every point is in exactly one', () => {
		const folds = foldsOf(23, 5, createRng(1));
		const sizes = [0, 1, 2, 3, 4].map((f) => folds.filter((g) => g === f).length);
		expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
		expect(sizes.reduce((a, b) => a + b)).toBe(23);
	});

	it('k-fold errors match fitting each fold separately in float64', () => {
		const folds = foldsOf(60, 5, createRng(2));
		const cv = crossValidate(data, folds, 5);
		for (const degree of [0, 2, 5, 8]) {
			let sse = 0;
			for (let f = 0; f < 5; f++) {
				const train = [...data.xs.keys()].filter((i) => folds[i] !== f);
				const beta = leastSquares(rowsOf(train.map((i) => data.xs[i]), degree), train.map((i) => data.ys[i]));
				for (const i of [...data.xs.keys()].filter((i) => folds[i] === f)) {
					const row = rowsOf([data.xs[i]], degree)[0];
					sse += (data.ys[i] - row.reduce((s, v, j) => s + v * beta[j], 0)) ** 2;
				}
			}
			expectClose(cv.cvError[degree]!, sse / 60, { abs: 1e-5, rel: 1e-4 });
		}
	});

	it('leave-one-out equals the PRESS closed form, mean of (rᵢ / (1 − hᵢᵢ))²', () => {
		const small: Dataset = drawDataset(30, 0.3, createRng(8));
		const cv = crossValidate(small, Int32Array.from({ length: 30 }, (_, i) => i), 30);
		for (const degree of [1, 3, 6]) {
			const rows = rowsOf(small.xs, degree);
			const beta = leastSquares(rows, Array.from(small.ys));
			// Hat values hᵢᵢ = rᵢᵀ (XᵀX)⁻¹ rᵢ, from solving (XᵀX) v = rᵢ.
			const press = rows.reduce((s, r, i) => {
				const v = solve(gramOf(rows), r);
				const h = r.reduce((t, rv, j) => t + rv * v[j], 0);
				const residual = small.ys[i] - r.reduce((t, rv, j) => t + rv * beta[j], 0);
				return s + (residual / (1 - h)) ** 2;
			}, 0);
			expectClose(cv.cvError[degree]!, press / 30, { abs: 1e-4, rel: 1e-3 });
		}
	});

	it('the true test error is lowest at a middle degree and never below the noise; CV finds a nearby degree', () => {
		const big = drawDataset(200, 0.3, createRng(5));
		const test = drawDataset(TEST_SIZE, 0.3, createRng(6));
		const { errors } = testErrors(big, test);
		const best = errors.indexOf(Math.min(...(errors as number[])));
		expect(best).toBeGreaterThanOrEqual(3);
		expect(Math.min(...(errors as number[]))).toBeGreaterThan(0.3 ** 2 * 0.9);
		expect(errors[0]!).toBeGreaterThan(3 * errors[best]!);
		const cv = crossValidate(big, foldsOf(200, 10, createRng(7)), 10);
		const cvBest = cv.cvError.indexOf(Math.min(...(cv.cvError as number[])));
		expect(errors[cvBest]!).toBeLessThan(errors[best]! * 1.1);
	});

	it('the spread of the estimate: every k lands near the true error on average', () => {
		const test = drawDataset(TEST_SIZE, 0.3, createRng(6));
		const rows = runNow(spreadJob(40, 0.3, 3, 1, test));
		expect(rows.map((r) => r.k)).toEqual([2, 5, 10, 20, 0]);
		for (const row of rows) expect(row.sd).toBeGreaterThan(0);
		// 2-fold trains on half the data: it overestimates the error of a fit on all 40 most.
		expect(rows[0].mean).toBeGreaterThan(rows[4].mean);
	});

	it('own points in any units: CV on scaled coordinates equals least squares fitted in the raw ones', () => {
		// Points far from [0, 1] in x and with a large y scale: raw-unit float64 least squares on a
		// plain (monomial) basis centred by hand is the independent computation.
		const raw: [number, number][] = Array.from(data.xs, (x, i) => [1000 + 250 * x, 5e4 + 2e3 * data.ys[i]]);
		const scaling = scalingOf(raw);
		expect(scaling.x0).toBe(Math.min(...raw.map(([x]) => x)));
		const scaled = scaledDataset(raw, scaling);
		expect(Math.min(...scaled.xs)).toBe(0);
		expectClose(Math.max(...scaled.xs), 1, { abs: 1e-12, rel: 0 });
		const folds = foldsOf(raw.length, 4, createRng(9));
		const cv = unscaleErrors(crossValidate(scaled, folds, 4), scaling);
		for (const degree of [0, 1, 3]) {
			let sse = 0;
			for (let f = 0; f < 4; f++) {
				const powers = (x: number) => Array.from({ length: degree + 1 }, (_, j) => ((x - 1125) / 125) ** j);
				const train = raw.filter((_, i) => folds[i] !== f);
				const beta = leastSquares(train.map(([x]) => powers(x)), train.map(([, y]) => y));
				for (const [x, y] of raw.filter((_, i) => folds[i] === f)) sse += (y - powers(x).reduce((s, v, j) => s + v * beta[j], 0)) ** 2;
			}
			expectClose(cv.cvError[degree]!, sse / raw.length, { abs: 0, rel: 1e-4 });
		}
	});

	it('points without spread: every x equal or every y equal still give finite errors', () => {
		for (const points of [Array.from({ length: 8 }, (_, i) => [3, i] as [number, number]), Array.from({ length: 8 }, (_, i) => [i, 7] as [number, number])]) {
			const scaling = scalingOf(points);
			const cv = unscaleErrors(crossValidate(scaledDataset(points, scaling), foldsOf(8, 4, createRng(1)), 4), scaling);
			for (const e of cv.cvError) if (e !== null) expect(Number.isFinite(e)).toBe(true);
			// Constant y: every degree predicts it exactly.
			if (points[0][1] === points[1][1]) expect(cv.cvError[1]!).toBeLessThan(1e-9);
		}
	});

	it('own points: the spread over ways of dealing the folds; leave-one-out has only one way', () => {
		const raw: [number, number][] = Array.from(data.xs, (x, i) => [x * 10, data.ys[i] * 3]);
		const scaling = scalingOf(raw);
		const scaled = scaledDataset(raw, scaling);
		const rows = runNow(resplitJob(scaled, scaling, 3, 1));
		expect(rows.map((r) => r.k)).toEqual([2, 5, 10, 20, 0]);
		expect(rows.at(-1)!.sd).toBe(0);
		for (const row of rows.slice(0, -1)) expect(row.sd).toBeGreaterThan(0);
		for (const row of rows) expect(row.trueError).toBeNull();
		// Leave-one-out in the reader's units equals the direct computation on the raw points.
		const loo = unscaleErrors(crossValidate(scaled, Int32Array.from(raw.keys()), raw.length), scaling);
		expectClose(rows.at(-1)!.mean, loo.cvError[3]!, { abs: 0, rel: 1e-12 });
	});

	it('the leak: features chosen on all the data make pure noise look predictable; chosen in each fold, they do not', () => {
		const rng = createRng(3);
		const leak = drawLeakData(50, 500, rng);
		const fresh = drawLeakData(500, 500, rng);
		const before = tf.memory().numTensors;
		const result = runNow(leakJob(leak, foldsOf(50, 5, rng), 5, 10, fresh));
		expect(tf.memory().numTensors).toBe(before);
		expect(result.leakyMean).toBeLessThan(0.75);
		expect(result.honestMean).toBeGreaterThan(0.95);
		expect(result.testError).toBeGreaterThan(1);
	});
});
