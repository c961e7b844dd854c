/**
 * Naive Bayes against the truth. The generating model: two classes, B with prior π, each a
 * 2-D Gaussian with unit variances and the same correlation ρ between the features, means
 * (−m, −m) for A and (m, m) for B (m = separation / 2). Its posterior is known in closed form.
 *
 * Gaussian naive Bayes (per class: the mean and variance of each feature, and the class
 * share) and, for comparison, a full-covariance Gaussian classifier (per-class means and one
 * pooled covariance) are fitted in TF.js from per-class sums, on standardised features:
 * neither posterior changes under a per-feature shift and scale, and standardising keeps
 * float32 sums accurate for data of any scale.
 */
import * as tf from '$lib/engine/tfjs';
import type { LabelledPoint, Point } from '$lib/common/geometry';
import type { Rng } from '$lib/engine/rng';
import type { Job } from '$lib/common/slices';

export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
/** −log σ(z) without overflow: softplus(−z). */
export const logLossOfScore = (z: number) => (z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z)));
export const logit = (p: number) => Math.log(p / (1 - p));

/** Added to every fitted variance (standardised units): a feature constant within a class still has a density. */
export const VARIANCE_SMOOTHING = 1e-3;
/** Added to the pooled covariance's diagonal (standardised units): copied features make it singular. */
export const COVARIANCE_RIDGE = 1e-4;
/** Below this distance from 1, ρ counts as 1: feature 2 is a copy of feature 1. */
const COPY_TOLERANCE = 1e-9;

// ——— The generating model and its truth ———

export interface Setting {
	rho: number;
	separation: number;
	/** P(class B). */
	prior: number;
}

/** The class means [A, B]. */
export const classMeans = (separation: number): [Point, Point] => [
	[-separation / 2, -separation / 2],
	[separation / 2, separation / 2]
];

/** The random numbers behind a sample, kept apart from ρ, the means and the prior so that a slider moves the same points. */
export interface Draws {
	u: Float64Array;
	z1: Float64Array;
	z2: Float64Array;
}

export function drawNumbers(count: number, rng: Rng): Draws {
	const [u, z1, z2] = [new Float64Array(count), new Float64Array(count), new Float64Array(count)];
	for (let i = 0; i < count; i++) [u[i], z1[i], z2[i]] = [rng.next(), rng.normal(), rng.normal()];
	return { u, z1, z2 };
}

/** The first `count` points of the draws under the setting: class B when u < π; x₂ = μ + ρ z₁ + √(1 − ρ²) z₂. */
export function samplePoints({ rho, separation, prior }: Setting, draws: Draws, count = draws.u.length): LabelledPoint[] {
	const means = classMeans(separation);
	const spread = Math.sqrt(Math.max(0, 1 - rho * rho));
	return Array.from({ length: Math.min(count, draws.u.length) }, (_, i) => {
		const c = draws.u[i] < prior ? 1 : 0;
		const [mx, my] = means[c];
		return [mx + draws.z1[i], my + rho * draws.z1[i] + spread * draws.z2[i], c];
	});
}

/** log N(x; mean, [[1, ρ], [ρ, 1]]) for ρ < 1. */
export function bivariateLogDensity([x, y]: readonly number[], [mx, my]: Point, rho: number): number {
	const [dx, dy] = [x - mx, y - my];
	const det = 1 - rho * rho;
	return -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - (dx * dx - 2 * rho * dx * dy + dy * dy) / (2 * det);
}

const normalLogDensity = (x: number, mean: number, variance: number) => -0.5 * Math.log(2 * Math.PI * variance) - ((x - mean) ** 2) / (2 * variance);

/**
 * The true log-odds log P(B | x) / P(A | x). At ρ = 1 every point has x₂ = x₁ and the
 * bivariate density is degenerate: the truth then reads the one feature there is, taken as
 * the mean of the two (equal to each on the data, and the limit of ρ → 1 elsewhere).
 */
export function trueLogOdds({ rho, separation, prior }: Setting, x: readonly number[]): number {
	const [a, b] = classMeans(separation);
	if (1 - rho < COPY_TOLERANCE) {
		const u = (x[0] + x[1]) / 2;
		return logit(prior) + normalLogDensity(u, b[0], 1) - normalLogDensity(u, a[0], 1);
	}
	return logit(prior) + bivariateLogDensity(x, b, rho) - bivariateLogDensity(x, a, rho);
}

