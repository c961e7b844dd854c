import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import { createRng } from '$lib/engine/rng';
import { normalCdf, normalQuantile, wilsonInterval } from '$lib/common/stats';
import {
	binomialTable,
	exactRejectionRate,
	experimentsPerStep,
	familywiseRate,
	lookUsers,
	makeSampler,
	pValue,
	pValueCounts,
	sampleSizeNeeded,
	simulateBatch,
	theoryPower,
	zStatistic,
	type Design
} from '$lib/concepts/hypothesis-testing/sim';
import { expectClose } from '../helpers/close';

const DESIGN: Design = { base: 0.1, rateB: 0.12, n: 2000, alpha: 0.05, looks: 1, metrics: 1, bonferroni: false };

/** Φ by Simpson's rule on the density from 0 to |z|: a second implementation, independent of erfc. */
function phiBySimpson(z: number): number {
	const steps = 2000;
	const h = Math.abs(z) / steps;
	const f = (x: number) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
	let sum = f(0) + f(Math.abs(z));
	for (let i = 1; i < steps; i++) sum += (i % 2 ? 4 : 2) * f(i * h);
	const half = (sum * h) / 3;
	return z >= 0 ? 0.5 + half : 0.5 - half;
}

/** Simulates `experiments` experiments of the design in steps of the page's size; the counts of wins. */
function simulate(design: Design, experiments: number, seed = 1) {
	const sampler = makeSampler(design);
	const rng = createRng(seed);
	const perStep = experimentsPerStep(sampler, experiments);
	let [done, falsePositives, detections] = [0, 0, 0];
	const nullP: number[] = [];
	while (done < experiments) {
		const batch = simulateBatch(sampler, Math.min(perStep, experiments - done), rng);
		for (let e = 0; e < batch.count; e++) {
			if (batch.nullStop[e] >= 0) falsePositives++;
			if (batch.altStop[e] >= 0) detections++;
			nullP.push(batch.nullP[e]);
		}
		done += batch.count;
	}
	return { falsePositives, detections, experiments, nullP };
}

/** Asserts the value lies in the 95% Wilson interval of `wins` out of `trials`. */
function expectInside(value: number, wins: number, trials: number) {
	const [low, high] = wilsonInterval(wins, trials);
	if (!(value >= low && value <= high)) expect.fail(`${value} is outside the interval ${low}–${high} of ${wins}/${trials}`);
}

describe('the normal distribution (textbook values)', () => {
	it('Φ(1.96) = 0.9750, z₀.₉₇₅ = 1.95996, z₀.₈ = 0.84162, and a second method agrees', () => {
		expectClose(normalCdf(1.96), 0.975, { abs: 5e-5, rel: 0 });
		expectClose(normalQuantile(0.975), 1.95996, { abs: 5e-6, rel: 0 });
		expectClose(normalQuantile(0.8), 0.84162, { abs: 5e-6, rel: 0 });
		for (const z of [-3, -1.2, 0.3, 1.96, 2.5]) expectClose(normalCdf(z), phiBySimpson(z), { abs: 1e-12, rel: 0 });
		expectClose(pValue(1.959963984540054), 0.05, { abs: 1e-14, rel: 0 });
		expectClose(pValue(-2.5758293035489), 0.01, { abs: 1e-12, rel: 0 });
	});
});

