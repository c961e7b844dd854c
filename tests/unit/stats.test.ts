import { describe, expect, it } from 'vitest';
import { erfc, histogram, normalCdf, normalDensity, normalQuantile, wilsonInterval } from '$lib/common/stats';
import { expectClose } from './helpers/close';

describe('the standard normal', () => {
	it('Φ matches the tables (Abramowitz & Stegun, 26.2), in the middle and far in the tails', () => {
		expectClose(normalCdf(0), 0.5, { abs: 1e-16, rel: 0 });
		expectClose(normalCdf(1), 0.8413447460685429, { abs: 1e-15, rel: 0 });
		expectClose(normalCdf(1.96), 0.9750021048517795, { abs: 1e-15, rel: 0 });
		expectClose(normalCdf(-2.5758293035489), 0.005, { abs: 1e-15, rel: 0 });
		expectClose(normalCdf(-5), 2.866515718791939e-7, { abs: 0, rel: 1e-13 });
		expectClose(normalCdf(-10), 7.619853024160527e-24, { abs: 0, rel: 1e-12 });
		expect(normalCdf(-40)).toBe(0);
		expect(normalCdf(40)).toBe(1);
	});

	it('erfc on both sides of the switch from series to continued fraction agrees with its values', () => {
		expectClose(erfc(0.5), 0.4795001221869535, { abs: 1e-15, rel: 0 });
		// Just below the switch: erfc(3) plus h · 2/√π · e^(−9) (Taylor; the next term is ~1e-18).
		expectClose(erfc(3 - 1e-7), 2.209049699858544e-5 + 1e-7 * (2 / Math.sqrt(Math.PI)) * Math.exp(-9), { abs: 0, rel: 1e-10 });
		expectClose(erfc(3), 2.209049699858544e-5, { abs: 0, rel: 1e-12 });
		expectClose(erfc(-1), 1.842700792949715, { abs: 1e-15, rel: 0 });
	});

	it('the quantile inverts Φ to double precision', () => {
		expectClose(normalQuantile(0.975), 1.959963984540054, { abs: 1e-14, rel: 0 });
		expectClose(normalQuantile(0.8), 0.8416212335729143, { abs: 1e-14, rel: 0 });
		expectClose(normalQuantile(0.995), 2.5758293035489, { abs: 1e-12, rel: 0 });
		expectClose(normalQuantile(1e-10), -6.361340902404056, { abs: 1e-11, rel: 0 });
		for (const q of [1e-6, 0.01, 0.3, 0.5, 0.77, 0.999]) expectClose(normalCdf(normalQuantile(q)), q, { abs: 0, rel: 1e-13 });
		expect(normalQuantile(0)).toBe(-Infinity);
		expect(normalQuantile(1)).toBe(Infinity);
	});
});

describe('the normal density', () => {
	it('integrates to the CDF (trapezoids from −10)', () => {
		let area = 0;
		const h = 1e-3;
		for (let z = -10; z < 1.5 - h / 2; z += h) area += ((normalDensity(z) + normalDensity(z + h)) * h) / 2;
		expectClose(area, normalCdf(1.5), { abs: 1e-7, rel: 0 });
	});
});

describe('histogram()', () => {
	it('counts every value once, in a bin or outside', () => {
		const h = histogram([0, 0.1, 0.5, 0.99, 1, 2, -1], 0, 1, 4);
		expect(h.counts).toEqual([2, 0, 1, 2]);
		expect(h.outside).toBe(2);
	});
});

describe('the Wilson interval', () => {
	it('0 of 10 reaches z²/(n + z²); 50 of 100 is symmetric about ½', () => {
		const z = 1.959963984540054;
		const [low, high] = wilsonInterval(0, 10);
		expect(low).toBe(0);
		expectClose(high, (z * z) / (10 + z * z), { abs: 1e-12, rel: 0 });
		const [a, b] = wilsonInterval(50, 100);
		expectClose(a + b, 1, { abs: 1e-12, rel: 0 });
		expect(wilsonInterval(0, 0)).toEqual([0, 1]);
	});
});
