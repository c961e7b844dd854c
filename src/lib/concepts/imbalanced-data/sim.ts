/**
 * Imbalanced classes, simulated. Two overlapping Gaussian clouds in 2-D: class 0 (the
 * majority) around (−1, −0.5), class 1 (the minority, "positive") around (1, 0.5), both with
 * sd 1. A training and a separate test set share the minority share. The training set may be
 * resampled (SMOTE, random oversampling, random undersampling) and weighted (class weights);
 * a logistic regression is fitted by full-batch gradient descent in TF.js on the weighted
 * mean log-loss, and the test points' scores give the confusion matrix, ROC and PR curves.
 */
import * as tf from '$lib/engine/tfjs';
import { createRng, type Rng } from '$lib/engine/rng';
import { runNow, type Job } from '$lib/common/slices';

export const TRAIN_SIZE = 4000;
export const TEST_SIZE = 4000;
/** At least this many minority points in each set, whatever the share (0.1% of 4000 is 4). */
export const MIN_MINORITY = 2;
export const SMOTE_K = 5;
export const STEPS = 300;
const LEARNING_RATE = 0.5;
const MOMENTUM = 0.9;

export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export interface Points {
	/** x0, y0, x1, y1, … */
	xy: Float64Array;
	/** 0 (majority, negative) or 1 (minority, positive). */
	labels: Uint8Array;
	/** 1 for a SMOTE point (training sets only). */
	synthetic?: Uint8Array;
}

/** How many minority points a set of n has at the share (a fraction): never fewer than MIN_MINORITY. */
export const minorityCount = (n: number, share: number) => Math.min(n - 1, Math.max(MIN_MINORITY, Math.round(n * share)));

/** n points, `minorityCount(n, share)` of them positive, from the rng. */
export function drawPoints(n: number, share: number, rng: Rng): Points {
	const positives = minorityCount(n, share);
	const xy = new Float64Array(2 * n);
	const labels = new Uint8Array(n);
	for (let i = 0; i < n; i++) {
		const c = i < positives ? 1 : 0;
		labels[i] = c;
		xy[2 * i] = (c ? 1 : -1) + rng.normal();
		xy[2 * i + 1] = (c ? 0.5 : -0.5) + rng.normal();
	}
	return { xy, labels };
}

const indicesOf = (labels: Uint8Array, c: number) => Array.from(labels.keys()).filter((i) => labels[i] === c);

function gather(p: Points, order: number[], synthetic: number[] = []): Points {
	const n = order.length + synthetic.length / 2;
	const xy = new Float64Array(2 * n);
	const labels = new Uint8Array(n);
	const flags = new Uint8Array(n);
	order.forEach((j, i) => {
		xy[2 * i] = p.xy[2 * j];
		xy[2 * i + 1] = p.xy[2 * j + 1];
		labels[i] = p.labels[j];
		flags[i] = p.synthetic?.[j] ?? 0;
	});
	for (let s = 0; s < synthetic.length / 2; s++) {
		const i = order.length + s;
		xy[2 * i] = synthetic[2 * s];
		xy[2 * i + 1] = synthetic[2 * s + 1];
		labels[i] = 1;
		flags[i] = 1;
	}
	return { xy, labels, synthetic: flags };
}

/**
 * SMOTE: `count` new minority points, each on the segment from a random minority point to one
 * of its k nearest minority neighbours, at a uniform random fraction of the way. With a single
 * minority point there is no segment: the point itself is repeated. Yields every few points
 * of the neighbour search (m² distances for m minority points).
 */
