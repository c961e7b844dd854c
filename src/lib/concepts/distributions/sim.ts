/**
 * Two families of distributions, each exact beside a simulation:
 * - the binomial: n Bernoulli(p) trials counted, its exact PMF from log-factorials, the
 *   normal approximation with its continuity correction, and how far each is from the PMF;
 * - test scores with a skew: a skew-normal (shape α) — optionally with a thin far tail that
 *   breaks the mean–median–mode rule — rescaled so that its median is 60. Mean and skewness
 *   come from the moments in closed form, the median and mode from the density numerically.
 * Draws are made in batches by TF.js from uniforms of the seeded RNG.
 */
import * as tf from '$lib/engine/tfjs';
import type { Rng } from '$lib/engine/rng';
import { normalCdf, normalDensity } from '$lib/common/stats';

// ——— The binomial ———

/** ln k! for k = 0 … n. */
function logFactorials(n: number): Float64Array {
	const table = new Float64Array(n + 1);
	for (let k = 1; k <= n; k++) table[k] = table[k - 1] + Math.log(k);
	return table;
}

/** P(X = k) for k = 0 … n, X ~ binomial(n, p). */
export function binomialPmf(n: number, p: number): Float64Array {
	const lnFact = logFactorials(n);
	const [lnP, lnQ] = [Math.log(p), Math.log1p(-p)];
	return Float64Array.from({ length: n + 1 }, (_, k) => Math.exp(lnFact[n] - lnFact[k] - lnFact[n - k] + k * lnP + (n - k) * lnQ));
}

export interface Summary {
	mean: number;
	/** The median; halfway between two values when the CDF is exactly ½ at the lower one. */
	median: number;
	/** The most likely values: two when they tie. */
	modes: number[];
	skewness: number;
}

/** Mean, median, mode(s) and skewness of a PMF over 0 … n, read off the probabilities. */
export function pmfSummary(pmf: ArrayLike<number>): Summary {
	let [mean, top] = [0, 0];
	for (let k = 0; k < pmf.length; k++) {
		mean += k * pmf[k];
		top = Math.max(top, pmf[k]);
	}
	let [m2, m3, cumulative] = [0, 0, 0];
	let median = NaN;
	const modes: number[] = [];
	for (let k = 0; k < pmf.length; k++) {
		const d = k - mean;
		m2 += d * d * pmf[k];
		m3 += d * d * d * pmf[k];
		cumulative += pmf[k];
		if (Number.isNaN(median) && cumulative >= 0.5 - 1e-12) median = Math.abs(cumulative - 0.5) < 1e-12 && k < pmf.length - 1 ? k + 0.5 : k;
		if (pmf[k] >= top * (1 - 1e-9)) modes.push(k);
	}
	const skewness = m2 > 0 ? m3 / m2 ** 1.5 : 0;
	// Rounding leaves a symmetric PMF (p = ½) a skewness of about 1e-11, not 0.
	return { mean, median, modes, skewness: Math.abs(skewness) < 1e-9 ? 0 : skewness };
}

export interface NormalApproximation {
	/** Φ((k + ½ − np)/σ) − Φ((k − ½ − np)/σ) for each k = 0 … n. */
	probabilities: Float64Array;
	/** What the normal puts below −½ and above n + ½: counts that cannot happen. */
	impossible: number;
	/** Total variation distance to the exact PMF: the most any event's probability is off by. */
	error: number;
}

export function normalApproximation(n: number, p: number, pmf: ArrayLike<number>): NormalApproximation {
	const [mu, sigma] = [n * p, Math.sqrt(n * p * (1 - p))];
	const below = (x: number) => normalCdf((x - mu) / sigma);
	const probabilities = Float64Array.from({ length: n + 1 }, (_, k) => below(k + 0.5) - below(k - 0.5));
	const impossible = below(-0.5) + (1 - below(n + 0.5));
	let distance = impossible;
	for (let k = 0; k <= n; k++) distance += Math.abs(probabilities[k] - pmf[k]);
	return { probabilities, impossible, error: distance / 2 };
}

/** The textbook's condition for using the normal approximation: np(1 − p) at least about 10. */
export const RULE_OF_THUMB = 10;

/** Total variation distance between simulated counts (tallies of 0 … n) and the PMF. */
export function simulationGap(tallies: ArrayLike<number>, draws: number, pmf: ArrayLike<number>): number {
	if (draws === 0) return 1;
	let distance = 0;
	for (let k = 0; k < pmf.length; k++) distance += Math.abs(tallies[k] / draws - pmf[k]);
	return distance / 2;
}

/**
 * The gap sampling noise alone leaves after `draws` draws, about: each tally's mean absolute
 * error is √(2/π) times its standard deviation √(p(1 − p)/draws), for tallies that are not tiny.
 */
export function expectedGap(pmf: ArrayLike<number>, draws: number): number {
	let sum = 0;
	for (let k = 0; k < pmf.length; k++) sum += Math.sqrt((pmf[k] * (1 - pmf[k])) / draws);
	return (Math.sqrt(2 / Math.PI) * sum) / 2;
}

