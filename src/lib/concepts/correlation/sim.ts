/**
 * Pearson's r, Spearman's ρ and Kendall's τ-b of a set of points, their per-point pulls
 * and least-squares lines, and seeded bootstrap intervals — all in TF.js.
 *
 * One formulation serves the estimate and every bootstrap resample. A resample of n points
 * is a row of weights w (how many times each point was drawn; w = 1 for the data itself),
 * and every statistic is written with those weights:
 * - Pearson: the weighted correlation of x and y;
 * - Spearman: the weighted correlation of the average ranks, where the rank of point a in
 *   the resample is  Σ_c w_c·([x_c < x_a] + ½[x_c = x_a]) + ½  (copies of a point are ties);
 * - Kendall τ-b:  Σ_ab w_a w_b sx_ab sy_ab / √(Σ_ab w_a w_b |sx_ab| · Σ_ab w_a w_b |sy_ab|),
 *   with sx_ab = sign(x_a − x_b): tied pairs have |sx| = 0, which is τ-b's tie correction.
 * So ranks and pair counts for B resamples at once are one matMul of the weights [B, n]
 * with a fixed [n, 5n] matrix of pair comparisons: no sorting, no gather.
 *
 * Plain arrays in and out; every tensor lives inside a `tf.tidy` or is disposed.
 */
import * as tf from '$lib/engine/tfjs';
import { createRng } from '$lib/engine/rng';
import { runNow, type Job } from '$lib/engine/slices';
import type { Point } from '$lib/widget/schema';

export const COEFFICIENTS = ['pearson', 'spearman', 'kendall'] as const;
export type Coefficient = (typeof COEFFICIENTS)[number];

/** Fewer points than this and no correlation is reported. */
export const MIN_POINTS = 3;

/** A straight line y = intercept + slope·x. */
export interface Line {
	slope: number;
	intercept: number;
}

export interface Correlations {
	n: number;
	/** Null when undefined; `undefinedReason` then says why, in words. */
	pearson: number | null;
	spearman: number | null;
	kendall: number | null;
	undefinedReason: string | null;
	/** Average ranks (1…n, ties share the mean of their places); empty when undefined. */
	ranksX: Float64Array;
	ranksY: Float64Array;
	/** Least-squares line of y on x, in data units, and of rank y on rank x. */
	line: Line | null;
	rankLine: Line | null;
	/** Each point's z-score product z_x·z_y: Pearson's r is their mean. */
	pull: Float64Array;
	/** r minus r without that point (NaN where r without it is undefined). */
	influence: Float64Array;
}

/**
 * Affine maps x → (x − centre) / halfRange put each column into [−1, 1]. Every coefficient
 * is unchanged by them, and float32 needs them: e¹⁰⁰ is beyond its range, and a column
 * like 1e6 + small loses its digits to the offset. Done in float64, before TF.js.
 */
interface Scaled {
	xs: Float32Array;
	ys: Float32Array;
	/** See orderCodes. */
	orderX: Float32Array;
	orderY: Float32Array;
	x: { centre: number; half: number };
	y: { centre: number; half: number };
}

function scaleColumn(values: number[]): { scaled: Float32Array; centre: number; half: number } {
	let lo = Infinity;
	let hi = -Infinity;
	for (const v of values) {
		lo = Math.min(lo, v);
		hi = Math.max(hi, v);
	}
	const centre = lo / 2 + hi / 2;
	const half = hi / 2 - lo / 2;
	return { scaled: Float32Array.from(values, (v) => (half > 0 ? (v - centre) / half : 0)), centre, half };
}

function scale(points: readonly Point[]): Scaled {
	const x = scaleColumn(points.map((p) => p[0]));
	const y = scaleColumn(points.map((p) => p[1]));
	return {
		xs: x.scaled,
		ys: y.scaled,
		orderX: orderCodes(points.map((p) => p[0])),
		orderY: orderCodes(points.map((p) => p[1])),
		x: { centre: x.centre, half: x.half },
		y: { centre: y.centre, half: y.half }
	};
}