export function* smoteJob(p: Points, count: number, rng: Rng, k = SMOTE_K): Job<Float64Array> {
	const minority = indicesOf(p.labels, 1);
	if (minority.length === 0 || count <= 0) return new Float64Array(0);
	const kk = Math.min(k, minority.length - 1);
	const neighbours: number[][] = [];
	for (let a = 0; a < minority.length; a++) {
		const i = minority[a];
		// The kk nearest, kept sorted by insertion.
		const best: [number, number][] = [];
		for (const j of minority) {
			if (j === i) continue;
			const d = (p.xy[2 * i] - p.xy[2 * j]) ** 2 + (p.xy[2 * i + 1] - p.xy[2 * j + 1]) ** 2;
			if (best.length === kk && d >= best[kk - 1][1]) continue;
			let at = best.length;
			while (at > 0 && best[at - 1][1] > d) at--;
			best.splice(at, 0, [j, d]);
			if (best.length > kk) best.pop();
		}
		neighbours.push(best.map(([j]) => j));
		if (a % 16 === 15) yield;
	}
	const out = new Float64Array(2 * count);
	for (let s = 0; s < count; s++) {
		const a = rng.int(minority.length);
		const i = minority[a];
		const j = kk > 0 ? neighbours[a][rng.int(kk)] : i;
		const u = rng.next();
		out[2 * s] = p.xy[2 * i] + u * (p.xy[2 * j] - p.xy[2 * i]);
		out[2 * s + 1] = p.xy[2 * i + 1] + u * (p.xy[2 * j + 1] - p.xy[2 * i + 1]);
	}
	return out;
}

export const smotePoints = (p: Points, count: number, rng: Rng, k = SMOTE_K) => runNow(smoteJob(p, count, rng, k));

export interface Remedies {
	weights: boolean;
	oversample: boolean;
	smote: boolean;
	undersample: boolean;
}

/**
 * The training set as the remedies leave it, in this order: SMOTE points up to the majority's
 * size; random copies of minority points up to it (nothing left to add if SMOTE ran);
 * majority points dropped at random down to the minority's size. Then each point's weight:
 * 1, or with class weights n / (2 nₖ) for a point of class k, so both classes weigh the same.
 */
export function* prepareTrainingJob(train: Points, remedies: Remedies, rng: Rng): Job<{ points: Points; weights: Float64Array }> {
	let points: Points = { ...train, synthetic: new Uint8Array(train.labels.length) };
	const count = (c: number) => points.labels.reduce((s, l) => s + (l === c ? 1 : 0), 0);
	if (remedies.smote) {
		const extra = count(0) - count(1);
		if (extra > 0) {
			const synthetic = yield* smoteJob(points, extra, rng.fork('smote'));
			points = gather(points, Array.from(points.labels.keys()), Array.from(synthetic));
			yield;
		}
	}
	if (remedies.oversample) {
		const extra = count(0) - count(1);
		const minority = indicesOf(points.labels, 1);
		if (extra > 0 && minority.length > 0) {
			const r = rng.fork('oversample');
			points = gather(points, [...points.labels.keys(), ...Array.from({ length: extra }, () => minority[r.int(minority.length)])]);
		}
	}
	if (remedies.undersample) {
		const majority = indicesOf(points.labels, 0);
		const keep = count(1);
		if (majority.length > keep) {
			const r = rng.fork('undersample');
			for (let i = majority.length - 1; i > 0; i--) {
				const j = r.int(i + 1);
				[majority[i], majority[j]] = [majority[j], majority[i]];
			}
			points = gather(points, [...indicesOf(points.labels, 1), ...majority.slice(0, keep)].sort((a, b) => a - b));
		}
	}
	yield;
	const n = points.labels.length;
	const [n0, n1] = [count(0), count(1)];
	const weights = Float64Array.from(points.labels, (l) => (remedies.weights && n0 > 0 && n1 > 0 ? n / (2 * (l ? n1 : n0)) : 1));
	return { points, weights };
}

export const prepareTraining = (train: Points, remedies: Remedies, rng: Rng) => runNow(prepareTrainingJob(train, remedies, rng));

// ——— Logistic regression ———

export interface Model {
	w1: number;
	w2: number;
	b: number;
}

export interface Scaling {
	mx: number;
	sx: number;
	my: number;
	sy: number;
}

export function scalingOf(p: Points): Scaling {
	const n = p.labels.length || 1;
	const stat = (k: number) => {
		let m = 0;
		for (let i = 0; i < p.labels.length; i++) m += p.xy[2 * i + k];
		m /= n;
		let v = 0;
		for (let i = 0; i < p.labels.length; i++) v += (p.xy[2 * i + k] - m) ** 2;
		const sd = Math.sqrt(v / n);
		return [m, sd > 0 ? sd : 1];
	};
	const [mx, sx] = stat(0);
	const [my, sy] = stat(1);
	return { mx, sx, my, sy };
}