// ——— Fitting ———

export interface Scaling {
	mean: [number, number];
	sd: [number, number];
}

export function scalingOf(points: readonly LabelledPoint[]): Scaling {
	const n = Math.max(1, points.length);
	const stat = (k: 0 | 1): [number, number] => {
		const m = points.reduce((s, p) => s + p[k], 0) / n;
		const sd = Math.sqrt(points.reduce((s, p) => s + (p[k] - m) ** 2, 0) / n);
		return [m, sd > 0 && Number.isFinite(sd) ? sd : 1];
	};
	const [x, y] = [stat(0), stat(1)];
	return { mean: [x[0], y[0]], sd: [x[1], y[1]] };
}

const standardise = (s: Scaling, p: readonly number[]): Point => [(p[0] - s.mean[0]) / s.sd[0], (p[1] - s.mean[1]) / s.sd[1]];

/** Per class [A, B], in standardised units: count, means, variances and the within-class covariance. */
export interface ClassStats {
	count: number;
	mean: [number, number];
	variance: [number, number];
	covariance: number;
}

export interface Fitted {
	scaling: Scaling;
	classes: [ClassStats, ClassStats];
	/** P(B) as the training shares give it. */
	prior: number;
	/** The full-covariance classifier's log-odds w·x + b (standardised x). */
	full: { w: [number, number]; b: number };
}

/** Which class has no points, or null: without both there is nothing to fit. */
export function missingClass(points: readonly LabelledPoint[]): 0 | 1 | null {
	for (const c of [0, 1] as const) if (!points.some((p) => p[2] === c)) return c;
	return null;
}

/**
 * Both classifiers from one TF.js pass: the per-class sums of 1, x₁, x₂, x₁², x₂² and x₁x₂
 * (a 2 × n class mask times an n × 6 feature matrix). Null when a class has no points.
 */
export function fitClassifiers(points: readonly LabelledPoint[]): Fitted | null {
	if (missingClass(points) !== null) return null;
	const scaling = scalingOf(points);
	const flat = new Float32Array(points.length * 6);
	const mask = new Float32Array(points.length * 2);
	points.forEach((p, i) => {
		const [x, y] = standardise(scaling, p);
		flat.set([1, x, y, x * x, y * y, x * y], 6 * i);
		mask[p[2] === 1 ? points.length + i : i] = 1;
	});
	const sums = tf.tidy(() => tf.matMul(tf.tensor2d(mask, [2, points.length]), tf.tensor2d(flat, [points.length, 6])));
	const s = sums.dataSync();
	sums.dispose();
	const classes = [0, 1].map((c): ClassStats => {
		const [n, sx, sy, sxx, syy, sxy] = Array.from(s.slice(6 * c, 6 * c + 6));
		const [mx, my] = [sx / n, sy / n];
		return { count: n, mean: [mx, my], variance: [Math.max(0, sxx / n - mx * mx), Math.max(0, syy / n - my * my)], covariance: sxy / n - mx * my };
	}) as [ClassStats, ClassStats];
	const total = classes[0].count + classes[1].count;
	const prior = classes[1].count / total;
	return { scaling, classes, prior, full: fullCovarianceOf(classes, prior) };
}

/** Linear discriminant: w = S⁻¹(μ_B − μ_A), b = −½ w·(μ_A + μ_B) + logit π, with S the pooled covariance plus a small ridge. */
function fullCovarianceOf(classes: [ClassStats, ClassStats], prior: number): Fitted['full'] {
	const n = classes[0].count + classes[1].count;
	const pooled = (pick: (c: ClassStats) => number) => (classes[0].count * pick(classes[0]) + classes[1].count * pick(classes[1])) / n;
	const sxx = pooled((c) => c.variance[0]) + COVARIANCE_RIDGE;
	const syy = pooled((c) => c.variance[1]) + COVARIANCE_RIDGE;
	const sxy = pooled((c) => c.covariance);
	const det = sxx * syy - sxy * sxy;
	const [dx, dy] = [classes[1].mean[0] - classes[0].mean[0], classes[1].mean[1] - classes[0].mean[1]];
	const w: [number, number] = [(syy * dx - sxy * dy) / det, (sxx * dy - sxy * dx) / det];
	const [cx, cy] = [classes[1].mean[0] + classes[0].mean[0], classes[1].mean[1] + classes[0].mean[1]];
	return { w, b: -0.5 * (w[0] * cx + w[1] * cy) + logit(prior) };
}

