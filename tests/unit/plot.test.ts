import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contours, scaleLinear, ticks } from 'd3';
import { pixelSize, roundToPixel } from '$lib/plot/pixel';
import { linearTickFormat, linearTicks } from '$lib/plot/ticks';
import { contourBands, contourBandsJob, quantileLevels } from '$lib/plot/contours';
import { firstPoints, polylinePath, polylinePathOnce } from '$lib/plot/path';
import { rgbOf } from '$lib/plot/cells';

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

describe('linearTicks(): an axis for any domain', () => {
	/** A handful of distinct finite values from a to b, in order. */
	function expectSane(values: number[], [a, b]: [number, number]) {
		expect(values.length).toBeGreaterThanOrEqual(2);
		expect(values.length).toBeLessThanOrEqual(12);
		expect(values.every(Number.isFinite)).toBe(true);
		expect(new Set(values).size).toBe(values.length);
		for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]);
		expect(values[0]).toBeGreaterThanOrEqual(Math.min(a, b));
		expect(values.at(-1)!).toBeLessThanOrEqual(Math.max(a, b));
	}

	it('d3’s ticks where they work', () => {
		expect(linearTicks(0, 10, 5)).toEqual(ticks(0, 10, 5));
		expect(linearTicks(1e15, 1e15 + 300, 5)).toEqual(ticks(1e15, 1e15 + 300, 5));
		expect(linearTicks(-3e-300, 7e-300, 5)).toEqual(ticks(-3e-300, 7e-300, 5));
	});

	it('denormal spans (where d3 throws "Invalid array length") and spans beyond 1e300 get evenly spaced ticks', () => {
		// The correlation plot's domain for x = 5e-324 … 3e-320, padded by 8%.
		const denormal: [number, number] = [5e-324 - 0.08 * 3e-320, 3e-320 * 1.08];
		expect(() => ticks(...denormal, 5)).toThrow(RangeError);
		expectSane(linearTicks(...denormal, 5), denormal);
		expectSane(linearTicks(0, 1e-310, 5), [0, 1e-310]);
		expectSane(linearTicks(-1e308, 1e308, 5), [-1e308, 1e308]);
		expectSane(linearTicks(3e-320, 5e-324, 5).reverse(), [5e-324, 3e-320]);
	});

	it('one tick for a single value, none for a domain that is not finite', () => {
		expect(linearTicks(5, 5, 5)).toEqual([5]);
		expect(linearTicks(NaN, 1, 5)).toEqual([]);
		expect(linearTicks(0, Infinity, 5)).toEqual([]);
		expect(linearTicks(0, 1, 0)).toEqual([]);
	});

	it('any finite domain gives a few ordered, distinct ticks inside it (property)', () => {
		fc.assert(
			fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 2, max: 10 }), (a, b, count) => {
				fc.pre(a !== b);
				const [lo, hi] = a < b ? [a, b] : [b, a];
				const values = linearTicks(lo, hi, count);
				expect(values.length).toBeGreaterThanOrEqual(1);
				expect(values.length).toBeLessThanOrEqual(3 * count + 1);
				expect(values.every((v) => Number.isFinite(v) && v >= lo && v <= hi)).toBe(true);
			}),
			{ numRuns: 1000, seed: 4 }
		);
	});

	it('linearTickFormat(): d3’s format, or plain numbers where its would read 0.000000', () => {
		expect(linearTickFormat(scaleLinear().domain([0, 1]), 5)(0.2)).toBe('0.2');
		const tiny = linearTickFormat(scaleLinear().domain([0, 3e-320]), 5);
		expect(tiny(1.5e-320)).toBe('1.50e-320');
	});
});