/** The model in the data's own coordinates: z = w₁x + w₂y + b. */
export function originalWeights(m: Model, s: Scaling): Model {
	const [w1, w2] = [m.w1 / s.sx, m.w2 / s.sy];
	return { w1, w2, b: m.b - w1 * s.mx - w2 * s.my };
}

/** Tensors of a training set: standardised features [n, 2], targets and weights [n, 1]. */
export interface TrainingTensors {
	x: tf.Tensor2D;
	t: tf.Tensor2D;
	w: tf.Tensor2D;
	/** Σ wᵢ. */
	total: number;
}

export function trainingTensors(p: Points, weights: Float64Array, s: Scaling): TrainingTensors {
	const n = p.labels.length;
	const xs = new Float32Array(2 * n);
	for (let i = 0; i < n; i++) {
		xs[2 * i] = (p.xy[2 * i] - s.mx) / s.sx;
		xs[2 * i + 1] = (p.xy[2 * i + 1] - s.my) / s.sy;
	}
	return {
		x: tf.tensor2d(xs, [n, 2]),
		t: tf.tensor2d(Float32Array.from(p.labels), [n, 1]),
		w: tf.tensor2d(Float32Array.from(weights), [n, 1]),
		total: weights.reduce((a, b) => a + b, 0)
	};
}

export const disposeTensors = (t: TrainingTensors) => tf.dispose([t.x, t.t, t.w]);

/**
 * The gradient of the weighted mean log-loss L = Σ wᵢ ℓᵢ / Σ wᵢ (standardised coordinates),
 * in closed form: ∂L/∂w = Xᵀ(w ∘ (σ(z) − t)) / Σw, ∂L/∂b = Σ wᵢ(σ(zᵢ) − tᵢ) / Σw.
 */
export function gradient(data: TrainingTensors, m: Model): [number, number, number] {
	const g = tf.tidy(() => {
		const z = data.x.matMul(tf.tensor2d([m.w1, m.w2], [2, 1])).add(m.b);
		const r = z.sigmoid().sub(data.t).mul(data.w);
		return tf.concat([data.x.transpose().matMul(r).reshape([2]), r.sum().reshape([1])]).div(data.total);
	});
	const values = g.dataSync();
	g.dispose();
	return [values[0], values[1], values[2]];
}

/** Gradient descent with momentum, one step a yield; returns the model in data coordinates. */
export function* trainJob(p: Points, weights: Float64Array, steps = STEPS): Job<Model> {
	const n1 = p.labels.reduce((s, l) => s + l, 0);
	const s = scalingOf(p);
	if (n1 === 0 || n1 === p.labels.length) {
		// One class only: the best constant score is that class's, with no slope.
		return { w1: 0, w2: 0, b: n1 === 0 ? -20 : 20 };
	}
	const data = trainingTensors(p, weights, s);
	try {
		const m: Model = { w1: 0, w2: 0, b: 0 };
		const v = [0, 0, 0];
		for (let k = 0; k < steps; k++) {
			const g = gradient(data, m);
			for (let j = 0; j < 3; j++) v[j] = MOMENTUM * v[j] - LEARNING_RATE * g[j];
			m.w1 += v[0];
			m.w2 += v[1];
			m.b += v[2];
			yield;
		}
		return originalWeights(m, s);
	} finally {
		disposeTensors(data);
	}
}

export function scoresOf(p: Points, m: Model): Float64Array {
	return Float64Array.from(p.labels, (_, i) => sigmoid(m.w1 * p.xy[2 * i] + m.w2 * p.xy[2 * i + 1] + m.b));
}

// ——— Metrics ———

export interface Confusion {
	tp: number;
	fp: number;
	tn: number;
	fn: number;
}