// ——— Predicting ———

/** Naive Bayes's log-odds at one point: logit π̂ plus one term per feature, as if they were independent. */
export function naiveBayesLogOdds(model: Fitted, x: readonly number[]): number {
	const z = standardise(model.scaling, x);
	let total = logit(model.prior);
	for (const f of [0, 1]) total += featureEvidence(model, f as 0 | 1, z[f]);
	return total;
}

/** One feature's evidence log p(x_f | B) − log p(x_f | A) (standardised x_f). */
export function featureEvidence(model: Fitted, f: 0 | 1, value: number): number {
	const [a, b] = model.classes;
	return normalLogDensity(value, b.mean[f], b.variance[f] + VARIANCE_SMOOTHING) - normalLogDensity(value, a.mean[f], a.variance[f] + VARIANCE_SMOOTHING);
}

export function fullLogOdds(model: Fitted, x: readonly number[]): number {
	const [u, v] = standardise(model.scaling, x);
	return model.full.w[0] * u + model.full.w[1] * v + model.full.b;
}

/** Both classifiers' log-odds at many points (x0, y0, x1, y1, …), in TF.js. */
export function logOddsAt(model: Fitted, xy: ArrayLike<number>): { naive: Float32Array; full: Float32Array } {
	const n = xy.length / 2;
	const standardised = new Float32Array(xy.length);
	for (let i = 0; i < n; i++) {
		standardised[2 * i] = (xy[2 * i] - model.scaling.mean[0]) / model.scaling.sd[0];
		standardised[2 * i + 1] = (xy[2 * i + 1] - model.scaling.mean[1]) / model.scaling.sd[1];
	}
	const [a, b] = model.classes;
	const out = tf.tidy(() => {
		const x = tf.tensor2d(standardised, [n, 2]);
		const logDensity = (c: ClassStats) => {
			const variance = tf.tensor1d([c.variance[0] + VARIANCE_SMOOTHING, c.variance[1] + VARIANCE_SMOOTHING]);
			const squared = tf.square(tf.sub(x, tf.tensor1d(c.mean)));
			return tf.neg(tf.add(tf.div(squared, tf.mul(variance, 2)), tf.mul(tf.log(tf.mul(variance, 2 * Math.PI)), 0.5))).sum(1);
		};
		const naive = tf.add(tf.sub(logDensity(b), logDensity(a)), logit(model.prior));
		const full = tf.add(tf.matMul(x, tf.tensor2d(model.full.w, [2, 1])).reshape([n]), model.full.b);
		return tf.stack([naive, full]);
	});
	const values = out.dataSync() as Float32Array;
	out.dispose();
	return { naive: values.slice(0, n), full: values.slice(n) };
}

// ——— Scoring probabilities ———

export interface Scores {
	logLoss: number;
	brier: number;
}

/** Mean log-loss and Brier score of log-odds against labels. */
export function scoresOf(logOdds: ArrayLike<number>, labels: ArrayLike<number>): Scores {
	let [logLoss, brier] = [0, 0];
	for (let i = 0; i < labels.length; i++) {
		logLoss += logLossOfScore(labels[i] === 1 ? logOdds[i] : -logOdds[i]);
		brier += (sigmoid(logOdds[i]) - labels[i]) ** 2;
	}
	const n = Math.max(1, labels.length);
	return { logLoss: logLoss / n, brier: brier / n };
}

export interface Bin {
	lo: number;
	hi: number;
	count: number;
	/** Mean predicted P(B) of the bin's points, null when empty. */
	predicted: number | null;
	/** Share of them that are class B, null when empty. */
	observed: number | null;
}

/** Reliability bins: `bins` equal widths of predicted P(B) (1 falls in the last), each with its mean prediction and observed share of B. */
export function calibrationBins(logOdds: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): Bin[] {
	const [count, sumP, sumY] = [new Array(bins).fill(0), new Array(bins).fill(0), new Array(bins).fill(0)];
	for (let i = 0; i < labels.length; i++) {
		const p = sigmoid(logOdds[i]);
		const k = Math.min(bins - 1, Math.floor(p * bins));
		count[k]++;
		sumP[k] += p;
		sumY[k] += labels[i];
	}
	return count.map((c, k) => ({ lo: k / bins, hi: (k + 1) / bins, count: c, predicted: c ? sumP[k] / c : null, observed: c ? sumY[k] / c : null }));
}

