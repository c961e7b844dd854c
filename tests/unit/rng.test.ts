import { describe, expect, it } from 'vitest';
import { createRng, nextSeed, MAX_SEED } from '$lib/engine/rng';

const N = 200_000;

describe('createRng()', () => {
	it('gives the same stream for the same seed, and a different one for another seed', () => {
		const a = createRng(42);
		const b = createRng(42);
		const c = createRng(43);
		const streamA = Array.from({ length: 20 }, () => a.next());
		expect(Array.from({ length: 20 }, () => b.next())).toEqual(streamA);
		expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(streamA);
	});

	it('next() is uniform on [0, 1): mean and variance within 5 standard errors', () => {
		const rng = createRng(7);
		let sum = 0;
		let sumSq = 0;
		for (let i = 0; i < N; i++) {
			const u = rng.next();
			expect(u >= 0 && u < 1).toBe(true);
			sum += u;
			sumSq += u * u;
		}
		const mean = sum / N;
		expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
		// Var(U²) = 1/5 − 1/9 for U uniform on [0, 1].
		expect(Math.abs(sumSq / N - 1 / 3)).toBeLessThan(5 * Math.sqrt((1 / 5 - 1 / 9) / N));
	});

	it('normal() has mean 0 and variance 1 within 5 standard errors', () => {
		const rng = createRng(11);
		let sum = 0;
		let sumSq = 0;
		for (let i = 0; i < N; i++) {
			const z = rng.normal();
			sum += z;
			sumSq += z * z;
		}
		expect(Math.abs(sum / N)).toBeLessThan(5 / Math.sqrt(N));
		// Var(Z²) = 2 for a standard normal.
		expect(Math.abs(sumSq / N - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
	});

	it('int(n) stays in [0, n) and hits every value', () => {
		const rng = createRng(3);
		const seen = new Set<number>();
		for (let i = 0; i < 10_000; i++) {
			const v = rng.int(7);
			expect(Number.isInteger(v) && v >= 0 && v < 7).toBe(true);
			seen.add(v);
		}
		expect(seen.size).toBe(7);
	});

	it('weighted() draws in proportion to the weights (chi-square, p > 0.001) and never a zero weight', () => {
		const rng = createRng(5);
		const weights = [1, 0, 2, 3, 4];
		const counts = [0, 0, 0, 0, 0];
		const draws = 50_000;
		for (let i = 0; i < draws; i++) counts[rng.weighted(weights)]++;
		expect(counts[1]).toBe(0);
		const total = 10;
		let chi2 = 0;
		weights.forEach((w, i) => {
			if (w === 0) return;
			const expected = (draws * w) / total;
			chi2 += (counts[i] - expected) ** 2 / expected;
		});
		// 3 degrees of freedom: P(χ² > 16.27) = 0.001.
		expect(chi2).toBeLessThan(16.27);
	});

	it('fork() is deterministic and gives independent-looking streams per label', () => {
		const base = createRng(9);
		const x1 = base.fork('data').next();
		const x2 = createRng(9).fork('data').next();
		const y = createRng(9).fork('start-0').next();
		expect(x1).toBe(x2);
		expect(y).not.toBe(x1);
	});
});

describe('nextSeed()', () => {
	it('gives a different seed in range, the same every time for the same seed', () => {
		const s = nextSeed(1);
		expect(s).toBe(nextSeed(1));
		expect(s).not.toBe(1);
		expect(s >= 0 && s <= MAX_SEED && Number.isInteger(s)).toBe(true);
	});
});
