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
 * So ranks and pair counts for B resamples at once are matMuls of the weights [B, n]
 * with five fixed [n, n] matrices of pair comparisons: no sorting, no gather.
 *
 * Plain arrays in and out; every tensor lives inside a `tf.tidy` or is disposed.
 */
import * as tf from '$lib/engine/tfjs';
import { createRng } from '$lib/engine/rng';
import { runNow, type Job } from '$lib/common/slices';
import type { Point } from '$lib/common/geometry';

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
 * sx[c, a] = sign(x_a − x_c) for a column's order codes. Everything about pairs comes from
 * it: [x_c < x_a] + ½[x_c = x_a] is (sx + 1) / 2. (One sign is also far faster on wasm than
 * less + equal + casts: 5 ms against 270 ms at n = 1000.)
 */
function pairSigns(codes: Float32Array): tf.Tensor2D {
	const n = codes.length;
	return tf.tidy(() => tf.sign(tf.sub(tf.tensor2d(codes, [1, n]), tf.tensor2d(codes, [n, 1])))) as tf.Tensor2D;
}

/** The five fixed [n, n] pair blocks of the header, for the bootstrap's matMuls. */
type PairBlocks = [below: tf.Tensor2D, belowY: tf.Tensor2D, concordance: tf.Tensor2D, pairsX: tf.Tensor2D, pairsY: tf.Tensor2D];

/**
 * Kx[c, a] = [x_c < x_a] + ½[x_c = x_a], the same for y, sx·sy, |sx| and |sy|, from the
 * columns' order codes. Kept apart rather than concatenated: a 5n-wide concat costs more
 * than the matMuls it would save at n = 1000.
 */
function pairBlocks(xs: Float32Array, ys: Float32Array): PairBlocks {
	return tf.tidy(() => {
		const sx = pairSigns(xs);
		const sy = pairSigns(ys);
		const below = (signs: tf.Tensor2D) => signs.add(1).mul(0.5) as tf.Tensor2D;
		return [below(sx), below(sy), sx.mul(sy), sx.abs(), sy.abs()] as PairBlocks;
	});
}

/** Weighted correlation of each row of u with the same row of v (u or v may be one row for all). */
function weightedCorrelation(u: tf.Tensor, v: tf.Tensor, weights: tf.Tensor2D, total: tf.Tensor): tf.Tensor1D {
	const mean = (t: tf.Tensor) => tf.sum(tf.mul(weights, t), 1, true).div(total);
	const du = tf.sub(u, mean(u));
	const dv = tf.sub(v, mean(v));
	const cov = tf.sum(tf.mul(weights, tf.mul(du, dv)), 1);
	const varU = tf.sum(tf.mul(weights, du.square()), 1);
	const varV = tf.sum(tf.mul(weights, dv.square()), 1);
	return clampUnit(cov.div(tf.sqrt(varU.mul(varV)))) as tf.Tensor1D;
}

/** Rounding can put a perfect correlation a hair beyond ±1; NaN (a constant resample) stays NaN. */
function clampUnit(t: tf.Tensor): tf.Tensor {
	return tf.minimum(tf.maximum(t, -1), 1);
}

interface WeightedResult {
	pearson: tf.Tensor1D;
	spearman: tf.Tensor1D;
	kendall: tf.Tensor1D;
}