describe('closed forms', () => {
	it('sample size: 10% against 12%, α = 0.05, power 0.8 → 3841 per arm; the smallest n reaching 0.8 by search is the same', () => {
		expect(sampleSizeNeeded(0.1, 0.12, 0.05, 0.8)).toBe(3841);
		// A second computation: walk n up until the power, written out again here with the Simpson Φ, reaches 0.8.
		const power = (n: number) => {
			const s0 = Math.sqrt((2 * 0.11 * 0.89) / n);
			const s1 = Math.sqrt((0.1 * 0.9 + 0.12 * 0.88) / n);
			return phiBySimpson((0.02 - 1.959963984540054 * s0) / s1) + phiBySimpson((-0.02 - 1.959963984540054 * s0) / s1);
		};
		let n = 1000;
		while (power(n) < 0.8) n++;
		expect(n).toBe(3841);
		expectClose(theoryPower(0.1, 0.12, 3841, 0.05)!, power(3841), { abs: 1e-10, rel: 0 });
		expect(theoryPower(0.1, 0.12, 3840, 0.05)!).toBeLessThan(0.8);
		// Symmetric in the two rates, and none without a difference.
		expect(sampleSizeNeeded(0.12, 0.1, 0.05, 0.8)).toBe(3841);
		expect(sampleSizeNeeded(0.1, 0.1, 0.05, 0.8)).toBeNull();
		expect(theoryPower(0.3, 0.3, 100, 0.05)).toBeNull();
	});

	it('the family-wise rate of m independent metrics is 1 − (1 − α)^m: 20 at 5% → 0.6415', () => {
		expectClose(familywiseRate(0.05, 20), 0.6415140775, { abs: 1e-9, rel: 0 });
		expect(familywiseRate(0.05, 1)).toBeCloseTo(0.05, 15);
		expect(familywiseRate(0.05 / 20, 20)).toBeLessThan(0.05);
	});

	it('the binomial tables sum to 1 and have the binomial’s mean and variance; rates 0 and 1 are certain', () => {
		for (const [size, p] of [[10, 0.1], [2000, 0.12], [100_000, 0.5], [7, 0.999]]) {
			const { offset, pmf } = binomialTable(size, p);
			let [mass, mean, second] = [0, 0, 0];
			pmf.forEach((q, j) => ((mass += q), (mean += (offset + j) * q), (second += (offset + j) ** 2 * q)));
			expectClose(mass, 1, { abs: 1e-12, rel: 0 });
			expectClose(mean, size * p, { abs: 1e-8, rel: 1e-10 });
			expectClose(second - mean * mean, size * p * (1 - p), { abs: 1e-6, rel: 1e-8 });
		}
		expect(binomialTable(10, 0.3).pmf[0]).toBeCloseTo(0.7 ** 10, 14);
		expect(binomialTable(50, 0)).toEqual({ offset: 0, pmf: Float64Array.of(1) });
		expect(binomialTable(50, 1)).toEqual({ offset: 50, pmf: Float64Array.of(1) });
	});

	it('the exact z-test: by brute force over every pair of counts at n = 12, and near α at large n', () => {
		const choose = (n: number, k: number) => { let c = 1; for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1); return c; };
		let brute = 0;
		for (let a = 0; a <= 12; a++) for (let b = 0; b <= 12; b++) {
			const pa = choose(12, a) * 0.3 ** a * 0.7 ** (12 - a);
			const pb = choose(12, b) * 0.3 ** b * 0.7 ** (12 - b);
			const pooled = (a + b) / 24;
			const z = pooled > 0 && pooled < 1 ? (b - a) / 12 / Math.sqrt((pooled * (1 - pooled) * 2) / 12) : 0;
			if (Math.abs(z) >= 1.959963984540054) brute += pa * pb;
		}
		expectClose(exactRejectionRate(12, 0.3, 0.3, 0.05)!, brute, { abs: 1e-12, rel: 0 });
		expectClose(exactRejectionRate(4000, 0.1, 0.1, 0.05)!, 0.05, { abs: 0.002, rel: 0 });
		expectClose(exactRejectionRate(4000, 0.1, 0.12, 0.05)!, theoryPower(0.1, 0.12, 4000, 0.05)!, { abs: 0.01, rel: 0 });
		// No conversions ever: the standard error is 0 and no test rejects.
		expect(exactRejectionRate(50, 0, 0, 0.05)).toBe(0);
		expect(zStatistic(0, 0, 50)).toBe(0);
		expect(pValue(zStatistic(50, 50, 50))).toBe(1);
	});

	it('looks are evenly spaced and end at n', () => {
		expect(lookUsers(1000, 4)).toEqual([250, 500, 750, 1000]);
		expect(lookUsers(10, 3)).toEqual([3, 7, 10]);
		expect(lookUsers(500, 1)).toEqual([500]);
	});
});

