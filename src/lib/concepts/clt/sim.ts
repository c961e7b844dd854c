/**
 * The central limit theorem: sample means of n draws from a parent distribution, drawn in
 * batches (uniforms from the seeded RNG, turned into the parent's draws and averaged by
 * TF.js ops over the whole batch), and the normal N(μ, σ²/n) the theorem says they approach.
 */
import * as tf from '$lib/engine/tfjs';
import type { Rng } from '$lib/engine/rng';
import { normalDensity, normalQuantile } from '$lib/common/stats';
import type { Distribution } from './params';

export interface Parent {
	dist: Distribution;
	/** Bernoulli's p; the lognormal's σ of log. */
	p: number;
	shape: number;
}

export interface Moments {
	mean: number;
	variance: number;
	skewness: number;
}

/** Delivery times: lognormal with a median of 30 minutes and σ of log 0.6. */
const DELIVERY = { median: 30, sigma: 0.6 };

/** The parent's mean, variance and skewness, or null where they do not exist (Cauchy). */
export function parentMoments({ dist, p, shape }: Parent): Moments | null {
	const lognormal = (median: number, s: number) => {
		const w = Math.exp(s * s);
		return { mean: median * Math.sqrt(w), variance: median * median * w * (w - 1), skewness: (w + 2) * Math.sqrt(w - 1) };
	};
	switch (dist) {
		case 'uniform':
			return { mean: 0.5, variance: 1 / 12, skewness: 0 };
		case 'exponential':
			return { mean: 1, variance: 1, skewness: 2 };
		case 'bernoulli':
			return { mean: p, variance: p * (1 - p), skewness: (1 - 2 * p) / Math.sqrt(p * (1 - p)) };
		case 'lognormal':
			return lognormal(1, shape);
		case 'delivery':
			return lognormal(DELIVERY.median, DELIVERY.sigma);
		case 'bimodal':
			// ½ N(−2, 0.5²) + ½ N(2, 0.5²)
			return { mean: 0, variance: 4 + 0.25, skewness: 0 };
		case 'die':
			return { mean: 3.5, variance: 35 / 12, skewness: 0 };
		case 'cauchy':
			return null;
	}
}

/** Uniforms each draw needs: 1, or 2 for a normal (Box–Muller), 3 for the mixture's humps. */
function uniformsPerDraw(dist: Distribution): number {
	return dist === 'lognormal' || dist === 'delivery' ? 2 : dist === 'bimodal' ? 3 : 1;
}

/** The most uniforms a step draws: a few milliseconds of work at any n. */
export const UNIFORMS_PER_STEP = 200_000;
/** The most means a step adds, so that Play shows the histogram filling in. */
export const MEANS_PER_STEP = 250;

export function meansPerStep(parent: Parent, n: number): number {
	return Math.max(1, Math.min(MEANS_PER_STEP, Math.floor(UNIFORMS_PER_STEP / (n * uniformsPerDraw(parent.dist)))));
}

/** The parent's draws from uniform [count × n] tensors (u[0], and u[1], u[2] where needed). */
function drawsFrom({ dist, p, shape }: Parent, u: tf.Tensor2D[]): tf.Tensor2D {
	const normal = () => tf.mul(tf.sqrt(tf.mul(-2, tf.log(tf.sub(1, u[0])))), tf.cos(tf.mul(2 * Math.PI, u[1])));
	switch (dist) {
		case 'uniform':
			return u[0];
		case 'exponential':
			return tf.neg(tf.log1p(tf.neg(u[0])));
		case 'bernoulli':
			return tf.cast(tf.less(u[0], p), 'float32');
		case 'die':
			return tf.add(tf.floor(tf.mul(u[0], 6)), 1);
		case 'cauchy':
			return tf.tan(tf.mul(Math.PI, tf.sub(u[0], 0.5)));
		case 'lognormal':
			return tf.exp(tf.mul(normal(), shape));
		case 'delivery':
			return tf.mul(tf.exp(tf.mul(normal(), DELIVERY.sigma)), DELIVERY.median);
		case 'bimodal':
			return tf.add(tf.mul(normal(), 0.5), tf.where(tf.less(u[2], 0.5), tf.fill(u[2].shape, -2), tf.fill(u[2].shape, 2)));
	}
}

const LARGEST_BELOW_ONE = 1 - 2 ** -24;

/** `count` sample means of n draws each. */
export function drawMeans(parent: Parent, n: number, count: number, rng: Rng): Float64Array {
	return meansOf(parent, n, count, drawUniforms(parent, n, count, rng));
}

