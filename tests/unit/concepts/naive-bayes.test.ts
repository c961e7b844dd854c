import { describe, expect, it } from 'vitest';
import type { LabelledPoint } from '$lib/common/geometry';
import { runNow } from '$lib/common/slices';
import { createRng } from '$lib/engine/rng';
import { assertNoTensorLeak } from '$lib/engine/leaks';
import { meta } from '$lib/concepts/naive-bayes/meta';
import { schema } from '$lib/concepts/naive-bayes/params';
import { MAX_TRAIN, MODEL_BOX, NaiveBayesRun } from '$lib/concepts/naive-bayes/run.svelte';
import {
	calibrationBins,
	drawNumbers,
	evaluationJob,
	fitClassifiers,
	fullLogOdds,
	GRID,
	logOddsAt,
	naiveBayesLogOdds,
	samplePoints,
	scoresOf,
	trueLogOdds,
	VARIANCE_SMOOTHING,
	COVARIANCE_RIDGE,
	type Setting
} from '$lib/concepts/naive-bayes/sim';
import { Services } from '$lib/widget/runs.svelte';
import { defaultValues } from '$lib/widget/schema';
import { expectClose } from '../helpers/close';

// ——— Independent implementations, in float64, written for the test ———

/** The bivariate normal density with a general 2 × 2 covariance, by its matrix inverse and determinant. */
function bivariateDensity(x: number[], mean: number[], cov: number[][]): number {
	const det = cov[0][0] * cov[1][1] - cov[0][1] * cov[1][0];
	const inv = [
		[cov[1][1] / det, -cov[0][1] / det],
		[-cov[1][0] / det, cov[0][0] / det]
	];
	const d = [x[0] - mean[0], x[1] - mean[1]];
	const q = d[0] * (inv[0][0] * d[0] + inv[0][1] * d[1]) + d[1] * (inv[1][0] * d[0] + inv[1][1] * d[1]);
	return Math.exp(-q / 2) / (2 * Math.PI * Math.sqrt(det));
}

function posteriorByDensities({ rho, separation, prior }: Setting, x: number[]): number {
	const cov = [
		[1, rho],
		[rho, 1]
	];
	const m = separation / 2;
	const b = prior * bivariateDensity(x, [m, m], cov);
	const a = (1 - prior) * bivariateDensity(x, [-m, -m], cov);
	return b / (a + b);
}

const density1 = (x: number, mean: number, variance: number) => Math.exp(-((x - mean) ** 2) / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);

interface PlainFit {
	prior: number;
	mean: number[][];
	variance: number[][];
	sd: number[];
}

/** Gaussian naive Bayes in float64, on the raw features; the smoothing is added in standardised units as the widget documents. */
function plainNaiveBayes(points: LabelledPoint[]): PlainFit {
	const n = points.length;
	const sd = [0, 1].map((k) => {
		const m = points.reduce((s, p) => s + p[k], 0) / n;
		return Math.sqrt(points.reduce((s, p) => s + (p[k] - m) ** 2, 0) / n) || 1;
	});
	const mean: number[][] = [];
	const variance: number[][] = [];
	for (const c of [0, 1]) {
		const own = points.filter((p) => p[2] === c);
		mean[c] = [0, 1].map((k) => own.reduce((s, p) => s + p[k], 0) / own.length);
		variance[c] = [0, 1].map((k) => own.reduce((s, p) => s + (p[k] - mean[c][k]) ** 2, 0) / own.length + VARIANCE_SMOOTHING * sd[k] ** 2);
	}
	return { prior: points.filter((p) => p[2] === 1).length / n, mean, variance, sd };
}

function plainNaiveProbability(fit: PlainFit, x: number[]): number {
	let [a, b] = [1 - fit.prior, fit.prior];
	for (const k of [0, 1]) {
		a *= density1(x[k], fit.mean[0][k], fit.variance[0][k]);
		b *= density1(x[k], fit.mean[1][k], fit.variance[1][k]);
	}
	return b / (a + b);
}

/** Linear discriminant in float64: pooled covariance (ridge in standardised units), the posterior by Bayes with the two densities. */
function plainFullProbability(points: LabelledPoint[], x: number[]): number {
	const fit = plainNaiveBayes(points);
	const n = points.length;
	const cov = [
		[0, 0],
		[0, 0]
	];
	for (const p of points)
		for (const i of [0, 1]) for (const j of [0, 1]) cov[i][j] += ((p[i] - fit.mean[p[2]][i]) * (p[j] - fit.mean[p[2]][j])) / n;
	cov[0][0] += COVARIANCE_RIDGE * fit.sd[0] ** 2;
	cov[1][1] += COVARIANCE_RIDGE * fit.sd[1] ** 2;
	const b = fit.prior * bivariateDensity(x, fit.mean[1], cov);
	const a = (1 - fit.prior) * bivariateDensity(x, fit.mean[0], cov);
	return b / (a + b);
}