describe('the simulation', () => {
	it('no difference: the false-positive rate’s 95% interval holds α (and the exact rate), and the p-values are uniform', () => {
		const before = tf.memory().numTensors;
		const { falsePositives, experiments, nullP } = simulate({ ...DESIGN, rateB: 0.1 }, 20_000);
		expect(tf.memory().numTensors).toBe(before);
		expectInside(0.05, falsePositives, experiments);
		expectInside(exactRejectionRate(2000, 0.1, 0.1, 0.05)!, falsePositives, experiments);
		// Uniform p-values below ½: each twentieth holds a twentieth, within 4 standard errors. (Above,
		// the counts' lattice shows: |xB − xA| = 0, 1, 2 … are a few p-values near 1, each with a lump of weight.)
		const counts = pValueCounts(nullP, 20);
		const sd = Math.sqrt(0.05 * 0.95 * experiments);
		for (const count of counts.slice(0, 10)) expect(Math.abs(count - experiments / 20)).toBeLessThan(4 * sd);
		// Every bin, lumps and all, as the exact distribution of the p-value says.
		const table = binomialTable(2000, 0.1);
		const exact = new Array(20).fill(0);
		for (let i = 0; i < table.pmf.length; i++) {
			for (let j = 0; j < table.pmf.length; j++) exact[Math.min(19, Math.floor(pValue(zStatistic(table.offset + i, table.offset + j, 2000)) * 20))] += table.pmf[i] * table.pmf[j];
		}
		counts.forEach((count, bin) => expect(Math.abs(count - exact[bin] * experiments)).toBeLessThan(4 * Math.sqrt(exact[bin] * experiments) + 1));
	});

	it('a real difference at a large n: the simulated power’s interval holds the theory power', () => {
		const design = { ...DESIGN, n: 4000 };
		const { detections, experiments } = simulate(design, 10_000, 2);
		const theory = theoryPower(0.1, 0.12, 4000, 0.05)!;
		expect(theory).toBeGreaterThan(0.8);
		expectInside(theory, detections, experiments);
	});

	it('a tiny sample: the simulation follows the exact z-test, not the normal approximation', () => {
		const design = { ...DESIGN, n: 30, base: 0.1, rateB: 0.3 };
		const { detections, falsePositives, experiments } = simulate(design, 20_000, 3);
		expectInside(exactRejectionRate(30, 0.1, 0.3, 0.05)!, detections, experiments);
		expectInside(exactRejectionRate(30, 0.1, 0.1, 0.05)!, falsePositives, experiments);
	});

	it('peeking after each of 10 batches and stopping at the first p < α: false positives well over 2α', () => {
		const { falsePositives, experiments } = simulate({ ...DESIGN, rateB: 0.1, looks: 10 }, 10_000, 4);
		const rate = falsePositives / experiments;
		expect(rate).toBeGreaterThan(2 * 0.05);
		// Armitage, McPherson & Rowe (1969): about 0.19 for 10 equally spaced looks at 5%.
		expect(rate).toBeGreaterThan(0.16);
		expect(rate).toBeLessThan(0.22);
	});

	it('many metrics: the chance of some false win is 1 − (1 − α)^m; Bonferroni brings it under α', () => {
		const m = 10;
		const plain = simulate({ ...DESIGN, metrics: m }, 10_000, 5);
		expectInside(familywiseRate(0.05, m), plain.falsePositives, plain.experiments);
		const corrected = simulate({ ...DESIGN, metrics: m, bonferroni: true }, 10_000, 6);
		expectInside(familywiseRate(0.05 / m, m), corrected.falsePositives, corrected.experiments);
		expect(corrected.falsePositives / corrected.experiments).toBeLessThan(0.06);
	});

	it('leaves no tensor behind across many steps, and the same seed gives the same batch', () => {
		const sampler = makeSampler({ ...DESIGN, looks: 5, metrics: 3 });
		const rng = createRng(7);
		simulateBatch(sampler, 50, rng);
		const before = tf.memory().numTensors;
		for (let i = 0; i < 10; i++) simulateBatch(sampler, 50, rng, 5);
		expect(tf.memory().numTensors).toBe(before);
		const [a, b] = [simulateBatch(sampler, 40, createRng(9), 3), simulateBatch(sampler, 40, createRng(9), 3)];
		expect(a).toEqual(b);
		expect(a.paths).toHaveLength(3);
		expect(a.paths[0]).toHaveLength(5);
	});

	it('rates of 0 and 1: every p-value is 1 or the result is certain, never NaN', () => {
		for (const [base, rateB] of [[0, 0], [1, 1], [0, 1]]) {
			const batch = simulateBatch(makeSampler({ ...DESIGN, n: 10, base, rateB }), 100, createRng(1));
			for (const p of [...batch.nullP, ...batch.altP]) expect(Number.isFinite(p)).toBe(true);
			expect([...batch.nullP].every((p) => p === 1)).toBe(true);
		}
		const certain = simulateBatch(makeSampler({ ...DESIGN, n: 10, base: 0, rateB: 1 }), 100, createRng(1));
		expect([...certain.altStop].every((s) => s === 0)).toBe(true);
	});
});
