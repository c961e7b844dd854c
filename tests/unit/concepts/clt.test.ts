import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import { createRng } from '$lib/engine/rng';
import { schema, type Distribution } from '$lib/concepts/clt/params';
import { drawMeans, meansPerStep, parentMoments, parentShape, qqPoints, summarise } from '$lib/concepts/clt/sim';
import { expectClose } from '../helpers/close';

const DISTS = schema.dist.options.map((o) => o.value) as Distribution[];
const parentOf = (dist: Distribution) => ({ dist, p: 0.1, shape: 0.8 });
/** Each continuous density written out again, independently of parentShape's grid. */
function density(dist: Distribution, x: number): number {
	const phi = (z: number) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
	switch (dist) {
		case 'uniform':
			return x >= 0 && x < 1 ? 1 : 0;
		case 'exponential':
			return x >= 0 ? Math.exp(-x) : 0;
		case 'lognormal':
			return x > 0 ? phi(Math.log(x) / 0.8) / (0.8 * x) : 0;
		case 'delivery':
			return x > 0 ? phi(Math.log(x / 30) / 0.6) / (0.6 * x) : 0;
		case 'bimodal':
			return (phi((x + 2) / 0.5) + phi((x - 2) / 0.5)) / 2 / 0.5;
		default:
			return NaN;
	}
}

describe('the parents', () => {
	it('moments agree with numerical integration of each density (or the probabilities)', () => {
		for (const dist of DISTS.filter((d) => d !== 'cauchy')) {
			const parent = parentOf(dist);
			const { discrete, points } = parentShape(parent);
			if (discrete) {
				const m = points.reduce((s, [x, p]) => s + x * p, 0);
				expectClose(parentMoments(parent)!.mean, m, { abs: 1e-12, rel: 0 });
				expectClose(parentMoments(parent)!.variance, points.reduce((s, [x, p]) => s + (x - m) ** 2 * p, 0), { abs: 1e-12, rel: 0 });
				continue;
			}
			// A fine trapezoid rule over the grid the page draws, for the mean and variance.
			const { mean, variance } = parentMoments(parent)!;
			let [mass, first, second] = [0, 0, 0];
			const fine = Array.from({ length: 200_001 }, (_, i) => -40 + i * 0.0006 * (dist === 'delivery' ? 20 : 1));
			for (let i = 1; i < fine.length; i++) {
				const [a, b] = [fine[i - 1], fine[i]];
				const x = (a + b) / 2;
				const fx = density(dist, x);
				mass += fx * (b - a);
				first += x * fx * (b - a);
				second += (x - mean) ** 2 * fx * (b - a);
			}
			expectClose(mass, 1, { abs: 2e-3, rel: 0 });
			expectClose(first, mean, { abs: 2e-3 * Math.max(1, mean), rel: 0 });
			expectClose(second, variance, { abs: 0, rel: 0.01 });
		}
		// The closed forms by hand: exponential(1), uniform, lognormal's e^{σ²/2}, Bernoulli's skewness.
		expect(parentMoments(parentOf('exponential'))).toEqual({ mean: 1, variance: 1, skewness: 2 });
		expectClose(parentMoments(parentOf('lognormal'))!.mean, Math.exp(0.32), { abs: 1e-12, rel: 0 });
		expectClose(parentMoments(parentOf('bernoulli'))!.skewness, 0.8 / Math.sqrt(0.09), { abs: 1e-12, rel: 0 });
		expect(parentMoments(parentOf('cauchy'))).toBeNull();
	});

	it('sample moments of a million single draws match the parent (a second check of the sampler)', () => {
		for (const dist of DISTS.filter((d) => d !== 'cauchy')) {
			const parent = parentOf(dist);
			const draws = drawMeans(parent, 1, 200_000, createRng(5));
			const got = summarise(draws);
			const want = parentMoments(parent)!;
			const sd = Math.sqrt(want.variance);
			expect(Math.abs(got.mean - want.mean)).toBeLessThan((5 * sd) / Math.sqrt(draws.length));
			expectClose(got.sd, sd, { abs: 0, rel: 0.02 });
			expect(Math.abs(got.skewness - want.skewness)).toBeLessThan(0.05 + 0.1 * Math.abs(want.skewness));
		}
	});
});

describe('the theorem', () => {
	it.each(['exponential', 'bernoulli', 'die', 'delivery'] as Distribution[])('means of n draws have sd σ/√n and skewness skew/√n (%s)', (dist) => {
		const parent = parentOf(dist);
		const n = 16;
		const before = tf.memory().numTensors;
		const means = drawMeans(parent, n, 20_000, createRng(2));
		expect(tf.memory().numTensors).toBe(before);
		const want = parentMoments(parent)!;
		const got = summarise(means);
		expectClose(got.sd, Math.sqrt(want.variance / n), { abs: 0, rel: 0.03 });
		expect(Math.abs(got.skewness - want.skewness / Math.sqrt(n))).toBeLessThan(0.08);
	});

	it('Cauchy: the means of 100 draws are as spread as one draw (their quartiles stay at ±1)', () => {
		const means = Float64Array.from(drawMeans(parentOf('cauchy'), 100, 20_000, createRng(3))).sort();
		expectClose(means[Math.floor(0.75 * means.length)], 1, { abs: 0.06, rel: 0 });
		expectClose(means[Math.floor(0.25 * means.length)], -1, { abs: 0.06, rel: 0 });
	});

	it('a step stays about the same size at any n', () => {
		expect(meansPerStep(parentOf('exponential'), 1)).toBe(250);
		expect(meansPerStep(parentOf('bimodal'), 1000)).toBe(66);
		expect(meansPerStep(parentOf('lognormal'), 1000)).toBe(100);
	});
});

describe('helpers', () => {
	it('a normal sample lies on the Q–Q diagonal; equal values give no points, not NaN', () => {
		const rng = createRng(9);
		const normal = Array.from({ length: 5000 }, () => rng.normal());
		// The extreme quantiles of 5000 draws wander more than the middle ones.
		for (const [z, v] of qqPoints(normal)) expect(Math.abs(z - v)).toBeLessThan(Math.abs(z) < 2 ? 0.1 : 0.4);
		expect(qqPoints([2, 2, 2])).toEqual([]);
	});
});