/** Why no coefficient can be given for these points, or null when they can. */
export function undefinedReason(points: readonly Point[]): string | null {
	if (points.length < MIN_POINTS) {
		return `Correlation needs at least ${MIN_POINTS} points; there ${points.length === 1 ? 'is' : 'are'} ${points.length === 0 ? 'none' : points.length}.`;
	}
	const constant = (k: 0 | 1) => points.every((p) => p[k] === points[0][k]);
	if (constant(0) && constant(1)) return 'Every point is in the same place: there is no spread to correlate.';
	if (constant(0)) return `Every x is ${points[0][0]}: with no spread in x, correlation is undefined.`;
	if (constant(1)) return `Every y is ${points[0][1]}: with no spread in y, correlation is undefined.`;
	return null;
}

/**
 * Each value's place among the distinct values of its column (0, 1, 2, …; equal values
 * share one). Comparisons need the exact order, and float32 loses it: scaled to [−1, 1],
 * e¹ … e⁸⁰ all round to the same number next to e¹⁰⁰. So the order is read here, in float64,
 * by sorting (TF.js has no sort that keeps ties together; topk gives positions, not ties);
 * the ranks, ties and pair counts are then worked out from these codes in TF.js.
 */
export function orderCodes(values: readonly number[]): Float32Array {
	const distinct = [...new Set(values)].sort((a, b) => a - b);
	const place = new Map(distinct.map((v, i) => [v, i]));
	return Float32Array.from(values, (v) => place.get(v)!);
}

/**
 * The fixed [n, 5n] matrix of pair comparisons, blocks side by side (c indexes rows, a columns):
 * Kx[c, a] = [x_c < x_a] + ½[x_c = x_a], the same for y, sx·sy, |sx| and |sy|. Takes the
 * columns' order codes.
 */
function pairMatrix(xs: Float32Array, ys: Float32Array): tf.Tensor2D {
	return tf.tidy(() => {
		const n = xs.length;
		const blocks = (values: Float32Array) => {
			const column = tf.tensor2d(values, [n, 1]);
			const row = tf.tensor2d(values, [1, n]);
			const below = tf.less(column, row).toFloat().add(tf.equal(column, row).toFloat().mul(0.5));
			return { below, sign: tf.sign(tf.sub(row, column)) };
		};
		const x = blocks(xs);
		const y = blocks(ys);
		return tf.concat([x.below, y.below, x.sign.mul(y.sign), x.sign.abs(), y.sign.abs()], 1) as tf.Tensor2D;
	});
}

/** Weighted correlation of each row of u with the same row of v (u or v may be one row for all). */
function weightedCorrelation(u: tf.Tensor, v: tf.Tensor, weights: tf.Tensor2D, total: tf.Tensor): { r: tf.Tensor1D; du: tf.Tensor; dv: tf.Tensor } {
	const mean = (t: tf.Tensor) => tf.sum(tf.mul(weights, t), 1, true).div(total);
	const du = tf.sub(u, mean(u));
	const dv = tf.sub(v, mean(v));
	const cov = tf.sum(tf.mul(weights, tf.mul(du, dv)), 1);
	const varU = tf.sum(tf.mul(weights, du.square()), 1);
	const varV = tf.sum(tf.mul(weights, dv.square()), 1);
	return { r: clampUnit(cov.div(tf.sqrt(varU.mul(varV)))) as tf.Tensor1D, du, dv };
}

/** Rounding can put a perfect correlation a hair beyond ±1; NaN (a constant resample) stays NaN. */
function clampUnit(t: tf.Tensor): tf.Tensor {
	return tf.minimum(tf.maximum(t, -1), 1);
}

interface WeightedResult {
	pearson: tf.Tensor1D;
	spearman: tf.Tensor1D;
	kendall: tf.Tensor1D;
	ranksX: tf.Tensor2D;
	ranksY: tf.Tensor2D;
	spearmanParts: { du: tf.Tensor; dv: tf.Tensor };
	pearsonParts: { du: tf.Tensor; dv: tf.Tensor };
}