/** The most uniforms a step draws, so that a step stays a few milliseconds at any n. */
const UNIFORMS_PER_STEP = 200_000;
const DRAWS_PER_STEP = 250;

export const countsPerStep = (n: number) => Math.max(1, Math.min(DRAWS_PER_STEP, Math.floor(UNIFORMS_PER_STEP / n)));

function uniforms(rng: Rng, length: number): Float32Array {
	const values = new Float32Array(length);
	for (let i = 0; i < length; i++) values[i] = rng.next();
	return values;
}

/**
 * `count` binomial counts: n trials each, a trial a success when its uniform is below p.
 * `firstTrials` holds the first experiment's trials one by one (1 a success).
 */
export function drawCounts(n: number, p: number, count: number, rng: Rng): { counts: Int32Array; firstTrials: Uint8Array } {
	const trials = uniforms(rng, count * n);
	const sums = tf.tidy(() => tf.sum(tf.cast(tf.less(tf.tensor2d(trials, [count, n]), p), 'int32'), 1));
	const counts = Int32Array.from(sums.dataSync());
	sums.dispose();
	return { counts, firstTrials: Uint8Array.from(trials.subarray(0, n), (u) => (u < p ? 1 : 0)) };
}

// ——— Skewed scores ———

/** A skew-normal of shape α, mixed with a weight of a thin normal tail (the exception) or not. */
export interface ScoreShape {
	alpha: number;
	tail: { weight: number; at: number; sd: number } | null;
}

/** The case where the rule breaks: a left-leaning body with 1% of its mass in a far right tail. */
export const EXCEPTION: ScoreShape = { alpha: -10, tail: { weight: 0.01, at: 3, sd: 0.8 } };

/** Scores are 60 + 10 (Y − median of Y): the median is 60 whatever the skew. */
export const SCORE_MEDIAN = 60;
export const SCORE_SCALE = 10;

const delta = (alpha: number) => alpha / Math.sqrt(1 + alpha * alpha);

/** Owen's T(h, a) = (1/2π) ∫₀ᵃ e^(−h²(1+x²)/2) / (1+x²) dx, by Simpson's rule. */
export function owensT(h: number, a: number): number {
	if (a === 0) return 0;
	if (a < 0) return -owensT(h, -a);
	const steps = 400;
	const width = a / steps;
	const f = (x: number) => Math.exp((-h * h * (1 + x * x)) / 2) / (1 + x * x);
	let sum = f(0) + f(a);
	for (let i = 1; i < steps; i++) sum += f(i * width) * (i % 2 ? 4 : 2);
	return (sum * width) / 3 / (2 * Math.PI);
}

/** Density of Y. */
export function shapeDensity({ alpha, tail }: ScoreShape, y: number): number {
	const body = 2 * normalDensity(y) * normalCdf(alpha * y);
	if (!tail) return body;
	return (1 - tail.weight) * body + (tail.weight * normalDensity((y - tail.at) / tail.sd)) / tail.sd;
}

/** P(Y ≤ y): the skew-normal's CDF is Φ(y) − 2T(y, α). */
export function shapeCdf({ alpha, tail }: ScoreShape, y: number): number {
	const body = normalCdf(y) - 2 * owensT(y, alpha);
	if (!tail) return body;
	return (1 - tail.weight) * body + tail.weight * normalCdf((y - tail.at) / tail.sd);
}

/** E[Y], E[Y²], E[Y³]: the skew-normal's are bδ, 1, bδ(3 − δ²) with b = √(2/π). */
function rawMoments({ alpha, tail }: ScoreShape): [number, number, number] {
	const b = Math.sqrt(2 / Math.PI);
	const d = delta(alpha);
	const body: [number, number, number] = [b * d, 1, b * d * (3 - d * d)];
	if (!tail) return body;
	const { weight: w, at: m, sd: s } = tail;
	const bump = [m, m * m + s * s, m ** 3 + 3 * m * s * s];
	return body.map((moment, i) => (1 - w) * moment + w * bump[i]) as [number, number, number];
}