const sig = (z: number) => 1 / (1 + Math.exp(-z));
const sample = (setting: Setting, n: number, seed = 1) => samplePoints(setting, drawNumbers(n, createRng(seed)));

describe('naive Bayes: the truth', () => {
	it('the true posterior matches Bayes with the bivariate normal densities evaluated directly', () => {
		for (const setting of [
			{ rho: 0, separation: 1, prior: 0.5 },
			{ rho: 0.6, separation: 2, prior: 0.2 },
			{ rho: 0.95, separation: 0.6, prior: 0.8 }
		])
			for (const x of [[0, 0], [1, 0.5], [-2, 1.3], [0.3, -0.7]])
				expectClose(sig(trueLogOdds(setting, x)), posteriorByDensities(setting, x), { abs: 1e-12, rel: 1e-10 });
	});

	it('is linear in x₁ + x₂ with slope 2m / (1 + ρ); at ρ = 1 it is the one-feature posterior, and the limit of ρ → 1', () => {
		const setting = { rho: 0.7, separation: 1.4, prior: 0.3 };
		const m = 0.7;
		const expected = Math.log(0.3 / 0.7) + ((2 * m) / 1.7) * (0.4 + 1.1);
		expectClose(trueLogOdds(setting, [0.4, 1.1]), expected, { abs: 1e-12 });
		const copies = { rho: 1, separation: 1.4, prior: 0.3 };
		for (const x of [-1.2, 0, 0.8]) {
			const oneFeature = (0.3 * density1(x, m, 1)) / (0.3 * density1(x, m, 1) + 0.7 * density1(x, -m, 1));
			expectClose(sig(trueLogOdds(copies, [x, x])), oneFeature, { abs: 1e-12 });
			expectClose(trueLogOdds(copies, [x, x]), trueLogOdds({ ...copies, rho: 1 - 1e-7 }, [x, x]), { abs: 1e-5 });
		}
		expect(Number.isFinite(trueLogOdds(copies, [3, -2]))).toBe(true);
	});

	it('samples have the class shares, means and within-class correlation of the setting; ρ = 1 gives exact copies', () => {
		const setting = { rho: 0.8, separation: 2, prior: 0.3 };
		const points = sample(setting, 20000);
		const b = points.filter((p) => p[2] === 1);
		expect(Math.abs(b.length / points.length - 0.3)).toBeLessThan(0.015);
		const mean = (list: LabelledPoint[], k: number) => list.reduce((s, p) => s + p[k], 0) / list.length;
		expect(Math.abs(mean(b, 0) - 1)).toBeLessThan(0.05);
		expect(Math.abs(mean(b, 1) - 1)).toBeLessThan(0.05);
		const [mx, my] = [mean(b, 0), mean(b, 1)];
		const cov = b.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0) / b.length;
		const vx = b.reduce((s, p) => s + (p[0] - mx) ** 2, 0) / b.length;
		const vy = b.reduce((s, p) => s + (p[1] - my) ** 2, 0) / b.length;
		expect(Math.abs(cov / Math.sqrt(vx * vy) - 0.8)).toBeLessThan(0.02);
		expect(sample({ ...setting, rho: 1 }, 50).every((p) => p[0] === p[1])).toBe(true);
	});
});