/** The three coefficients for each row of `weights` [B, n]; call inside tf.tidy. */
function weighted(xs: tf.Tensor2D, ys: tf.Tensor2D, pairs: PairBlocks, weights: tf.Tensor2D): WeightedResult {
	const total = tf.sum(weights, 1, true);
	const [belowX, belowY, concordance, pairsX, pairsY] = pairs.map((block) => tf.matMul(weights, block));
	const pearson = weightedCorrelation(xs, ys, weights, total);
	const spearman = weightedCorrelation(belowX.add(0.5), belowY.add(0.5), weights, total);
	const form = (t: tf.Tensor) => tf.sum(tf.mul(t, weights), 1);
	const kendall = clampUnit(form(concordance).div(tf.sqrt(form(pairsX).mul(form(pairsY))))) as tf.Tensor1D;
	return { pearson, spearman, kendall };
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
		// The weighted formulas of the header with every w = 1: sums instead of a matMul.
		const correlation = (du: tf.Tensor, dv: tf.Tensor) => clampUnit(du.mul(dv).sum().div(du.square().sum().mul(dv.square().sum()).sqrt()));
		const centred = (t: tf.Tensor) => t.sub(t.mean());
		const sx = pairSigns(s.orderX);
		const sy = pairSigns(s.orderY);
		const ranksX = sx.add(1).mul(0.5).sum(0).add(0.5);
		const ranksY = sy.add(1).mul(0.5).sum(0).add(0.5);
		const kendall = clampUnit(sx.mul(sy).sum().div(sx.abs().sum().mul(sy.abs().sum()).sqrt()));
		const du = centred(tf.tensor1d(s.xs));
		const dv = centred(tf.tensor1d(s.ys));
		const rankDu = centred(ranksX);
		const rankDv = centred(ranksY);
		const pearson = correlation(du, dv);
		const spearman = correlation(rankDu, rankDv);
		// Population z-scores: r is the mean of z_x·z_y.
		const pull = du.div(du.square().mean().sqrt()).mul(dv.div(dv.square().mean().sqrt()));
		// r without point i, from the full sums of the centred values (closed form, all i at once).
		const sxy = du.mul(dv).sum();
		const sxx = du.square().sum();
		const syy = dv.square().sum();
		const shrink = 1 + 1 / (n - 1);
		const covWithout = sxy.sub(du.mul(dv).mul(shrink));
		const varXWithout = sxx.sub(du.square().mul(shrink));
		const varYWithout = syy.sub(dv.square().mul(shrink));
		const rWithout = clampUnit(covWithout.div(varXWithout.mul(varYWithout).sqrt()));
		const influence = n - 1 >= MIN_POINTS ? pearson.sub(rWithout) : tf.fill([n], NaN);
		const rankSlope = rankDu.mul(rankDv).sum().div(rankDu.square().sum());
		const slope = sxy.div(sxx);
		return tf.concat([tf.stack([pearson, spearman, kendall, slope, rankSlope]), ranksX, ranksY, pull, influence]).dataSync();
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

/**
 * Resamples per slice, five matMuls [count, n] × [n, n]: about 2·10⁷ multiply-adds, a slice of roughly
 * 10 ms on wasm (4 resamples at n = 1000, all of them below n = 90).
 */
export function bootstrapChunk(n: number): number {
	return Math.max(1, Math.floor(2e7 / (5 * n * n)));
}

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
	pairs: PairBlocks;
};

function prepare(points: readonly Point[]): Prepared {
	const n = points.length;
	const s = scale(points);
	return tf.tidy(() => ({ xs: tf.tensor2d(s.xs, [1, n]), ys: tf.tensor2d(s.ys, [1, n]), pairs: pairBlocks(s.orderX, s.orderY) }));
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
 * drawn with `seed`, computed a chunk at a time and yielding between chunks so the
 * page can run it in idle time. Returns null for undefined data.
 */
export function* bootstrapJob(points: readonly Point[], resamples: number, seed: number): Job<Intervals | null> {
	if (undefinedReason(points)) return null;
	const n = points.length;
	const rng = createRng(seed).fork('bootstrap');
	const values: Record<Coefficient, number[]> = { pearson: [], spearman: [], kendall: [] };
	const fixed = prepare(points);
	try {
		const perSlice = bootstrapChunk(n);
		for (let done = 0; done < resamples; done += perSlice) {
			yield;
			const count = Math.min(perSlice, resamples - done);
			const w = resampleWeights(n, count, rng);
			const got = coefficientsOfWeights(fixed, w, count);
			for (const name of COEFFICIENTS) values[name].push(...got[name]);
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
