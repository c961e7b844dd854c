import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scaleLinear } from 'd3';
import { pixelSize, roundToPixel } from '$lib/plot/pixel';

describe('roundToPixel(): a point placed by hand keeps the digits it was aimed with', () => {
	it('drops the digits finer than a pixel, at any scale', () => {
		expect(roundToPixel(3.456789123, 0.029)).toBe(3.46);
		expect(roundToPixel(13.000000001, 0.029)).toBe(13);
		expect(roundToPixel(1700000061.234, 36)).toBe(1700000060);
		expect(roundToPixel(Number('1.23456e-320'), 2e-322)).toBe(Number('1.23e-320'));
		expect(roundToPixel(0.004, 0.02)).toBe(0);
		expect(Object.is(roundToPixel(-0, 0.1), 0)).toBe(true);
	});

	it('stays within half a pixel (property)', () => {
		fc.assert(
			fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.double({ min: 1e-9, max: 1e6, noNaN: true }), (value, pixel) => {
				expect(Math.abs(roundToPixel(value, pixel) - value)).toBeLessThanOrEqual(pixel / 2 + Math.abs(value) * 1e-15);
			}),
			{ numRuns: 500, seed: 3 }
		);
	});

	it('pixelSize(): the domain one pixel spans', () => {
		expect(pixelSize(scaleLinear().domain([0, 10]).range([0, 500]))).toBeCloseTo(0.02, 12);
		expect(pixelSize(scaleLinear().domain([0, 10]).range([400, 0]))).toBeCloseTo(0.025, 12);
	});
});
