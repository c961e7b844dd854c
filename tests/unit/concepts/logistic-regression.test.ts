import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import type { LabelledPoint } from '$lib/common/geometry';
import {
	fitOf,
	gradientStep,
	logLossOfScore,
	lossSurfaces,
	originalWeights,
	presetPoints,
	scalingOf,
	score,
	separates,
	sigmoid,
	Trainer,
	type Model
} from '$lib/concepts/logistic-regression/sim';
import { expectClose } from '../helpers/close';

/** Newton's method on the penalised mean log-loss in float64: an independent solver. */
function newton(points: LabelledPoint[], lambda: number): Model {
	const s = scalingOf(points);
	const rows = points.map((p) => [(p[0] - s.mx) / s.sx, (p[1] - s.my) / s.sy, 1, p[2]]);
	let w = [0, 0, 0];
	for (let it = 0; it < 100; it++) {
		const g = [0, 0, 0];
		const h = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
		for (const [x, y, one, t] of rows) {
			const f = [x, y, one];
			const p = sigmoid(w[0] * x + w[1] * y + w[2]);
			for (let i = 0; i < 3; i++) {
				g[i] += ((p - t) * f[i]) / rows.length;
				for (let j = 0; j < 3; j++) h[i][j] += (p * (1 - p) * f[i] * f[j]) / rows.length;
			}
		}
		for (let i = 0; i < 2; i++) {
			g[i] += lambda * w[i];
			h[i][i] += lambda;
		}
		// Solve h · d = g by Cramer's rule (3 × 3).
		const det = (m: number[][]) => m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
		const d = [0, 1, 2].map((k) => det(h.map((row, i) => row.map((v, j) => (j === k ? g[i] : v)))) / det(h));
		w = w.map((v, i) => v - d[i]);
	}
	return { w1: w[0], w2: w[1], b: w[2] };
}

function train(points: LabelledPoint[], lambda: number, lr: number, steps: number): Model {
	const s = scalingOf(points);
	const trainer = new Trainer(points, s);
	let model: Model = { w1: 0, w2: 0, b: 0 };
	for (let i = 0; i < steps; i++) model = gradientStep(model, trainer.gradient(model, lambda), lr);
	trainer.dispose();
	return model;
}

describe('logistic regression', () => {
	it('the TF.js gradient matches central differences of the float64 objective', () => {
		const points = presetPoints('overlap', 0.6, 3);
		const s = scalingOf(points);
		const trainer = new Trainer(points, s);
		const model = { w1: 0.7, w2: -0.4, b: 0.3 };
		const g = trainer.gradient(model, 0.2);
		trainer.dispose();
		const h = 1e-5;
		for (const k of ['w1', 'w2', 'b'] as const) {
			const f = (delta: number) => fitOf(points, s, { ...model, [k]: model[k] + delta }, 0.2).objective;
			expectClose(g[k], (f(h) - f(-h)) / (2 * h), { abs: 1e-5, rel: 1e-4 });
		}
	});

	it('gradient descent lands where Newton’s method does, with and without L2', () => {
		const points = presetPoints('overlap', 0.7, 1);
		for (const lambda of [0, 0.05]) {
			const ours = train(points, lambda, 1, 3000);
			const theirs = newton(points, lambda);
			for (const k of ['w1', 'w2', 'b'] as const) expectClose(ours[k], theirs[k], { abs: 1e-4, rel: 1e-4 });
		}
	});

	it('separable data: without L2 the weights keep growing and every point is on its side; with L2 they settle', () => {
		const points = presetPoints('separable', 0.5, 2);
		const s = scalingOf(points);
		const norm = (m: Model) => Math.hypot(m.w1, m.w2);
		const [early, late] = [train(points, 0, 1, 200), train(points, 0, 1, 1600)];
		expect(norm(late)).toBeGreaterThan(norm(early) + 1);
		expect(separates(points, s, late)).toBe(true);
		expect(fitOf(points, s, late, 0).logLoss).toBeLessThan(fitOf(points, s, early, 0).logLoss);
		const penalised = [train(points, 0.05, 1, 1000), train(points, 0.05, 1, 2000)];
		expectClose(norm(penalised[1]), norm(penalised[0]), { abs: 1e-6, rel: 1e-6 });
		expectClose(norm(penalised[1]), norm(newton(points, 0.05)), { abs: 1e-4, rel: 1e-4 });
	});

	it('weights in the data’s own units give the same scores', () => {
		const points = presetPoints('overlap', 0.5, 4).map(([x, y, c]) => [x * 1000 + 5, y / 100 - 2, c] as LabelledPoint);
		const s = scalingOf(points);
		const model = { w1: 1.2, w2: -0.5, b: 0.1 };
		const w = originalWeights(model, s);
		for (const p of points.slice(0, 5)) expectClose(w.w1 * p[0] + w.w2 * p[1] + w.b, score(model, s, p), { abs: 1e-9, rel: 1e-9 });
	});

	it('presets: the share sets the class counts; the separable preset is split by x + y = 0', () => {
		expect(presetPoints('overlap', 0.8, 1).filter((p) => p[2] === 0)).toHaveLength(80);
		expect(presetPoints('separable', 0.5, 9).every(([x, y, c]) => (x + y > 0 ? 1 : 0) === c)).toBe(true);
	});

	it('σ and the log-loss stay finite far out; log-loss is convex in z and squared error of σ is not', () => {
		expect(sigmoid(-1000)).toBe(0);
		expect(sigmoid(1000)).toBe(1);
		expectClose(logLossOfScore(-1000), 1000, { abs: 1e-9, rel: 0 });
		expectClose(logLossOfScore(0), Math.LN2, { abs: 1e-15, rel: 0 });
		const second = (f: (z: number) => number, z: number) => f(z + 1e-3) - 2 * f(z) + f(z - 1e-3);
		const squared = (z: number) => (1 - sigmoid(z)) ** 2;
		for (const z of [-6, -3, 0, 3]) expect(second(logLossOfScore, z)).toBeGreaterThan(0);
		expect(second(squared, -3)).toBeLessThan(0);
	});

	it('loss surfaces: log-loss is lowest near the fitted weights; no tensors left behind', () => {
		const before = tf.memory().numTensors;
		const points = presetPoints('overlap', 0.5, 5);
		const s = scalingOf(points);
		const { logLoss } = lossSurfaces(points, s, 41, 4);
		const best = logLoss.indexOf(Math.min(...logLoss));
		const fitted = train(points, 0, 1, 2000);
		expect(Math.abs(-4 + (8 * (best % 41)) / 40 - fitted.w1)).toBeLessThan(0.5);
		expect(Math.abs(-4 + (8 * Math.floor(best / 41)) / 40 - fitted.w2)).toBeLessThan(0.5);
		expect(tf.memory().numTensors).toBe(before);
	});
});
