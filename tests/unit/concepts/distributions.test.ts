import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import { createRng } from '$lib/engine/rng';
import { normalCdf, normalDensity } from '$lib/common/stats';
import {
	binomialPmf,
	countsPerStep,
	drawCounts,
	drawScores,
	EXCEPTION,
	expectedGap,
	normalApproximation,
	owensT,
	pmfSummary,
	sampleMean,
	sampleMedian,
	scoreSummary,
	shapeCdf,
	shapeDensity,
	shapeMode,
	simulationGap,
	type ScoreShape
} from '$lib/concepts/distributions/sim';
import { expectClose } from '../helpers/close';

/** C(n, k) in exact integers. */
function choose(n: number, k: number): bigint {
	let c = 1n;
	for (let i = 1; i <= k; i++) c = (c * BigInt(n - k + i)) / BigInt(i);
	return c;
}

describe('the binomial', () => {
	it('the PMF is C(n, k) pᵏ qⁿ⁻ᵏ, checked in exact integers for p = 3/10', () => {
		const n = 14;
		const pmf = binomialPmf(n, 0.3);
		for (let k = 0; k <= n; k++) {
			const exact = Number(choose(n, k) * 3n ** BigInt(k) * 7n ** BigInt(n - k)) / 10 ** n;
			expectClose(pmf[k], exact, { abs: 0, rel: 1e-12 });
		}
		expectClose(binomialPmf(1000, 0.37).reduce((s, v) => s + v, 0), 1, { abs: 1e-10, rel: 0 });
	});

	it('mean np, mode ⌊(n+1)p⌋, median ⌊np⌋ or ⌈np⌉, skewness (1 − 2p)/√(np(1 − p)) — the closed forms', () => {
		for (const n of [1, 3, 10, 25, 99, 400]) {
			for (const p of [0.01, 0.1, 0.27, 0.5, 0.63, 0.99]) {
				const s = pmfSummary(binomialPmf(n, p));
				expectClose(s.mean, n * p, { abs: 1e-9, rel: 0 });
				expectClose(s.skewness, (1 - 2 * p) / Math.sqrt(n * p * (1 - p)), { abs: 1e-7, rel: 1e-7 });
				const m = (n + 1) * p;
				if (Math.abs(m - Math.round(m)) > 1e-9) expect(s.modes).toEqual([Math.floor(m)]);
				else expect(s.modes).toEqual([Math.round(m) - 1, Math.round(m)]);
				expect([Math.floor(n * p), Math.ceil(n * p), n * p].some((v) => Math.abs(v - s.median) < 1e-9) || s.median % 1 === 0.5).toBe(true);
			}
		}
		// A tie: one fair flip has the median anywhere in [0, 1]; the convention is ½.
		expect(pmfSummary(binomialPmf(1, 0.5)).median).toBe(0.5);
	});

	it('binomial(10, 0.1) breaks the ordering rule: mean = median = mode = 1, skewness 0.84', () => {
		const s = pmfSummary(binomialPmf(10, 0.1));
		expectClose(s.mean, 1, { abs: 1e-12, rel: 0 });
		expect(s.median).toBe(1);
		expect(s.modes).toEqual([1]);
		expectClose(s.skewness, 0.8 / Math.sqrt(0.9), { abs: 1e-9, rel: 0 });
	});

	it('the normal approximation is close when np(1 − p) is large and poor when it is small', () => {
		const good = normalApproximation(1000, 0.5, binomialPmf(1000, 0.5));
		expect(good.error).toBeLessThan(0.005);
		const poor = normalApproximation(20, 0.05, binomialPmf(20, 0.05));
		expectClose(poor.impossible, normalCdf((-0.5 - 1) / Math.sqrt(0.95)), { abs: 1e-9, rel: 0 });
		expect(poor.error).toBeGreaterThan(0.1);
		// Summing the approximation with the impossible part gives one.
		expectClose(poor.probabilities.reduce((s, v) => s + v, 0) + poor.impossible, 1, { abs: 1e-9, rel: 0 });
	});

	it('simulated counts: their mean lands on np, and their gap to the PMF is the size sampling noise predicts', () => {
		const before = tf.memory().numTensors;
		const [n, p, draws] = [20, 0.1, 20_000];
		const rng = createRng(7);
		const counts: number[] = [];
		while (counts.length < draws) {
			const batch = drawCounts(n, p, Math.min(countsPerStep(n), draws - counts.length), rng);
			expect(batch.firstTrials.reduce((s, t) => s + t, 0)).toBe(batch.counts[0]);
			counts.push(...batch.counts);
		}
		expect(tf.memory().numTensors).toBe(before);
		const mean = sampleMean(counts);
		const se = Math.sqrt((n * p * (1 - p)) / draws);
		expect(Math.abs(mean - n * p)).toBeLessThan(4 * se);
		const tallies = new Array(n + 1).fill(0);
		for (const c of counts) tallies[c]++;
		const pmf = binomialPmf(n, p);
		const gap = simulationGap(tallies, draws, pmf);
		expect(gap).toBeGreaterThan(expectedGap(pmf, draws) / 3);
		expect(gap).toBeLessThan(expectedGap(pmf, draws) * 3);
		expect(gap).toBeLessThan(normalApproximation(n, p, pmf).error);
	});

	it('a step never draws more than about 200 000 uniforms', () => {
		expect(countsPerStep(20)).toBe(250);
		expect(countsPerStep(1000)).toBe(200);
		expect(countsPerStep(1)).toBe(250);
	});
});