/** The three coefficients for each row of `weights` [B, n]; call inside tf.tidy. */
function weighted(xs: tf.Tensor2D, ys: tf.Tensor2D, pairs: tf.Tensor2D, weights: tf.Tensor2D): WeightedResult {
	const total = tf.sum(weights, 1, true);
	const counts = tf.matMul(weights, pairs);
	const [belowX, belowY, concordance, pairsX, pairsY] = tf.split(counts, 5, 1);
	const ranksX = belowX.add(0.5) as tf.Tensor2D;
	const ranksY = belowY.add(0.5) as tf.Tensor2D;
	const pearson = weightedCorrelation(xs, ys, weights, total);
	const spearman = weightedCorrelation(ranksX, ranksY, weights, total);
	const form = (t: tf.Tensor) => tf.sum(tf.mul(t, weights), 1);
	const kendall = clampUnit(form(concordance).div(tf.sqrt(form(pairsX).mul(form(pairsY))))) as tf.Tensor1D;
	return { pearson: pearson.r, spearman: spearman.r, kendall, ranksX, ranksY, spearmanParts: spearman, pearsonParts: pearson };
}

const nanToNull = (v: number) => (Number.isFinite(v) ? v : null);

/**
 * All three coefficients of `points`, with ranks, lines, pulls and leave-one-out influence.
 * Undefined cases (fewer than 3 points, a constant column) come back with null
 * coefficients and the reason in words, never NaN.
 *
 * @example
 * correlate([[1, 1], [2, 3], [3, 2]]); // pearson 0.5, spearman 0.5, kendall 1/3
 */
export function correlate(points: readonly Point[]): Correlations {
	const n = points.length;
	const reason = undefinedReason(points);
	if (reason) {
		const empty = new Float64Array(0);
		return { n, pearson: null, spearman: null, kendall: null, undefinedReason: reason, ranksX: empty, ranksY: empty, line: null, rankLine: null, pull: new Float64Array(n), influence: new Float64Array(n).fill(NaN) };
	}
	const s = scale(points);
	const flat = tf.tidy(() => {
		const xs = tf.tensor2d(s.xs, [1, n]);
		const ys = tf.tensor2d(s.ys, [1, n]);
		const weights = tf.ones([1, n]) as tf.Tensor2D;
		const result = weighted(xs, ys, pairMatrix(s.orderX, s.orderY), weights);
		const { du, dv } = result.pearsonParts;
		// Population z-scores: r is the mean of z_x·z_y.
		const sdX = du.square().mean().sqrt();
		const sdY = dv.square().mean().sqrt();
		const pull = du.div(sdX).mul(dv.div(sdY));
		// r without point i, from the full sums of the centred values (closed form, all i at once).
		const sxy = du.mul(dv).sum();
		const sxx = du.square().sum();
		const syy = dv.square().sum();
		const shrink = 1 + 1 / (n - 1);
		const covWithout = sxy.sub(du.mul(dv).mul(shrink));
		const varXWithout = sxx.sub(du.square().mul(shrink));
		const varYWithout = syy.sub(dv.square().mul(shrink));
		const rWithout = clampUnit(covWithout.div(varXWithout.mul(varYWithout).sqrt()));
		const influence = n - 1 >= MIN_POINTS ? result.pearson.sub(rWithout) : tf.fill([1, n], NaN);
		const rank = result.spearmanParts;
		const rankSlope = rank.du.mul(rank.dv).sum().div(rank.du.square().sum());
		const slope = sxy.div(sxx);
		return tf
			.concat([
				result.pearson,
				result.spearman,
				result.kendall,
				slope.reshape([1]),
				rankSlope.reshape([1]),
				result.ranksX.reshape([n]),
				result.ranksY.reshape([n]),
				pull.reshape([n]),
				influence.reshape([n])
			])
			.dataSync();
	});
	const [pearson, spearman, kendall, scaledSlope, rankSlope] = flat;
	const ranksX = Float64Array.from(flat.subarray(5, 5 + n));
	const ranksY = Float64Array.from(flat.subarray(5 + n, 5 + 2 * n));
	// Back to data units: the scaled line passes through the scaled means.
	const slope = (scaledSlope * s.y.half) / s.x.half;
	const meanX = points.reduce((a, p) => a + p[0], 0) / n;
	const meanY = points.reduce((a, p) => a + p[1], 0) / n;
	const meanRank = (n + 1) / 2;
	return {
		n,
		pearson: nanToNull(pearson),
		spearman: nanToNull(spearman),
		kendall: nanToNull(kendall),
		undefinedReason: null,
		ranksX,
		ranksY,
		line: Number.isFinite(slope) ? { slope, intercept: meanY - slope * meanX } : null,
		rankLine: Number.isFinite(rankSlope) ? { slope: rankSlope, intercept: meanRank - rankSlope * meanRank } : null,
		pull: Float64Array.from(flat.subarray(5 + 2 * n, 5 + 3 * n)),
		influence: Float64Array.from(flat.subarray(5 + 3 * n, 5 + 4 * n))
	};
}

