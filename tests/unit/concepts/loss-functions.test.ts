import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import { runNow } from '$lib/common/slices';
import type { Point } from '$lib/common/geometry';
import {
	constantLossCurves,
	huberCentre,
	leastSquares,
	mean,
	meanLoss,
	median,
	outliersByRule,
	presetPoints,
	robustFitJob,
	winsorised,
	type LineFit
} from '$lib/concepts/loss-functions/sim';
import { expectClose } from '../helpers/close';

/** The textbook least-squares line in float64: slope = Sxy / Sxx about the means. */
function textbookLine(points: Point[]): LineFit {
	const mx = points.reduce((s, p) => s + p[0], 0) / points.length;
	const my = points.reduce((s, p) => s + p[1], 0) / points.length;
	const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
	const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
	return { slope: sxy / sxx, intercept: my - (sxy / sxx) * mx };
}

/** The least absolute error over every line through two of the points: one of them is optimal. */
function bruteForceLad(points: Point[]): number {
	let best = Infinity;
	for (let i = 0; i < points.length; i++) {
		for (let j = i + 1; j < points.length; j++) {
			const [[x1, y1], [x2, y2]] = [points[i], points[j]];
			if (x1 === x2) continue;
			const slope = (y2 - y1) / (x2 - x1);
			best = Math.min(best, meanLoss('mae', points, { slope, intercept: y1 - slope * x1 }, 0));
		}
	}
	return best;
}

describe('the three lines', () => {
	it('squared error: the closed form, as the textbook computes it', () => {
		for (const name of ['line', 'outlier', 'heavy'] as const) {
			const points = presetPoints(name, 3);
			const ours = leastSquares(points)!;
			const book = textbookLine(points);
			expectClose(ours.slope, book.slope, { abs: 1e-5, rel: 1e-5 });
			expectClose(ours.intercept, book.intercept, { abs: 1e-5, rel: 1e-5 });
		}
	});

	it('absolute error: IRLS reaches the least absolute error of the best line through two points', () => {
		for (const name of ['line', 'outlier', 'heavy'] as const) {
			const points = presetPoints(name, 5);
			const fits = runNow(robustFitJob(points, 1))!;
			expect(fits.converged).toBe(true);
			const best = bruteForceLad(points);
			expect(meanLoss('mae', points, fits.mae, 0)).toBeLessThan(best * (1 + 1e-9) + 1e-12);
		}
	});

	it('Huber: at its line the gradient of the loss is zero', () => {
		for (const delta of [0.3, 1, 5]) {
			const points = presetPoints('outlier', 2);
			const { huber } = runNow(robustFitJob(points, delta))!;
			let [g0, g1, scale] = [0, 0, 0];
			for (const [x, y] of points) {
				const r = y - (huber.intercept + huber.slope * x);
				const psi = Math.max(-delta, Math.min(delta, r));
				g0 += psi;
				g1 += psi * x;
				scale += delta * (1 + Math.abs(x));
			}
			expect(Math.abs(g0) / scale).toBeLessThan(1e-5);
			expect(Math.abs(g1) / scale).toBeLessThan(1e-5);
		}
	});

	it('the outlier moves the squared-error line most, absolute error least', () => {
		const points = presetPoints('outlier', 1);
		const clean = points.slice(0, -1);
		const fits = runNow(robustFitJob(points, 1))!;
		const cleanFits = runNow(robustFitJob(clean, 1))!;
		const shift = (a: LineFit, b: LineFit) => Math.abs(a.slope - b.slope);
		const mseShift = shift(leastSquares(points)!, leastSquares(clean)!);
		expect(mseShift).toBeGreaterThan(3 * shift(fits.mae, cleanFits.mae));
		expect(mseShift).toBeGreaterThan(2 * shift(fits.huber, cleanFits.huber));
	});

	it('any scale: coordinates times 10¹² give the same lines, scaled', () => {
		const points = presetPoints('line', 4);
		const big = points.map(([x, y]) => [x * 1e12, y * 1e12 + 5e13] as Point);
		const [a, b] = [runNow(robustFitJob(points, 1))!, runNow(robustFitJob(big, 1e12))!];
		expectClose(b.huber.slope, a.huber.slope, { abs: 0, rel: 1e-4 });
		expectClose(b.mae.intercept, a.mae.intercept * 1e12 + 5e13, { abs: 0, rel: 1e-4 });
	});

	it('one x for every point: flat lines at the mean, the median and the Huber centre; one point: through it', () => {
		const points: Point[] = [[2, 1], [2, 2], [2, 3], [2, 10]];
		const fits = runNow(robustFitJob(points, 1))!;
		expect(leastSquares(points)!.slope).toBe(0);
		expectClose(leastSquares(points)!.intercept, 4, { abs: 1e-5, rel: 0 });
		expect(fits.mae.slope).toBe(0);
		expect(fits.mae.intercept).toBeGreaterThanOrEqual(2 - 1e-4);
		expect(fits.mae.intercept).toBeLessThanOrEqual(3 + 1e-4);
		expectClose(fits.huber.intercept, huberCentre([1, 2, 3, 10], 1), { abs: 1e-4, rel: 0 });
		expect(leastSquares([[3, 7]])!.slope).toBe(0);
		expectClose(leastSquares([[3, 7]])!.intercept, 7, { abs: 1e-5, rel: 0 });
		expect(runNow(robustFitJob([], 1))).toBeNull();
		expect(leastSquares([])).toBeNull();
	});

	it('leaves no tensors behind', () => {
		const before = tf.memory().numTensors;
		runNow(robustFitJob(presetPoints('heavy', 1), 0.5));
		leastSquares(presetPoints('line', 1));
		expect(tf.memory().numTensors).toBe(before);
	});
});