/** The uniforms behind `count` sample means of n draws: one [count × n] array per uniform a draw needs. */
export function drawUniforms(parent: Parent, n: number, count: number, rng: Rng): Float32Array[] {
	return Array.from({ length: uniformsPerDraw(parent.dist) }, () => {
		const values = new Float32Array(count * n);
		// Kept below float32's 1: a draw rounded up to 1 would make log(1 − u) infinite.
		for (let i = 0; i < values.length; i++) values[i] = Math.min(rng.next(), LARGEST_BELOW_ONE);
		return values;
	});
}

/** The sample means of the parent's draws made from `uniforms` (as drawUniforms gives them). */
export function meansOf(parent: Parent, n: number, count: number, uniforms: Float32Array[]): Float64Array {
	const means = tf.tidy(() => tf.mean(drawsFrom(parent, uniforms.map((values) => tf.tensor2d(values, [count, n]))), 1));
	const values = Float64Array.from(means.dataSync());
	means.dispose();
	return values;
}

/** Mean, standard deviation (n − 1) and skewness (the moment ratio g₁) of the values. */
export function summarise(values: ArrayLike<number>): Moments & { sd: number } {
	const count = values.length;
	let sum = 0;
	for (let i = 0; i < count; i++) sum += values[i];
	const mean = sum / count;
	let [m2, m3] = [0, 0];
	for (let i = 0; i < count; i++) {
		const d = values[i] - mean;
		m2 += d * d;
		m3 += d * d * d;
	}
	const variance = count > 1 ? m2 / (count - 1) : 0;
	const skewness = m2 > 0 ? m3 / count / (m2 / count) ** 1.5 : 0;
	return { mean, variance, sd: Math.sqrt(variance), skewness };
}

/** Where the histogram of means is drawn: the normal's ±4.5 sd, or a fixed window for Cauchy. */
export function meansRange(parent: Parent, n: number): [number, number] {
	const moments = parentMoments(parent);
	if (!moments) return [-10, 10];
	const spread = 4.5 * Math.sqrt(moments.variance / n);
	const lo = moments.mean - spread;
	// Draws that cannot go below 0 (exponential, lognormal, die, coin) need not show negative means.
	const floor = parent.dist === 'uniform' || parent.dist === 'bimodal' ? -Infinity : parent.dist === 'die' ? 1 : 0;
	return [Math.max(lo, floor), moments.mean + spread];
}

/** Normal Q–Q points: at most `points` quantiles of the standardised values against Φ⁻¹. */
export function qqPoints(values: ArrayLike<number>, points = 200): [number, number][] {
	const count = values.length;
	if (count < 2) return [];
	const sorted = Float64Array.from(values).sort();
	const { mean, sd } = summarise(sorted);
	if (!(sd > 0)) return [];
	const shown = Math.min(points, count);
	return Array.from({ length: shown }, (_, i) => {
		const q = (i + 0.5) / shown;
		const index = Math.min(count - 1, Math.floor(q * count));
		return [normalQuantile(q), (sorted[index] - mean) / sd];
	});
}

/** The parent's density on a grid (continuous), or its probabilities (a coin, a die). */
export function parentShape(parent: Parent): { discrete: boolean; points: [number, number][] } {
	const { dist, p, shape } = parent;
	const grid = (lo: number, hi: number, f: (x: number) => number) => Array.from({ length: 201 }, (_, i) => lo + ((hi - lo) * i) / 200).map((x) => [x, f(x)] as [number, number]);
	const lognormal = (median: number, s: number) => (x: number) => (x > 0 ? normalDensity(Math.log(x / median) / s) / (x * s) : 0);
	switch (dist) {
		case 'uniform':
			return { discrete: false, points: grid(-0.25, 1.25, (x) => (x >= 0 && x <= 1 ? 1 : 0)) };
		case 'exponential':
			return { discrete: false, points: grid(0, 6, (x) => Math.exp(-x)) };
		case 'bernoulli':
			return { discrete: true, points: [[0, 1 - p], [1, p]] };
		case 'die':
			return { discrete: true, points: [1, 2, 3, 4, 5, 6].map((face) => [face, 1 / 6]) };
		case 'lognormal':
			return { discrete: false, points: grid(0, Math.exp(3 * shape), lognormal(1, shape)) };
		case 'delivery':
			return { discrete: false, points: grid(0, 120, lognormal(DELIVERY.median, DELIVERY.sigma)) };
		case 'bimodal':
			return { discrete: false, points: grid(-4, 4, (x) => (normalDensity((x + 2) / 0.5) + normalDensity((x - 2) / 0.5)) / 2 / 0.5) };
		case 'cauchy':
			return { discrete: false, points: grid(-8, 8, (x) => 1 / (Math.PI * (1 + x * x))) };
	}
}