// ---------------------------------------------------------------------------------------
// Bootstrap

export type Interval = [number, number];

export interface Intervals {
	/** Percentile 95% intervals; null when too few resamples gave a defined value. */
	pearson: Interval | null;
	spearman: Interval | null;
	kendall: Interval | null;
	resamples: number;
	/** Resamples left out per coefficient because their value was undefined (a constant column). */
	undefinedResamples: Record<Coefficient, number>;
}

/** Resamples per matMul: [50, n] × [n, 5n] keeps each slice short at n = 1000. */
export const BOOTSTRAP_CHUNK = 50;

/**
 * Multinomial counts: row b holds how many times each of the n points was drawn in
 * resample b (n draws with replacement). Seeded: the same seed gives the same resamples.
 */
export function resampleWeights(n: number, count: number, rng: ReturnType<typeof createRng>): Float32Array {
	const weights = new Float32Array(count * n);
	for (let b = 0; b < count; b++) for (let i = 0; i < n; i++) weights[b * n + rng.int(n)] += 1;
	return weights;
}

/** Type-7 quantile (linear between order statistics) of sorted values. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
	const at = (sorted.length - 1) * q;
	const lo = Math.floor(at);
	const hi = Math.min(sorted.length - 1, lo + 1);
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

type Prepared = {
	xs: tf.Tensor2D;
	ys: tf.Tensor2D;
	pairs: tf.Tensor2D;
};

function prepare(points: readonly Point[]): Prepared {
	const n = points.length;
	const s = scale(points);
	return tf.tidy(() => ({ xs: tf.tensor2d(s.xs, [1, n]), ys: tf.tensor2d(s.ys, [1, n]), pairs: pairMatrix(s.orderX, s.orderY) }));
}

function coefficientsOfWeights(prepared: Prepared, weights: Float32Array, count: number): Record<Coefficient, Float32Array> {
	const n = prepared.xs.shape[1];
	const flat = tf.tidy(() => {
		const r = weighted(prepared.xs, prepared.ys, prepared.pairs, tf.tensor2d(weights, [count, n]));
		return tf.concat([r.pearson, r.spearman, r.kendall]).dataSync() as Float32Array;
	});
	return { pearson: flat.subarray(0, count), spearman: flat.subarray(count, 2 * count), kendall: flat.subarray(2 * count) };
}

/**
 * The three coefficients of each resample given by `weights` (row b: how many times each
 * point is in resample b, as resampleWeights makes them). NaN where a resample is undefined.
 */
export function coefficientsOfResamples(points: readonly Point[], weights: Float32Array, count: number): Record<Coefficient, Float32Array> {
	const prepared = prepare(points);
	try {
		return coefficientsOfWeights(prepared, weights, count);
	} finally {
		tf.dispose(prepared);
	}
}

/**
 * Percentile bootstrap 95% intervals of all three coefficients from `resamples` resamples
 * drawn with `seed`, computed BOOTSTRAP_CHUNK at a time and yielding between chunks so the
 * page can run it in idle time. Returns null for undefined data.
 */
