/**
 * Logistic regression on two features: p(B | x, y) = σ(w₁x + w₂y + b), trained by full-batch
 * gradient descent on the mean log-loss (plus λ/2 · ‖w‖²). Each step is one gradient in TF.js
 * — the closed-form gradient Xᵀ(σ(z) − t)/n + λw, which needs no autodiff — on standardised
 * features, so that one learning rate suits data of any scale. Losses are also evaluated in
 * float64 for readouts and the loss surfaces.
 */
import * as tf from '$lib/engine/tfjs';
import type { LabelledPoint, Point } from '$lib/common/geometry';
import { createRng } from '$lib/engine/rng';

/** Weights in standardised coordinates. */
export interface Model {
	w1: number;
	w2: number;
	b: number;
}

export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** −log σ(z) without overflow: softplus(−z). */
export const logLossOfScore = (z: number) => (z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z)));

// ——— Data ———

export type PresetName = 'overlap' | 'separable';
export const PRESET_SIZE = 100;

/** 100 points, a share of them class A (0): two overlapping clouds, or two kept apart by a margin. */
export function presetPoints(name: PresetName, share: number, seed: number): LabelledPoint[] {
	const rng = createRng(seed).fork(`preset-${name}`);
	const countA = Math.round(PRESET_SIZE * share);
	const cloud = (c: 0 | 1): LabelledPoint => {
		const sign = c ? 1 : -1;
		if (name === 'overlap') return [sign * 1 + 1.1 * rng.normal(), sign * 0.6 + 1.1 * rng.normal(), c];
		// Drawn again until it is on its own side of x + y = 0 with a margin: separable by construction.
		for (;;) {
			const point: LabelledPoint = [sign * 1.4 + 0.8 * rng.normal(), sign * 1.4 + 0.8 * rng.normal(), c];
			if (sign * (point[0] + point[1]) > 0.6) return point;
		}
	};
	return Array.from({ length: PRESET_SIZE }, (_, i) => cloud(i < countA ? 0 : 1));
}

// ——— Standardising ———

export interface Scaling {
	mx: number;
	sx: number;
	my: number;
	sy: number;
}

export function scalingOf(points: readonly LabelledPoint[]): Scaling {
	const stat = (k: 0 | 1) => {
		const m = points.reduce((s, p) => s + p[k], 0) / Math.max(1, points.length);
		const sd = Math.sqrt(points.reduce((s, p) => s + (p[k] - m) ** 2, 0) / Math.max(1, points.length));
		return [m, sd > 0 ? sd : 1];
	};
	const [mx, sx] = stat(0);
	const [my, sy] = stat(1);
	return { mx, sx, my, sy };
}

/** The score w·x + b of a point in the data's own coordinates. */
export function score(model: Model, s: Scaling, [x, y]: readonly number[]): number {
	return model.w1 * ((x - s.mx) / s.sx) + model.w2 * ((y - s.my) / s.sy) + model.b;
}

/** The weights in the data's coordinates: z = w₁x + w₂y + b. */
export function originalWeights(model: Model, s: Scaling): Model {
	const [w1, w2] = [model.w1 / s.sx, model.w2 / s.sy];
	return { w1, w2, b: model.b - w1 * s.mx - w2 * s.my };
}

// ——— Losses (float64) ———

export interface Fit {
	logLoss: number;
	/** The log-loss plus λ/2 · ‖w‖² (standardised weights): what gradient descent minimises. */
	objective: number;
	accuracy: number;
	squaredError: number;
}

export function fitOf(points: readonly LabelledPoint[], s: Scaling, model: Model, lambda: number): Fit {
	let [logLoss, squaredError, correct] = [0, 0, 0];
	for (const p of points) {
		const z = score(model, s, p);
		logLoss += logLossOfScore(p[2] ? z : -z);
		squaredError += (sigmoid(z) - p[2]) ** 2;
		if ((z > 0 ? 1 : 0) === p[2]) correct++;
	}
	const n = Math.max(1, points.length);
	return { logLoss: logLoss / n, objective: logLoss / n + (lambda / 2) * (model.w1 ** 2 + model.w2 ** 2), accuracy: correct / n, squaredError: squaredError / n };
}

/** Every point on its class's side of the boundary: no finite weights minimise the log-loss. */
export const separates = (points: readonly LabelledPoint[], s: Scaling, model: Model) =>
	points.length > 0 && points.every((p) => (score(model, s, p) > 0 ? 1 : 0) === p[2]);

// ——— Training (TF.js) ———

/** The data as tensors for gradient steps; `dispose` frees them. */
export class Trainer {
	readonly features: tf.Tensor2D;
	readonly targets: tf.Tensor1D;
	readonly n: number;
	constructor(points: readonly LabelledPoint[], s: Scaling) {
		this.n = points.length;
		this.features = tf.tensor2d(points.flatMap((p) => [(p[0] - s.mx) / s.sx, (p[1] - s.my) / s.sy]), [points.length, 2]);
		this.targets = tf.tensor1d(points.map((p) => p[2]));
	}

	/** The gradient of the mean log-loss plus λ/2 · ‖w‖², at the model. */
	gradient(model: Model, lambda: number): Model {
		const result = tf.tidy(() => {
			const z = tf.add(tf.matMul(this.features, tf.tensor2d([model.w1, model.w2], [2, 1])).reshape([this.n]), model.b);
			const residual = tf.sub(tf.sigmoid(z), this.targets);
			const gw = tf.div(tf.matMul(residual.reshape([1, this.n]), this.features).reshape([2]), this.n);
			return tf.concat([gw, tf.mean(residual).reshape([1])]);
		});
		const [g1, g2, gb] = result.dataSync();
		result.dispose();
		return { w1: g1 + lambda * model.w1, w2: g2 + lambda * model.w2, b: gb };
	}

	dispose() {
		tf.dispose([this.features, this.targets]);
	}
}

export const gradientStep = (model: Model, gradient: Model, lr: number): Model => ({
	w1: model.w1 - lr * gradient.w1,
	w2: model.w2 - lr * gradient.w2,
	b: model.b - lr * gradient.b
});

// ——— Why not squared error ———

/** Mean log-loss and mean squared error of σ(z) over a grid of (w₁, w₂), bias 0 (standardised features are centred). */
export function lossSurfaces(points: readonly LabelledPoint[], s: Scaling, size: number, range: number): { logLoss: Float32Array; squared: Float32Array } {
	const logLoss = new Float32Array(size * size);
	const squared = new Float32Array(size * size);
	const xs = points.map((p) => [(p[0] - s.mx) / s.sx, (p[1] - s.my) / s.sy, p[2]]);
	for (let row = 0; row < size; row++) {
		const w2 = -range + (2 * range * row) / (size - 1);
		for (let col = 0; col < size; col++) {
			const w1 = -range + (2 * range * col) / (size - 1);
			let [l, q] = [0, 0];
			for (const [x, y, t] of xs) {
				const z = w1 * x + w2 * y;
				l += logLossOfScore(t ? z : -z);
				q += (sigmoid(z) - t) ** 2;
			}
			logLoss[row * size + col] = l / xs.length;
			squared[row * size + col] = q / xs.length;
		}
	}
	return { logLoss, squared };
}

/** A point's x and y, for the plot components that take plain points. */
export const position = (p: LabelledPoint): Point => [p[0], p[1]];