describe('naive Bayes: the fits', () => {
	it('the TF.js fit matches a float64 Gaussian naive Bayes written here, at any scale of the data', () => {
		const raw = sample({ rho: 0.5, separation: 1.5, prior: 0.4 }, 300, 4);
		for (const [scale, shift] of [[1, 0], [1000, 5e5]]) {
			const points = raw.map(([x, y, c]): LabelledPoint => [shift + scale * x, shift - scale * y, c]);
			const model = fitClassifiers(points)!;
			const plain = plainNaiveBayes(points);
			expectClose(model.prior, plain.prior, { abs: 1e-12 });
			for (const x of [[0.2, 0.1], [-1, 1.5], [2, 2]]) {
				const at = [shift + scale * x[0], shift - scale * x[1]];
				expectClose(sig(naiveBayesLogOdds(model, at)), plainNaiveProbability(plain, at), { abs: 2e-4 });
				expectClose(sig(fullLogOdds(model, at)), plainFullProbability(points, at), { abs: 2e-4 });
			}
		}
	});

	it('with a copied feature, naive Bayes’s evidence is exactly twice the one-feature evidence', () => {
		const points = sample({ rho: 1, separation: 1, prior: 0.5 }, 400, 7);
		const model = fitClassifiers(points)!;
		const one = plainNaiveBayes(points.map(([x, , c]): LabelledPoint => [x, 0, c]));
		for (const x of [-1.5, -0.2, 0.4, 2]) {
			const single = Math.log(density1(x, one.mean[1][0], one.variance[1][0]) / density1(x, one.mean[0][0], one.variance[0][0]));
			const prior = Math.log(model.prior / (1 - model.prior));
			expectClose(naiveBayesLogOdds(model, [x, x]) - prior, 2 * single, { abs: 1e-4, rel: 1e-4 });
		}
	});

	it('with plenty of data, the evidence ratio of naive Bayes to the truth approaches 1 + ρ; the full-covariance fit approaches the truth', () => {
		for (const rho of [0, 0.5, 0.9]) {
			const setting = { rho, separation: 1, prior: 0.5 };
			const model = fitClassifiers(sample(setting, MAX_TRAIN, 3))!;
			const x = [0.8, 0.6];
			const ratio = (naiveBayesLogOdds(model, x) - Math.log(model.prior / (1 - model.prior))) / (trueLogOdds(setting, x) - 0);
			expect(Math.abs(ratio - (1 + rho))).toBeLessThan(0.08);
			expect(Math.abs(sig(fullLogOdds(model, x)) - sig(trueLogOdds(setting, x)))).toBeLessThan(0.02);
		}
	});

	it('the batched TF.js log-odds equal the one-point ones', () => {
		const model = fitClassifiers(sample({ rho: 0.6, separation: 1, prior: 0.5 }, 200, 2))!;
		const xy = [0, 0, 1, -1, -2.5, 3, 4, 4];
		const { naive, full } = logOddsAt(model, xy);
		for (let i = 0; i < 4; i++) {
			expectClose(naive[i], naiveBayesLogOdds(model, [xy[2 * i], xy[2 * i + 1]]), { abs: 1e-3, rel: 1e-4 });
			expectClose(full[i], fullLogOdds(model, [xy[2 * i], xy[2 * i + 1]]), { abs: 1e-3, rel: 1e-4 });
		}
	});

	it('degenerate data: one class gives no fit; all points equal, or a class in one place, give finite numbers', () => {
		expect(fitClassifiers([[0, 0, 0], [1, 1, 0]])).toBeNull();
		expect(runNow(evaluationJob([[[0, 0, 0]]], [[0, 0, 0]], null, MODEL_BOX))).toBeNull();
		for (const points of [
			[[1, 1, 0], [1, 1, 1], [1, 1, 0]],
			[[0, 0, 0], [0, 0, 0], [2, 3, 1], [3, 1, 1]],
			[[5, 5, 0], [5, 5, 1]]
		] as LabelledPoint[][]) {
			const result = runNow(evaluationJob([points], points, null, MODEL_BOX))!;
			const values = [result.scores.naive.logLoss, result.scores.full.logLoss, result.scores.naive.brier, ...result.maps.naive, ...result.maps.other];
			expect(values.every(Number.isFinite)).toBe(true);
		}
	});
});