describe('skewed scores', () => {
	const skewNormal = (alpha: number): ScoreShape => ({ alpha, tail: null });

	it('Owen’s T against its closed forms: T(h, 1) = Φ(h)(1 − Φ(h))/2, T(0, a) = arctan(a)/2π', () => {
		for (const h of [0, 0.3, 1, 2.5]) expectClose(owensT(h, 1), (normalCdf(h) * (1 - normalCdf(h))) / 2, { abs: 1e-7, rel: 0 });
		for (const a of [0.5, 3, 10]) expectClose(owensT(0, a), Math.atan(a) / (2 * Math.PI), { abs: 1e-9, rel: 0 });
	});

	it('the CDF is the integral of the density (trapezoids), with and without the tail', () => {
		for (const shape of [skewNormal(-4), skewNormal(7), EXCEPTION]) {
			let area = 0;
			const h = 1e-3;
			for (let y = -8; y < 1 - h / 2; y += h) area += ((shapeDensity(shape, y) + shapeDensity(shape, y + h)) * h) / 2;
			expectClose(shapeCdf(shape, 1), area, { abs: 2e-6, rel: 0 });
		}
	});

	it('moments against numerical integration; the mode solves the skew-normal’s f′(y) = 0', () => {
		for (const shape of [skewNormal(-4), skewNormal(2), skewNormal(10), EXCEPTION]) {
			const s = scoreSummary(shape);
			let [m1, m2, m3] = [0, 0, 0];
			const h = 1e-3;
			for (let y = -10; y < 12; y += h) {
				const f = shapeDensity(shape, y + h / 2) * h;
				const x = 60 + 10 * (y + h / 2 - s.centre);
				m1 += x * f;
				m2 += x * x * f;
				m3 += x * x * x * f;
			}
			const variance = m2 - m1 * m1;
			expectClose(s.mean, m1, { abs: 1e-6, rel: 0 });
			expectClose(s.sd, Math.sqrt(variance), { abs: 1e-5, rel: 0 });
			expectClose(s.skewness, (m3 - 3 * m1 * m2 + 2 * m1 ** 3) / variance ** 1.5, { abs: 1e-4, rel: 0 });
			expectClose(shapeCdf(shape, s.centre), 0.5, { abs: 1e-9, rel: 0 });
			if (!shape.tail) {
				const y = shapeMode(shape);
				expectClose(-y * normalCdf(shape.alpha * y) + shape.alpha * normalDensity(shape.alpha * y), 0, { abs: 1e-6, rel: 0 });
			}
		}
	});

	it('the textbook rule: left skew puts the mean below the median and the mode above it; right skew the other way', () => {
		const left = scoreSummary(skewNormal(-4));
		expect(left.median).toBe(60);
		expect(left.mean).toBeLessThan(60);
		expect(left.modes[0]).toBeGreaterThan(60);
		expect(left.skewness).toBeLessThan(0);
		const right = scoreSummary(skewNormal(4));
		expect(right.mean).toBeGreaterThan(60);
		expect(right.modes[0]).toBeLessThan(60);
		const normal = scoreSummary(skewNormal(0));
		expectClose(normal.mean, 60, { abs: 1e-5, rel: 0 });
		expectClose(normal.modes[0], 60, { abs: 1e-5, rel: 0 });
		expectClose(normal.skewness, 0, { abs: 1e-12, rel: 0 });
		// The skew-normal's skewness is at most about 0.995 (α → ∞).
		expectClose(scoreSummary(skewNormal(10)).skewness, 0.9555, { abs: 5e-3, rel: 0 });
	});

	it('the exception: positive skewness, yet mean < median < mode', () => {
		const s = scoreSummary(EXCEPTION);
		expect(s.skewness).toBeGreaterThan(0.5);
		expect(s.mean).toBeLessThan(s.median - 0.5);
		expect(s.modes[0]).toBeGreaterThan(s.median + 3);
	});

	it('simulated scores: sample mean and median land on the exact ones; no tensors left', () => {
		for (const shape of [skewNormal(-6), EXCEPTION]) {
			const exact = scoreSummary(shape);
			const before = tf.memory().numTensors;
			const rng = createRng(3);
			const scores: number[] = [];
			for (let i = 0; i < 80; i++) scores.push(...drawScores(shape, exact.centre, 500, rng));
			expect(tf.memory().numTensors).toBe(before);
			const se = exact.sd / Math.sqrt(scores.length);
			expect(Math.abs(sampleMean(scores) - exact.mean)).toBeLessThan(4 * se);
			expect(Math.abs(sampleMedian(scores) - 60)).toBeLessThan(6 * se);
		}
	});

	it('the sample median agrees with sorting', () => {
		const rng = createRng(11);
		for (const length of [1, 2, 7, 100, 1001]) {
			const values = Array.from({ length }, () => Math.round(rng.next() * 50));
			const sorted = [...values].sort((a, b) => a - b);
			const median = length % 2 ? sorted[(length - 1) / 2] : (sorted[length / 2 - 1] + sorted[length / 2]) / 2;
			expect(sampleMedian(values)).toBe(median);
		}
	});
});
