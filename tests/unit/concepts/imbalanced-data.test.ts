import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import { createRng } from '$lib/engine/rng';
import { runNow } from '$lib/common/slices';
import {
	bestF1Threshold,
	confusionAt,
	cornersOf,
	curvesOf,
	drawPoints,
	gradient,
	metricsOf,
	prepareTraining,
	scalingOf,
	scoresOf,
	smotePoints,
	trainingTensors,
	trainJob,
	type Points
} from '$lib/concepts/imbalanced-data/sim';
import { expectClose } from '../helpers/close';

const NONE = { weights: false, oversample: false, smote: false, undersample: false };

/** ROC AUC by the rank-sum (Mann–Whitney U) formula with mid-ranks for ties, written independently. */
function mannWhitneyAuc(scores: number[], labels: number[]): number {
	const order = scores.map((s, i) => [s, i]).sort((a, b) => a[0] - b[0]);
	const ranks = new Array(scores.length);
	for (let k = 0; k < order.length; ) {
		let j = k;
		while (j < order.length && order[j][0] === order[k][0]) j++;
		const mid = (k + 1 + j) / 2; // ranks k+1 … j share their mean
		for (let m = k; m < j; m++) ranks[order[m][1]] = mid;
		k = j;
	}
	const nPos = labels.filter((l) => l === 1).length;
	const nNeg = labels.length - nPos;
	const rankSum = labels.reduce((s, l, i) => s + (l === 1 ? ranks[i] : 0), 0);
	return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

describe('imbalanced-data metrics', () => {
	it('confusionAt and metricsOf match a count by hand', () => {
		const scores = [0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1];
		const labels = [1, 0, 1, 0, 1, 0, 0, 0];
		const c = confusionAt(scores, labels, 0.5);
		expect(c).toEqual({ tp: 2, fp: 2, tn: 3, fn: 1 });
		const m = metricsOf(c);
		expectClose(m.accuracy!, 5 / 8);
		expectClose(m.precision!, 2 / 4);
		expectClose(m.recall!, 2 / 3);
		expectClose(m.f1!, (2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3));
		expectClose(m.balancedAccuracy!, (2 / 3 + 3 / 5) / 2);
	});

	it('precision with no positive predictions is null, not NaN; thresholds at the ends flag all or none', () => {
		const scores = [0.9, 0.2, 0.1];
		const labels = [1, 0, 0];
		const none = metricsOf(confusionAt(scores, labels, 1));
		expect(none.precision).toBeNull();
		expect(none.recall).toBe(0);
		expect(none.f1).toBe(0);
		const all = confusionAt(scores, labels, 0);
		expect(all).toEqual({ tp: 1, fp: 2, tn: 0, fn: 0 });
		expectClose(metricsOf(all).precision!, 1 / 3);
	});

	it('one class only: recall, balanced accuracy and both areas are null, accuracy is finite', () => {
		const m = metricsOf(confusionAt([0.3, 0.6], [0, 0], 0.5));
		expect(m.recall).toBeNull();
		expect(m.balancedAccuracy).toBeNull();
		expect(m.accuracy).toBe(0.5);
		const curves = curvesOf([0.3, 0.6], [0, 0]);
		expect(curves.aucRoc).toBeNull();
		expect(curves.averagePrecision).toBeNull();
		expect(curvesOf([0.3, 0.6], [1, 1]).aucRoc).toBeNull();
	});

	it('ROC AUC equals the Mann–Whitney U statistic, ties included', () => {
		const rng = createRng(3);
		for (let trial = 0; trial < 20; trial++) {
			const n = 30 + rng.int(60);
			// Scores on a coarse grid, so ties between and within classes are common.
			const labels = Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
			labels[0] = 1;
			labels[1] = 0;
			const scores = labels.map((l) => Math.round((l * 0.3 + rng.next()) * 8) / 8);
			expectClose(curvesOf(scores, labels).aucRoc!, mannWhitneyAuc(scores, labels), { abs: 1e-12 });
		}
		expectClose(curvesOf([0.5, 0.5], [1, 0]).aucRoc!, 0.5);
	});

	it('PR AUC is average precision: a case by hand', () => {
		// Ranked: + (P 1, R 1/3), − , + (P 2/3, R 2/3), −, + (P 3/5, R 1).
		const scores = [0.9, 0.8, 0.7, 0.6, 0.5];
		const labels = [1, 0, 1, 0, 1];
		expectClose(curvesOf(scores, labels).averagePrecision!, (1 / 3) * 1 + (1 / 3) * (2 / 3) + (1 / 3) * (3 / 5), { abs: 1e-12 });
		// A tie of a positive and a negative at the top counts as one threshold: P = 1/2 at R = 1/2.
		expectClose(curvesOf([0.9, 0.9, 0.5, 0.1], [1, 0, 1, 0]).averagePrecision!, 0.5 * 0.5 + 0.5 * (2 / 3), { abs: 1e-12 });
	});

	it('bestF1Threshold picks the score with the highest F1', () => {
		const scores = [0.9, 0.8, 0.7, 0.6, 0.4, 0.3];
		const labels = [1, 0, 1, 1, 0, 0];
		const t = bestF1Threshold(scores, labels);
		const f1 = (x: number) => metricsOf(confusionAt(scores, labels, x)).f1!;
		for (const s of scores) expect(f1(t)).toBeGreaterThanOrEqual(f1(s));
		expect(t).toBe(0.6);
	});
});

describe('imbalanced-data resampling', () => {
	it('a set at 0.1% still has positives, and the count follows the share', () => {
		expect(drawPoints(4000, 0.001, createRng(1)).labels.reduce((s, l) => s + l, 0)).toBe(4);
		expect(drawPoints(100, 0.001, createRng(1)).labels.reduce((s, l) => s + l, 0)).toBe(2);
		expect(drawPoints(1000, 0.05, createRng(1)).labels.reduce((s, l) => s + l, 0)).toBe(50);
	});

	it('SMOTE points lie on segments between a minority point and one of its 5 nearest minority neighbours', () => {
		const data = drawPoints(400, 0.05, createRng(2));
		const minority = Array.from(data.labels.keys()).filter((i) => data.labels[i] === 1);
		const at = (i: number) => [data.xy[2 * i], data.xy[2 * i + 1]];
		const neighbours = new Map(
			minority.map((i) => [
				i,
				minority
					.filter((j) => j !== i)
					.sort((a, b) => Math.hypot(at(a)[0] - at(i)[0], at(a)[1] - at(i)[1]) - Math.hypot(at(b)[0] - at(i)[0], at(b)[1] - at(i)[1]))
					.slice(0, 5)
			])
		);
		const synthetic = smotePoints(data, 200, createRng(9));
		for (let s = 0; s < 200; s++) {
			const p = [synthetic[2 * s], synthetic[2 * s + 1]];
			const onSegment = minority.some((i) =>
				neighbours.get(i)!.some((j) => {
					const [a, b] = [at(i), at(j)];
					const d = [b[0] - a[0], b[1] - a[1]];
					const u = ((p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1]) / (d[0] ** 2 + d[1] ** 2);
					return u >= -1e-9 && u <= 1 + 1e-9 && Math.hypot(a[0] + u * d[0] - p[0], a[1] + u * d[1] - p[1]) < 1e-9;
				})
			);
			expect(onSegment).toBe(true);
		}
	});

	it('the remedies balance the training set as documented', () => {
		const train = drawPoints(1000, 0.05, createRng(4));
		const count = (p: Points, c: number) => p.labels.reduce((s, l) => s + (l === c ? 1 : 0), 0);
		const smote = prepareTraining(train, { ...NONE, smote: true }, createRng(1)).points;
		expect([count(smote, 0), count(smote, 1)]).toEqual([950, 950]);
		expect(smote.synthetic!.reduce((s, f) => s + f, 0)).toBe(900);
		const over = prepareTraining(train, { ...NONE, oversample: true }, createRng(1)).points;
		expect([count(over, 0), count(over, 1)]).toEqual([950, 950]);
		const under = prepareTraining(train, { ...NONE, undersample: true }, createRng(1)).points;
		expect([count(under, 0), count(under, 1)]).toEqual([50, 50]);
		const { weights } = prepareTraining(train, { ...NONE, weights: true }, createRng(1));
		const byClass = [0, 1].map((c) => weights.reduce((s, w, i) => s + (train.labels[i] === c ? w : 0), 0));
		expectClose(byClass[0], byClass[1]);
		expectClose(byClass[0] + byClass[1], 1000);
	});
});

describe('imbalanced-data training', () => {
	it('class weights give the same loss gradient as duplicating the points', () => {
		const p = drawPoints(60, 0.2, createRng(5));
		// Weight 3 for positives, 1 for negatives, against positives written three times.
		const weights = Float64Array.from(p.labels, (l) => (l ? 3 : 1));
		const order = Array.from(p.labels.keys()).flatMap((i) => (p.labels[i] ? [i, i, i] : [i]));
		const dup: Points = { xy: Float64Array.from(order.flatMap((i) => [p.xy[2 * i], p.xy[2 * i + 1]])), labels: Uint8Array.from(order, (i) => p.labels[i]) };
		const s = scalingOf(p); // the same standardisation for both
		const model = { w1: 0.4, w2: -0.7, b: 0.2 };
		const a = trainingTensors(p, weights, s);
		const b = trainingTensors(dup, new Float64Array(dup.labels.length).fill(1), s);
		const [ga, gb] = [gradient(a, model), gradient(b, model)];
		tf.dispose([a.x, a.t, a.w, b.x, b.t, b.w]);
		for (let j = 0; j < 3; j++) expectClose(ga[j], gb[j], { abs: 1e-6 });
		// And against a float64 gradient written out here.
		const xs = (i: number) => [(p.xy[2 * i] - s.mx) / s.sx, (p.xy[2 * i + 1] - s.my) / s.sy];
		const total = weights.reduce((x, y) => x + y, 0);
		const g = [0, 0, 0];
		for (let i = 0; i < p.labels.length; i++) {
			const [u, v] = xs(i);
			const sigma = 1 / (1 + Math.exp(-(model.w1 * u + model.w2 * v + model.b)));
			const r = (weights[i] * (sigma - p.labels[i])) / total;
			g[0] += r * u;
			g[1] += r * v;
			g[2] += r;
		}
		for (let j = 0; j < 3; j++) expectClose(ga[j], g[j], { abs: 1e-5 });
	});

	it('training separates the clouds, weights raise recall at 0.5, and no tensor is left behind', () => {
		const train = drawPoints(2000, 0.05, createRng(6));
		const test = drawPoints(2000, 0.05, createRng(7));
		runNow(trainJob(train, new Float64Array(2000).fill(1), 5)); // burn-in
		const before = tf.memory().numTensors;
		const plain = runNow(trainJob(train, new Float64Array(2000).fill(1)));
		expect(tf.memory().numTensors).toBe(before);
		const { points, weights } = prepareTraining(train, { ...NONE, weights: true }, createRng(1));
		const weighted = runNow(trainJob(points, weights));
		expect(tf.memory().numTensors).toBe(before);
		// The true boundary of the two clouds has direction (2, 1): both fits point that way.
		expect(plain.w1).toBeGreaterThan(0);
		expect(plain.w2).toBeGreaterThan(0);
		const aucPlain = curvesOf(scoresOf(test, plain), test.labels).aucRoc!;
		const aucWeighted = curvesOf(scoresOf(test, weighted), test.labels).aucRoc!;
		expect(aucPlain).toBeGreaterThan(0.85);
		expect(Math.abs(aucPlain - aucWeighted)).toBeLessThan(0.02);
		const recall = (m: typeof plain) => metricsOf(confusionAt(scoresOf(test, m), test.labels, 0.5)).recall!;
		expect(recall(weighted)).toBeGreaterThan(recall(plain) + 0.3);
	});

	it('a training set of one class gives a constant score, never NaN', () => {
		const p = drawPoints(50, 0, createRng(1));
		const only: Points = { xy: p.xy, labels: new Uint8Array(50) };
		const m = runNow(trainJob(only, new Float64Array(50).fill(1)));
		const scores = scoresOf(only, m);
		expect(scores.every((s) => Number.isFinite(s) && s < 0.01)).toBe(true);
	});
});

describe('the drawn curves', () => {
	it('keep only the corners: every dropped point lies on the straight run between its neighbours', () => {
		const rng = createRng(5);
		const scores = Float64Array.from({ length: 600 }, () => Math.round(rng.next() * 50) / 50);
		const labels = Int32Array.from(scores, (s) => (rng.next() < s ? 1 : 0));
		const { roc, pr } = curvesOf(scores, labels);
		for (const curve of [roc, pr]) {
			const corners = cornersOf(curve);
			expect(corners.length).toBeLessThan(curve.length);
			expect(corners[0]).toEqual(curve[0]);
			expect(corners.at(-1)).toEqual(curve.at(-1));
			// Every point of the full curve lies on the polyline through the corners.
			for (const [x, y] of curve) expect(corners.some((c, k) => (c[0] === x && c[1] === y) || (k > 0 && onSegment(corners[k - 1], c, x, y)))).toBe(true);
		}
	});
});

function onSegment(a: readonly number[], b: readonly number[], x: number, y: number): boolean {
	const within = (v: number, p: number, q: number) => Math.min(p, q) <= v && v <= Math.max(p, q);
	return ((a[0] === b[0] && x === a[0]) || (a[1] === b[1] && y === a[1])) && within(x, a[0], b[0]) && within(y, a[1], b[1]);
}