// ——— The background job ———

export const TEST_SIZE = 4000;
export const GRID = 56;

export interface Box {
	x: [number, number];
	y: [number, number];
}

/** Cell centres of a GRID × GRID map over the box, row by row from the bottom. */
export function gridPoints({ x, y }: Box, size = GRID): Float64Array {
	const out = new Float64Array(2 * size * size);
	for (let r = 0; r < size; r++)
		for (let c = 0; c < size; c++) {
			out[2 * (r * size + c)] = x[0] + ((c + 0.5) / size) * (x[1] - x[0]);
			out[2 * (r * size + c) + 1] = y[0] + ((r + 0.5) / size) * (y[1] - y[0]);
		}
	return out;
}

export interface SizeScores {
	size: number;
	naive: Scores;
	full: Scores;
	/** The truth's scores on the same test points (presets only). */
	truth: Scores | null;
}

export interface Evaluation {
	model: Fitted;
	/** On what the calibration and scores are computed: fresh test points, or the reader's points themselves. */
	on: 'test' | 'own';
	scores: SizeScores;
	/** Scores after each Step so far (training sizes in order). */
	bySize: SizeScores[];
	calibration: { naive: Bin[]; full: Bin[]; truth: Bin[] | null };
	/** P(B) over the map box: naive Bayes, and the truth (or, for own points, the full-covariance classifier). */
	maps: { naive: Float32Array; other: Float32Array };
	box: Box;
}

const flatOf = (points: readonly LabelledPoint[]) => Float64Array.from(points.flatMap((p) => [p[0], p[1]]));

/**
 * Fits both classifiers on each training set (the last is the current one), scores each on
 * the evaluation points, then the calibration bins and the two maps of the last. `setting`
 * is the truth (null for the reader's points, evaluated on themselves).
 */
export function* evaluationJob(trainingSets: readonly LabelledPoint[][], evaluation: readonly LabelledPoint[], setting: Setting | null, box: Box): Job<Evaluation | null> {
	const xy = flatOf(evaluation);
	const labels = evaluation.map((p) => p[2]);
	yield;
	const truthOdds = setting ? evaluation.map((p) => trueLogOdds(setting, p)) : null;
	const truth = truthOdds ? scoresOf(truthOdds, labels) : null;
	const bySize: SizeScores[] = [];
	let last: { model: Fitted; naive: Float32Array; full: Float32Array } | null = null;
	for (const points of trainingSets) {
		yield;
		const model = fitClassifiers(points);
		if (!model) return null;
		yield;
		const odds = logOddsAt(model, xy);
		yield;
		bySize.push({ size: points.length, naive: scoresOf(odds.naive, labels), full: scoresOf(odds.full, labels), truth });
		last = { model, ...odds };
	}
	if (!last) return null;
	yield;
	const calibration = {
		naive: calibrationBins(last.naive, labels),
		full: calibrationBins(last.full, labels),
		truth: truthOdds ? calibrationBins(truthOdds, labels) : null
	};
	yield;
	const cells = gridPoints(box);
	const grid = logOddsAt(last.model, cells);
	const naive = grid.naive.map(sigmoid);
	yield;
	const other = setting ? Float32Array.from({ length: GRID * GRID }, (_, i) => sigmoid(trueLogOdds(setting, [cells[2 * i], cells[2 * i + 1]]))) : grid.full.map(sigmoid);
	return { model: last.model, on: setting ? 'test' : 'own', scores: bySize.at(-1)!, bySize, calibration, maps: { naive, other }, box };
}

// ——— The line through the picked point ———

export const LINE_HALF_LENGTH = 4;
export const LINE_DIRECTION: Point = [Math.SQRT1_2, Math.SQRT1_2];

/** Points along the diagonal through `probe`, at distances t from it: [t, x, y]. */
export function lineThrough(probe: Point, count = 121, half = LINE_HALF_LENGTH): [number, number, number][] {
	return Array.from({ length: count }, (_, i) => {
		const t = -half + (2 * half * i) / (count - 1);
		return [t, probe[0] + t * LINE_DIRECTION[0], probe[1] + t * LINE_DIRECTION[1]];
	});
}