describe('naive Bayes: scoring', () => {
	it('calibration bins by hand: four points in two bins', () => {
		// P(B) = 0.1, 0.15 (bin 1), 0.9 and 1 (bin 9): logit of each.
		const logOdds = [0.1, 0.15, 0.9, 1 - 1e-12].map((p) => Math.log(p / (1 - p)));
		const bins = calibrationBins(logOdds, [0, 1, 1, 1]);
		expect(bins).toHaveLength(10);
		expect(bins.map((b) => b.count)).toEqual([0, 2, 0, 0, 0, 0, 0, 0, 0, 2]);
		expectClose(bins[1].predicted!, 0.125, { abs: 1e-9 });
		expect(bins[1].observed).toBe(0.5);
		expectClose(bins[9].predicted!, 0.95, { abs: 1e-9 });
		expect(bins[9].observed).toBe(1);
		expect(bins[0].predicted).toBeNull();
	});

	it('log-loss and Brier score by hand', () => {
		const { logLoss, brier } = scoresOf([0, Math.log(3)], [1, 0]);
		// P(B) = 0.5 for a B, 0.75 for an A.
		expectClose(logLoss, (Math.log(2) + Math.log(4)) / 2, { abs: 1e-12 });
		expectClose(brier, (0.25 + 0.5625) / 2, { abs: 1e-12 });
	});

	it('more data does not close the gap: naive Bayes’s test log-loss stays above the truth’s at every size; no tensors leak', async () => {
		const setting = { rho: 0.9, separation: 1, prior: 0.5 };
		const train = sample(setting, 6400, 5);
		const test = sample(setting, 4000, 6);
		const sets = [100, 400, 1600, 6400].map((n) => train.slice(0, n));
		const result = runNow(evaluationJob(sets, test, setting, MODEL_BOX))!;
		expect(result.bySize.map((s) => s.size)).toEqual([100, 400, 1600, 6400]);
		for (const s of result.bySize.slice(1)) expect(s.naive.logLoss - s.truth!.logLoss).toBeGreaterThan(0.02);
		expect(result.bySize.at(-1)!.full.logLoss - result.bySize.at(-1)!.truth!.logLoss).toBeLessThan(0.005);
		// Overconfident: where naive Bayes says above 0.9, fewer than that really are B.
		const top = result.calibration.naive[9];
		expect(top.observed!).toBeLessThan(top.predicted! - 0.05);
		expect(result.maps.naive).toHaveLength(GRID * GRID);
		await assertNoTensorLeak(() => runNow(evaluationJob(sets, test, setting, MODEL_BOX)), 'evaluation job');
	});
});

describe('naive Bayes: the run', () => {
	const values = defaultValues(schema);
	const make = (services: Services, previous: NaiveBayesRun | null, changes: Partial<typeof values> = {}) =>
		new NaiveBayesRun({ values: { ...values, ...changes }, seed: 1, cause: previous ? 'change' : 'start', previous, set: () => {}, services });

	it('fits in the background; Step doubles the training set; moving the picked point keeps the steps', async () => {
		const services = new Services();
		const first = make(services, null);
		expect(first.status).toBe('loading');
		expect(first.readouts.find((r) => r.name === 'true_probability')!.value).toBeCloseTo(sig(trueLogOdds({ rho: 0.9, separation: 1, prior: 0.5 }, [1, 0.5])), 10);
		await services.settled();
		expect(first.status).toBe('ready');
		const predicted = first.readouts.find((r) => r.name === 'predicted_probability')!.value!;
		expect(predicted).toBeGreaterThan(first.trueProbability!);
		expect(first.step()).toBe(true);
		await services.settled();
		expect(first.trainingSize).toBe(200);
		expect(first.exportData().history).toHaveLength(2);
		const moved = make(services, first, { probeX: -1 });
		expect(moved.doublings).toBe(1);
		await services.settled();
		expect(moved.result!.bySize).toHaveLength(2);
		// Steps taken while a fit is under way queue up: the last one's fit is what shows.
		expect(moved.step()).toBe(true);
		expect(moved.step()).toBe(true);
		expect(moved.status).toBe('loading');
		await services.settled();
		expect(moved.result!.bySize.map((s) => s.size)).toEqual([100, 200, 400, 800]);
		expect(make(services, moved, { rho: 0.5 }).doublings).toBe(0);
		services.dispose();
	});

	it('own points: no truth ("—"), scored on the points themselves; one class gives a plain message', async () => {
		const services = new Services();
		const points: LabelledPoint[] = [[0, 0, 0], [1, 0.5, 0], [2, 2, 1], [3, 2.5, 1], [1.5, 1.5, 1]];
		const own = make(services, null, { preset: 'own', points });
		await services.settled();
		expect(own.trueProbability).toBeNull();
		expect(own.result!.on).toBe('own');
		expect(own.canStep).toBe(false);
		expect(own.readouts.every((r) => r.value === null || Number.isFinite(r.value))).toBe(true);
		const one = make(services, null, { preset: 'own', points: [[0, 0, 0], [1, 1, 0]] });
		await services.settled();
		expect(one.statusText).toContain('No points of class B');
		expect(one.readouts.find((r) => r.name === 'predicted_probability')!.value).toBeNull();
		services.dispose();
	});

	it('each question’s case is a valid setting of the schema', () => {
		for (const q of meta.questions) for (const key of Object.keys(q.show)) expect(Object.keys(schema)).toContain(key);
	});
});
