import { describe, expect, it } from 'vitest';
import { erfc, normalCdf, normalDensity, normalQuantile, wilsonInterval } from '$lib/common/stats';
import { expectClose } from './helpers/close';

describe('the normal distribution', () => {
	it('quantiles match the tables', () => {
		expectClose(normalQuantile(0.975), 1.959963984540054, { abs: 1e-8, rel: 0 });
		expectClose(normalQuantile(0.9), 1.2815515655446004, { abs: 1e-8, rel: 0 });
		expectClose(normalQuantile(0.8), 0.8416212335729143, { abs: 1e-8, rel: 0 });
		expectClose(normalQuantile(0.001), -3.090232306167813, { abs: 1e-8, rel: 0 });
		expectClose(normalQuantile(0.5), 0, { abs: 1e-12, rel: 0 });
		expect(normalQuantile(0)).toBe(-Infinity);
		expect(normalQuantile(1)).toBe(Infinity);
	});

	it('the CDF matches the tables, in the tails to seven digits', () => {
		expectClose(normalCdf(0), 0.5, { abs: 1e-7, rel: 0 });
		expectClose(normalCdf(1.959963984540054), 0.975, { abs: 1e-7, rel: 0 });
		expectClose(normalCdf(-1), 0.15865525393145707, { abs: 1e-7, rel: 0 });
		expectClose(normalCdf(-6), 9.865876450376946e-10, { abs: 0, rel: 2e-7 });
		expectClose(erfc(3), 2.209049699858544e-5, { abs: 0, rel: 2e-7 });
		for (const q of [0.001, 0.02, 0.3, 0.7, 0.99]) expectClose(normalCdf(normalQuantile(q)), q, { abs: 0, rel: 2e-7 });
	});

	it('the density integrates to the CDF (trapezoids from −10)', () => {
		let area = 0;
		const h = 1e-3;
		for (let z = -10; z < 1.5 - h / 2; z += h) area += ((normalDensity(z) + normalDensity(z + h)) * h) / 2;
		expectClose(area, normalCdf(1.5), { abs: 1e-7, rel: 0 });
	});
});

describe('the Wilson interval', () => {
	it('0 of 10 reaches z²/(n + z²); no trials say nothing', () => {
		const [low, high] = wilsonInterval(0, 10);
		expect(low).toBe(0);
		expectClose(high, 1.959963984540054 ** 2 / (10 + 1.959963984540054 ** 2), { abs: 1e-12, rel: 0 });
		expect(wilsonInterval(0, 0)).toEqual([0, 1]);
	});
});