export function* bootstrapJob(points: readonly Point[], resamples: number, seed: number): Job<Intervals | null> {
	if (undefinedReason(points)) return null;
	const n = points.length;
	const rng = createRng(seed).fork('bootstrap');
	const values: Record<Coefficient, number[]> = { pearson: [], spearman: [], kendall: [] };
	const fixed = prepare(points);
	try {
		for (let done = 0; done < resamples; done += BOOTSTRAP_CHUNK) {
			yield;
			const count = Math.min(BOOTSTRAP_CHUNK, resamples - done);
			const w = resampleWeights(n, count, rng);
			const chunk = coefficientsOfWeights(fixed, w, count);
			for (const name of COEFFICIENTS) values[name].push(...chunk[name]);
		}
	} finally {
		tf.dispose(fixed);
	}
	const interval = (all: number[]): Interval | null => {
		const finite = Float64Array.from(all.filter(Number.isFinite)).sort();
		// Fewer than half the resamples defined: an interval from them would mislead.
		if (finite.length < Math.max(2, all.length / 2)) return null;
		return [quantile(finite, 0.025), quantile(finite, 0.975)];
	};
	const undefinedCount = (all: number[]) => all.filter((v) => !Number.isFinite(v)).length;
	return {
		pearson: interval(values.pearson),
		spearman: interval(values.spearman),
		kendall: interval(values.kendall),
		resamples,
		undefinedResamples: { pearson: undefinedCount(values.pearson), spearman: undefinedCount(values.spearman), kendall: undefinedCount(values.kendall) }
	};
}

/** The bootstrap run straight through (tests, Node). */
export function bootstrap(points: readonly Point[], resamples: number, seed: number): Intervals | null {
	return runNow(bootstrapJob(points, resamples, seed));
}

// ---------------------------------------------------------------------------------------
// Editing helpers and the plain reading

/** Index of the point whose removal changes Pearson's r the most, or null. */
export function mostInfluential(c: Correlations): number | null {
	let best: number | null = null;
	for (let i = 0; i < c.influence.length; i++) {
		if (!Number.isFinite(c.influence[i])) continue;
		if (best === null || Math.abs(c.influence[i]) > Math.abs(c.influence[best])) best = i;
	}
	return best;
}

/**
 * A point five standard deviations out in x and against the trend in y: it drags Pearson's
 * r toward the other sign while the ranks move only one place each.
 */
export function outlierFor(points: readonly Point[], c: Correlations): Point {
	if (points.length === 0) return [0, 0];
	const n = points.length;
	const mean = (k: 0 | 1) => points.reduce((a, p) => a + p[k], 0) / n;
	const sd = (k: 0 | 1, m: number) => Math.sqrt(points.reduce((a, p) => a + (p[k] - m) ** 2, 0) / n) || 1;
	const mx = mean(0);
	const my = mean(1);
	const direction = (c.pearson ?? 0) < 0 ? 1 : -1;
	return [mx + 5 * sd(0, mx), my + direction * 5 * sd(1, my)];
}

function strength(value: number): string {
	const a = Math.abs(value);
	const word = a >= 0.99 ? 'perfect' : a >= 0.7 ? 'strong' : a >= 0.4 ? 'moderate' : a >= 0.2 ? 'weak' : 'almost no';
	return a < 0.2 ? word : `${word} ${value > 0 ? 'positive' : 'negative'}`;
}

/** One line, in words, on what the three numbers together say. */
export function plainReading(c: Correlations): string {
	if (c.undefinedReason || c.pearson === null || c.spearman === null) return c.undefinedReason ?? 'Correlation is undefined here.';
	const p = c.pearson;
	const s = c.spearman;
	const gap = Math.abs(s) - Math.abs(p);
	if (gap > 0.1 && Math.abs(s) >= 0.6) return `Monotonic but not straight: Spearman (${fmt(s)}) > Pearson (${fmt(p)}). The ranks line up better than the values — a curve, or a point off the line.`;
	if (-gap > 0.1 && Math.abs(p) >= 0.3) return `A few points carry Pearson: it (${fmt(p)}) is stronger than the ranks agree (Spearman ${fmt(s)}). Look for outliers.`;
	if (Math.sign(p) !== Math.sign(s) && Math.abs(p) >= 0.2 && Math.abs(s) >= 0.2) return `Pearson and Spearman disagree in sign (${fmt(p)} and ${fmt(s)}): a few extreme points pull against the bulk.`;
	if (Math.abs(p) < 0.2 && Math.abs(s) < 0.2) return 'Neither sees a trend: no straight line and no steady rise or fall — though a curve like a U can still hide here.';
	return `Pearson and Spearman agree (${fmt(p)} and ${fmt(s)}): a ${strength(p)}, roughly straight relation.`;
}

function fmt(v: number): string {
	return String(Number(v.toFixed(2)));
}