/** Predicted positive when score ≥ threshold. */
export function confusionAt(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): Confusion {
	const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
	for (let i = 0; i < scores.length; i++) {
		const predicted = scores[i] >= threshold;
		if (labels[i]) {
			if (predicted) c.tp++;
			else c.fn++;
		} else if (predicted) c.fp++;
		else c.tn++;
	}
	return c;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** The usual metrics; null where the ratio is 0/0 (precision with no positive predictions, recall with no positives). */
export function metricsOf({ tp, fp, tn, fn }: Confusion) {
	const recall = ratio(tp, tp + fn);
	const specificity = ratio(tn, tn + fp);
	return {
		accuracy: ratio(tp + tn, tp + tn + fp + fn),
		precision: ratio(tp, tp + fp),
		recall,
		specificity,
		f1: ratio(2 * tp, 2 * tp + fp + fn),
		balancedAccuracy: recall !== null && specificity !== null ? (recall + specificity) / 2 : null
	};
}

export type Metrics = ReturnType<typeof metricsOf>;

export interface Curves {
	/** ROC points (false positive rate, true positive rate), from (0, 0) to (1, 1). */
	roc: [number, number][];
	/** PR points (recall, precision), one per distinct score, highest score first. */
	pr: [number, number][];
	/** Area under the ROC curve (trapezoids: ties count one half), or null with one class. */
	aucRoc: number | null;
	/** Average precision Σ (Rₖ − Rₖ₋₁) Pₖ over the distinct thresholds, or null with no positives. */
	averagePrecision: number | null;
}

/** ROC and precision–recall curves of scores against labels, ties taken together. */
export function curvesOf(scores: ArrayLike<number>, labels: ArrayLike<number>): Curves {
	const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
	let positives = 0;
	for (let i = 0; i < labels.length; i++) positives += labels[i] ? 1 : 0;
	const negatives = labels.length - positives;
	const roc: [number, number][] = [[0, 0]];
	const pr: [number, number][] = [];
	let [tp, fp, auc, ap, lastRecall] = [0, 0, 0, 0, 0];
	for (let k = 0; k < order.length; ) {
		const s = scores[order[k]];
		const [tp0, fp0] = [tp, fp];
		while (k < order.length && scores[order[k]] === s) {
			if (labels[order[k]]) tp++;
			else fp++;
			k++;
		}
		if (positives > 0 && negatives > 0) auc += ((fp - fp0) / negatives) * ((tp + tp0) / 2 / positives);
		roc.push([negatives ? fp / negatives : 0, positives ? tp / positives : 0]);
		if (positives > 0) {
			const recall = tp / positives;
			const precision = tp / (tp + fp);
			ap += (recall - lastRecall) * precision;
			lastRecall = recall;
			pr.push([recall, precision]);
		}
	}
	return { roc, pr, aucRoc: positives > 0 && negatives > 0 ? auc : null, averagePrecision: positives > 0 ? ap : null };
}

/**
 * The same polyline without the points inside a straight horizontal or vertical run (a ROC
 * curve moves right or up one test point at a time): drawn, it is the very same line, with a
 * few hundred corners instead of thousands of points.
 */
export function cornersOf(points: readonly (readonly [number, number])[]): [number, number][] {
	const out: [number, number][] = [];
	for (let i = 0; i < points.length; i++) {
		const [x, y] = points[i];
		if (i > 0 && i < points.length - 1) {
			const [before, after] = [points[i - 1], points[i + 1]];
			if ((before[0] === x && after[0] === x) || (before[1] === y && after[1] === y)) continue;
		}
		out.push([x, y]);
	}
	return out;
}

/** The threshold among the scores with the highest F1 on these points (0.5 when there are no positives). */
export function bestF1Threshold(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
	const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
	let positives = 0;
	for (let i = 0; i < labels.length; i++) positives += labels[i] ? 1 : 0;
	if (positives === 0) return 0.5;
	let [tp, fp, best, bestT] = [0, 0, -1, 0.5];
	for (let k = 0; k < order.length; ) {
		const s = scores[order[k]];
		while (k < order.length && scores[order[k]] === s) {
			if (labels[order[k]]) tp++;
			else fp++;
			k++;
		}
		const f1 = (2 * tp) / (tp + fp + positives);
		if (f1 > best) [best, bestT] = [f1, s];
	}
	return bestT;
}

export const dataRngs = (seed: number) => ({ train: createRng(seed).fork('train'), test: createRng(seed).fork('test'), resample: createRng(seed).fork('resample') });