describe('the constant', () => {
	const ys = [1, 2, 2.5, 4, 30];
	it('the mean minimises squared error, the median absolute error; Huber lies between', () => {
		const curves = constantLossCurves(ys, 1, -5, 35, 4000);
		const argmin = (curve: [number, number][]) => curve.reduce((best, p) => (p[1] < best[1] ? p : best))[0];
		expectClose(argmin(curves.mse), mean(ys), { abs: 0.01, rel: 0 });
		expectClose(argmin(curves.mae), median(ys), { abs: 0.01, rel: 0 });
		const centre = huberCentre(ys, 1);
		expectClose(argmin(curves.huber), centre, { abs: 0.01, rel: 0 });
		expect(centre).toBeGreaterThan(median(ys));
		expect(centre).toBeLessThan(mean(ys));
	});

	it('Huber’s centre tends to the median as δ → 0 and to the mean once δ covers every residual', () => {
		expectClose(huberCentre(ys, 1e-6), median(ys), { abs: 1e-4, rel: 0 });
		expectClose(huberCentre(ys, 100), mean(ys), { abs: 1e-12, rel: 0 });
	});
});

describe('outliers', () => {
	it('the 3-MAD rule: residuals from the textbook line beyond 3 × 1.4826 × MAD of their median; the far point is always among them', () => {
		for (let seed = 1; seed <= 10; seed++) {
			for (const name of ['line', 'outlier'] as const) {
				const points = presetPoints(name, seed);
				const line = textbookLine(points);
				const residuals = points.map(([x, y]) => y - (line.intercept + line.slope * x));
				const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
				const mid = (v: number[]) => (sorted(v)[(v.length - 1) >> 1] + sorted(v)[v.length >> 1]) / 2;
				const centre = mid(residuals);
				const cut = 3 * 1.4826 * mid(residuals.map((r) => Math.abs(r - centre)));
				expect(outliersByRule(points)).toEqual(residuals.map((r) => Math.abs(r - centre) > cut));
				if (name === 'outlier') expect(outliersByRule(points).at(-1)).toBe(true);
			}
		}
	});

	it('winsorising clips y to its 5th and 95th percentiles and leaves x alone', () => {
		const points: Point[] = Array.from({ length: 21 }, (_, i) => [i, i * i]);
		const clipped = winsorised(points);
		expect(clipped.map((p) => p[0])).toEqual(points.map((p) => p[0]));
		// Percentiles of 0, 1, 4, …, 400 at positions 1 and 19: 1 and 361.
		expect(Math.min(...clipped.map((p) => p[1]))).toBe(1);
		expect(Math.max(...clipped.map((p) => p[1]))).toBe(361);
	});
});