/** The y where the CDF reaches q, by bisection. */
export function shapeQuantile(shape: ScoreShape, q: number): number {
	let [lo, hi] = [-10, 10];
	for (let i = 0; i < 60; i++) {
		const mid = (lo + hi) / 2;
		if (shapeCdf(shape, mid) < q) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}

/** The highest point of the density: a fine grid, then golden-section search around the best cell. */
export function shapeMode(shape: ScoreShape): number {
	const [lo, step] = [-5, 0.01];
	let best = lo;
	for (let y = lo; y <= 6; y += step) if (shapeDensity(shape, y) > shapeDensity(shape, best)) best = y;
	let [a, b] = [best - step, best + step];
	const ratio = (Math.sqrt(5) - 1) / 2;
	for (let i = 0; i < 60; i++) {
		const [c, d] = [b - ratio * (b - a), a + ratio * (b - a)];
		if (shapeDensity(shape, c) > shapeDensity(shape, d)) b = d;
		else a = c;
	}
	return (a + b) / 2;
}

export interface ScoreSummary extends Summary {
	sd: number;
	/** The median of Y, which scores subtract. */
	centre: number;
}

/** Mean, median, mode and skewness of the scores 60 + 10 (Y − median Y). */
export function scoreSummary(shape: ScoreShape): ScoreSummary {
	const [m1, m2, m3] = rawMoments(shape);
	const variance = m2 - m1 * m1;
	const third = m3 - 3 * m1 * m2 + 2 * m1 ** 3;
	const centre = shapeQuantile(shape, 0.5);
	const toScore = (y: number) => SCORE_MEDIAN + SCORE_SCALE * (y - centre);
	return {
		mean: toScore(m1),
		median: SCORE_MEDIAN,
		modes: [toScore(shapeMode(shape))],
		skewness: third / variance ** 1.5,
		sd: SCORE_SCALE * Math.sqrt(variance),
		centre
	};
}

/** The density of the scores on a grid over [lo, hi]. */
export function scoreCurve(shape: ScoreShape, centre: number, lo: number, hi: number, points = 241): [number, number][] {
	return Array.from({ length: points }, (_, i) => {
		const x = lo + ((hi - lo) * i) / (points - 1);
		return [x, shapeDensity(shape, centre + (x - SCORE_MEDIAN) / SCORE_SCALE) / SCORE_SCALE];
	});
}

/** Where the scores are drawn: their 0.1% to 99.9% quantiles, a little widened. */
export function scoreRange(shape: ScoreShape, centre: number): [number, number] {
	const toScore = (y: number) => SCORE_MEDIAN + SCORE_SCALE * (y - centre);
	const [lo, hi] = [toScore(shapeQuantile(shape, 0.001)), toScore(shapeQuantile(shape, 0.999))];
	const pad = (hi - lo) * 0.05;
	return [lo - pad, hi + pad];
}

export const SCORES_PER_STEP = 500;

/**
 * `count` scores. Y = δ|Z₀| + √(1 − δ²) Z₁ is skew-normal for independent normals Z₀, Z₁
 * (one Box–Muller pair); the exception's tail takes a third uniform to pick the part.
 */
export function drawScores(shape: ScoreShape, centre: number, count: number, rng: Rng): Float64Array {
	const parts = shape.tail ? 3 : 2;
	const u = Array.from({ length: parts }, () => uniforms(rng, count));
	const d = delta(shape.alpha);
	const scores = tf.tidy(() => {
		// 1 − u lies in (0, 1]: its logarithm is finite.
		const radius = tf.sqrt(tf.mul(-2, tf.log(tf.sub(1, tf.tensor1d(u[0])))));
		const angle = tf.mul(2 * Math.PI, tf.tensor1d(u[1]));
		const [z0, z1] = [tf.mul(radius, tf.cos(angle)), tf.mul(radius, tf.sin(angle))];
		let y: tf.Tensor1D = tf.add(tf.mul(d, tf.abs(z0)), tf.mul(Math.sqrt(1 - d * d), z1));
		if (shape.tail) y = tf.where(tf.less(tf.tensor1d(u[2]), shape.tail.weight), tf.add(shape.tail.at, tf.mul(shape.tail.sd, z0)), y);
		return tf.add(SCORE_MEDIAN, tf.mul(SCORE_SCALE, tf.sub(y, centre)));
	});
	const values = Float64Array.from(scores.dataSync());
	scores.dispose();
	return values;
}

// ——— Sample summaries ———

/** The sample mean of the values. */
export function sampleMean(values: ArrayLike<number>): number {
	let sum = 0;
	for (let i = 0; i < values.length; i++) sum += values[i];
	return values.length ? sum / values.length : NaN;
}

/** The k-th smallest of the values (0-based), by quickselect on a copy. */
function kthSmallest(values: ArrayLike<number>, k: number): number {
	const a = Float64Array.from(values);
	let [lo, hi] = [0, a.length - 1];
	while (lo < hi) {
		const pivot = a[(lo + hi) >> 1];
		let [i, j] = [lo, hi];
		while (i <= j) {
			while (a[i] < pivot) i++;
			while (a[j] > pivot) j--;
			if (i <= j) {
				[a[i], a[j]] = [a[j], a[i]];
				i++;
				j--;
			}
		}
		if (k <= j) hi = j;
		else if (k >= i) lo = i;
		else return a[k];
	}
	return a[k];
}

/** The sample median (the mean of the middle two for an even count). */
export function sampleMedian(values: ArrayLike<number>): number {
	const count = values.length;
	if (!count) return NaN;
	const half = count >> 1;
	return count % 2 ? kthSmallest(values, half) : (kthSmallest(values, half - 1) + kthSmallest(values, half)) / 2;
}