describe('polylinePath(): SVG text for long, often-redrawn paths', () => {
	const sx = scaleLinear().domain([0, 1]).range([0, 400]);
	const sy = scaleLinear().domain([0, 1]).range([300, 0]);

	it('holds every finite point to a tenth of a pixel, breaks at non-finite points, and slices the first k points', () => {
		fc.assert(
			fc.property(fc.array(fc.oneof(fc.double({ min: -2, max: 2, noNaN: true }), fc.constant(NaN)), { minLength: 0, maxLength: 60 }), (raw) => {
				const flat = Float64Array.from(raw.length % 2 ? raw.slice(1) : raw);
				const points = Array.from({ length: flat.length / 2 }, (_, i) => [sx(flat[2 * i]), sy(flat[2 * i + 1])]);
				const finite = (i: number) => i >= 0 && points[i].every(Number.isFinite);
				// The commands expected: M where a line starts, L where it goes on.
				const commands = points.map((_, i) => (!finite(i) ? '' : finite(i - 1) ? 'L' : 'M'));
				const { d, ends } = polylinePath(flat, sx, sy);
				const numbers = (text: string) => (text.match(/-?[\d.]+(e[-+]?\d+)?/g) ?? []).map(Number);
				for (let k = 0; k <= points.length; k++) {
					const part = firstPoints({ d, ends }, k);
					expect(part.replace(/[^ML]/g, '')).toBe(commands.slice(0, k).join(''));
					const expected = points.slice(0, k).filter((_, i) => finite(i)).flat();
					const got = numbers(part);
					expect(got).toHaveLength(expected.length);
					got.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(0.05 + 1e-9));
				}
			})
		);
	});

	it('is built once per array of points and scales', () => {
		const flat = Float32Array.of(0, 0, 0.5, 0.5, 1, 1);
		const first = polylinePathOnce(flat, sx, sy);
		expect(polylinePathOnce(flat, sx, sy)).toBe(first);
		expect(polylinePathOnce(flat, sx.copy().range([0, 200]), sy)).not.toBe(first);
		expect(polylinePathOnce(Float32Array.from(flat), sx, sy)).toEqual(first);
	});
});

describe('contourBands(): the filled contours, a band at a time', () => {
	const size = 40;
	// A bowl with a hole of undefined values in it.
	const values = Float32Array.from({ length: size * size }, (_, k) => {
		const [i, j] = [k % size, Math.floor(k / size)];
		const r = Math.hypot(i - 20, j - 14);
		return r < 3 ? NaN : (i - 12) ** 2 + 3 * (j - 25) ** 2;
	});

	it('gives the bands d3 traces in one call, widest first, handing each over as it is traced', () => {
		const levels = quantileLevels(values, 12);
		const top = levels[levels.length - 1];
		const negated = Array.from(values, (v) => (Number.isFinite(v) ? -v : -top - 1));
		const inOneCall = contours()
			.size([size, size])
			.thresholds(levels.map((t) => -t).reverse())(negated);
		const seen: number[] = [];
		const job = contourBandsJob(values, size, 12, (bands) => seen.push(bands.length));
		let next = job.next();
		let yields = 0;
		while (!next.done) {
			yields++;
			next = job.next();
		}
		expect(next.value).toEqual(inOneCall);
		expect(contourBands(values, size, 12)).toEqual(inOneCall);
		expect(yields).toBe(levels.length + 1);
		expect(seen).toEqual(levels.map((_, i) => i + 1));
		// Widest first: each band's level is below the one before.
		expect(next.value.map((band) => -band.value)).toEqual([...levels].reverse());
	});

	it('gives no band for a grid without a finite value', () => {
		expect(contourBands(new Float32Array(16).fill(NaN), 4, 10)).toEqual([]);
	});
});

describe('rgbOf(): the colour of drawn cells, from a resolved CSS colour', () => {
	it('reads hex and rgb() as the browser writes them; anything else is grey', () => {
		expect(rgbOf('#0072b2')).toEqual([0, 114, 178]);
		expect(rgbOf('#fff')).toEqual([255, 255, 255]);
		expect(rgbOf('rgb(213, 94, 0)')).toEqual([213, 94, 0]);
		expect(rgbOf('rgba(61, 155, 224, 0.5)')).toEqual([61, 155, 224]);
		expect(rgbOf('rgb(61 155 224)')).toEqual([61, 155, 224]);
		expect(rgbOf('oklch(0.5 0.1 200)')).toEqual([128, 128, 128]);
	});
});
