import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assertNoTensorLeak } from '$lib/engine/leaks';
import { createRng } from '$lib/engine/rng';
import { meta } from '$lib/concepts/correlation/meta';
import { ANSCOMBE, generatePoints, presetPoints, TRANSFORMS, type PresetName } from '$lib/concepts/correlation/data';
import { parseCsv } from '$lib/widget/points/csv';
import {
	bootstrap,
	bootstrapJob,
	coefficientsOfResamples,
	correlate,
	mostInfluential,
	outlierFor,
	plainReading,
	quantile,
	resampleWeights,
	type Correlations
} from '$lib/concepts/correlation/sim';
import type { Point } from '$lib/common/geometry';
import { decodeParams, encodeParams } from '$lib/widget/schema';
import { schema, type CorrelationParams } from '$lib/concepts/correlation/params';
import { expectClose } from '../helpers/close';
import { CorrelationRun } from '$lib/concepts/correlation/run.svelte';
import { Services } from '$lib/widget/runs.svelte';

// ---------------------------------------------------------------------------------------
// Independent float64 references from the textbook definitions: sorting, counting pairs.

function pearson64(xs: number[], ys: number[]): number {
	const n = xs.length;
	const mx = xs.reduce((a, b) => a + b, 0) / n;
	const my = ys.reduce((a, b) => a + b, 0) / n;
	let sxy = 0;
	let sxx = 0;
	let syy = 0;
	for (let i = 0; i < n; i++) {
		sxy += (xs[i] - mx) * (ys[i] - my);
		sxx += (xs[i] - mx) ** 2;
		syy += (ys[i] - my) ** 2;
	}
	return sxy / Math.sqrt(sxx * syy);
}

/** Average ranks by sorting: a run of ties at places i…j (1-based) all get (i + j) / 2. */
function averageRanks64(values: number[]): number[] {
	const order = values.map((v, i) => [v, i]).sort((a, b) => a[0] - b[0]);
	const ranks = new Array<number>(values.length);
	for (let start = 0; start < order.length; ) {
		let end = start;
		while (end + 1 < order.length && order[end + 1][0] === order[start][0]) end++;
		for (let k = start; k <= end; k++) ranks[order[k][1]] = (start + end) / 2 + 1;
		start = end + 1;
	}
	return ranks;
}

const spearman64 = (xs: number[], ys: number[]) => pearson64(averageRanks64(xs), averageRanks64(ys));

/** τ-b = (C − D) / √((n₀ − n₁)(n₀ − n₂)), n₁ and n₂ the tie corrections Σ t(t − 1)/2 per tied group. */
function kendall64(xs: number[], ys: number[]): number {
	const n = xs.length;
	let concordant = 0;
	let discordant = 0;
	for (let i = 0; i < n; i++) {
		for (let j = i + 1; j < n; j++) {
			const s = Math.sign(xs[i] - xs[j]) * Math.sign(ys[i] - ys[j]);
			if (s > 0) concordant++;
			else if (s < 0) discordant++;
		}
	}
	const tiePairs = (values: number[]) => {
		const counts = new Map<number, number>();
		for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
		return [...counts.values()].reduce((a, t) => a + (t * (t - 1)) / 2, 0);
	};
	const n0 = (n * (n - 1)) / 2;
	return (concordant - discordant) / Math.sqrt((n0 - tiePairs(xs)) * (n0 - tiePairs(ys)));
}

const columns = (points: Point[]) => [points.map((p) => p[0]), points.map((p) => p[1])] as const;

function expectMatchesReference(c: Correlations, points: Point[], tolerance = 2e-5) {
	const [xs, ys] = columns(points);
	expectClose(c.pearson!, pearson64(xs, ys), { abs: tolerance, rel: 0 });
	expectClose(c.spearman!, spearman64(xs, ys), { abs: tolerance, rel: 0 });
	expectClose(c.kendall!, kendall64(xs, ys), { abs: tolerance, rel: 0 });
}

const PRESETS: PresetName[] = ['linear', 'exp', 'log', 'outlier', 'u-shape', 'funnel', 'ordinal', 'anscombe-1', 'anscombe-2', 'anscombe-3', 'anscombe-4'];

describe('correlate(): small cases by hand', () => {
	it('(1,1), (2,3), (3,2): Pearson ½, Spearman ½, Kendall ⅓ (two concordant pairs, one discordant)', () => {
		const c = correlate([[1, 1], [2, 3], [3, 2]]);
		expectClose(c.pearson!, 0.5, { abs: 1e-6, rel: 0 });
		expectClose(c.spearman!, 0.5, { abs: 1e-6, rel: 0 });
		expectClose(c.kendall!, 1 / 3, { abs: 1e-6, rel: 0 });
		expect(Array.from(c.ranksX)).toEqual([1, 2, 3]);
		expect(Array.from(c.ranksY)).toEqual([1, 3, 2]);
	});

	it('ties: x = 1,1,2,3 and y = 1,2,2,3 give average ranks, ρ = 3.75/4.5 and τ-b = 4/√(5·5) = 0.8', () => {
		const c = correlate([[1, 1], [1, 2], [2, 2], [3, 3]]);
		expect(Array.from(c.ranksX)).toEqual([1.5, 1.5, 3, 4]);
		expect(Array.from(c.ranksY)).toEqual([1, 2.5, 2.5, 4]);
		expectClose(c.pearson!, 2 / Math.sqrt(5.5), { abs: 1e-6, rel: 0 });
		expectClose(c.spearman!, 3.75 / 4.5, { abs: 1e-6, rel: 0 });
		expectClose(c.kendall!, 0.8, { abs: 1e-6, rel: 0 });
	});

	it('a perfect line gives 1 for all three, a falling one −1, and the least-squares line is the line itself', () => {
		const up = correlate([[0, 1], [1, 3], [2, 5], [3, 7]]);
		for (const v of [up.pearson, up.spearman, up.kendall]) expectClose(v!, 1, { abs: 1e-6, rel: 0 });
		expectClose(up.line!.slope, 2);
		expectClose(up.line!.intercept, 1, { abs: 1e-5 });
		expectClose(up.rankLine!.slope, 1);
		const down = correlate([[0, 3], [1, 2], [2, 1]]);
		for (const v of [down.pearson, down.spearman, down.kendall]) expectClose(v!, -1, { abs: 1e-6, rel: 0 });
	});

	it('pull: the z-score products average to Pearson’s r; influence is r minus r without the point, recomputed', () => {
		const points = presetPoints('anscombe-3', 1);
		const c = correlate(points);
		expectClose(c.pull.reduce((a, b) => a + b, 0) / points.length, c.pearson!, { abs: 1e-5, rel: 0 });
		const [xs, ys] = columns(points);
		points.forEach((_, i) => {
			const without = pearson64(xs.filter((_, k) => k !== i), ys.filter((_, k) => k !== i));
			expectClose(c.influence[i], c.pearson! - without, { abs: 5e-5, rel: 0 });
		});
		// The one outlier of Anscombe III (13, 12.74) is the most influential point.
		expect(points[mostInfluential(c)!]).toEqual([13, 12.74]);
	});
});

describe('correlate(): undefined cases are said in words, never NaN', () => {
	it.each([
		['no points', [] as Point[], /at least 3 points; there are none/],
		['two points', [[0, 0], [1, 1]] as Point[], /at least 3 points; there are 2/],
		['a constant x', [[2, 1], [2, 5], [2, 3]] as Point[], /Every x is 2/],
		['a constant y', [[1, 4], [2, 4], [3, 4]] as Point[], /Every y is 4/],
		['one place', [[1, 1], [1, 1], [1, 1]] as Point[], /same place/]
	])('%s', (_, points, reason) => {
		const c = correlate(points);
		expect(c.pearson).toBeNull();
		expect(c.spearman).toBeNull();
		expect(c.kendall).toBeNull();
		expect(c.undefinedReason).toMatch(reason);
		expect(plainReading(c)).toMatch(reason);
		expect(bootstrap(points, 100, 1)).toBeNull();
	});
});

describe('correlate() against the float64 references', () => {
	it('Anscombe’s quartet: Pearson 0.816 for all four (the textbook values), Spearman and Kendall as the references give them', () => {
		const textbook = { 'anscombe-1': 0.8164205, 'anscombe-2': 0.8162365, 'anscombe-3': 0.8162867, 'anscombe-4': 0.8165214 };
		for (const [name, r] of Object.entries(textbook)) {
			const points = ANSCOMBE[name as keyof typeof ANSCOMBE];
			const c = correlate(points);
			expectClose(c.pearson!, r, { abs: 1e-5, rel: 0 });
			expectMatchesReference(c, points);
		}
	});

	it('y = eˣ for x = 1…100: Spearman and Kendall exactly 1, Pearson far lower (float32 cannot even hold e¹⁰⁰)', () => {
		const points = presetPoints('exp', 1);
		const c = correlate(points);
		expect(c.spearman).toBe(1);
		expect(c.kendall).toBe(1);
		const [xs, ys] = columns(points);
		expectClose(c.pearson!, pearson64(xs, ys), { abs: 1e-4, rel: 0 });
		expect(c.pearson!).toBeLessThan(0.3);
		expect(plainReading(c)).toMatch(/^Monotonic but not straight: Spearman \(1\) > Pearson/);
	});

	it('heavy ties (ratings on a 1–5 scale): average ranks and the τ-b correction', () => {
		const points = presetPoints('ordinal', 3);
		const c = correlate(points);
		const [xs, ys] = columns(points);
		expect(Array.from(c.ranksX)).toEqual(averageRanks64(xs));
		expect(Array.from(c.ranksY)).toEqual(averageRanks64(ys));
		expectMatchesReference(c, points);
	});

	it('every preset and generated data with every transform, n up to 1000', () => {
		for (const name of PRESETS) expectMatchesReference(correlate(presetPoints(name, 7)), presetPoints(name, 7));
		for (const transform of Object.keys(TRANSFORMS) as (keyof typeof TRANSFORMS)[]) {
			const points = generatePoints({ rho: 0.5, n: 1000, transform, noise: 0.2 }, 2);
			expectMatchesReference(correlate(points), points, 5e-5);
		}
	});

	it('a column with a large offset (1e6 + small) keeps its digits', () => {
		const points: Point[] = [[1e6 + 0.1, 3], [1e6 + 0.2, 5], [1e6 + 0.4, 4], [1e6 + 0.3, 8]];
		expectMatchesReference(correlate(points), points);
	});
});

describe('properties (fast-check)', () => {
	const pointsArb = fc.array(fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 })), { minLength: 3, maxLength: 25 });
	const defined = (points: [number, number][]) => !correlate(points).undefinedReason;
	const settings = { numRuns: 60 };

	it('all three stay in [−1, 1] and match the references', () => {
		fc.assert(
			fc.property(pointsArb, (points) => {
				fc.pre(defined(points));
				const c = correlate(points);
				for (const v of [c.pearson!, c.spearman!, c.kendall!]) expect(Math.abs(v)).toBeLessThanOrEqual(1);
				expectMatchesReference(c, points, 5e-5);
			}),
			settings
		);
	});

	it('shuffling the rows changes none of them', () => {
		fc.assert(
			fc.property(pointsArb, fc.integer(), (points, seed) => {
				fc.pre(defined(points));
				const rng = createRng(seed >>> 0);
				const shuffled = [...points];
				for (let i = shuffled.length - 1; i > 0; i--) {
					const j = rng.int(i + 1);
					[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
				}
				const a = correlate(points);
				const b = correlate(shuffled);
				expectClose(b.pearson!, a.pearson!, { abs: 1e-5, rel: 0 });
				expect(b.spearman).toBeCloseTo(a.spearman!, 5);
				expect(b.kendall).toBeCloseTo(a.kendall!, 5);
			}),
			settings
		);
	});

	it('a strictly increasing map of x or of y leaves Spearman and Kendall unchanged', () => {
		const maps = [(v: number) => Math.exp(v / 4), (v: number) => v ** 3, (v: number) => Math.atan(v) * 10 + 3];
		fc.assert(
			fc.property(pointsArb, fc.integer({ min: 0, max: maps.length - 1 }), fc.boolean(), (points, m, onX) => {
				fc.pre(defined(points));
				const mapped = points.map(([x, y]) => (onX ? [maps[m](x), y] : [x, maps[m](y)]) as Point);
				const a = correlate(points);
				const b = correlate(mapped);
				expect(b.spearman).toBeCloseTo(a.spearman!, 5);
				expect(b.kendall).toBeCloseTo(a.kendall!, 5);
			}),
			settings
		);
	});
});

describe('bootstrap', () => {
	it('resampleWeights(): each row holds n draws with replacement', () => {
		const w = resampleWeights(7, 5, createRng(1));
		for (let b = 0; b < 5; b++) expect(w.subarray(b * 7, b * 7 + 7).reduce((a, v) => a + v, 0)).toBe(7);
	});

	it('each resample’s coefficients equal the references on that resample written out point by point', () => {
		for (const name of ['ordinal', 'anscombe-3', 'linear'] as const) {
			const points = presetPoints(name, 5);
			const n = points.length;
			const count = 20;
			const weights = resampleWeights(n, count, createRng(9));
			const got = coefficientsOfResamples(points, weights, count);
			for (let b = 0; b < count; b++) {
				const resample = points.flatMap((p, i) => Array.from({ length: weights[b * n + i] }, () => p));
				const [xs, ys] = columns(resample);
				const check = (value: number, reference: number) => (Number.isFinite(reference) ? expectClose(value, reference, { abs: 5e-5, rel: 0 }) : expect(value).toBeNaN());
				check(got.pearson[b], pearson64(xs, ys));
				check(got.spearman[b], spearman64(xs, ys));
				check(got.kendall[b], kendall64(xs, ys));
			}
		}
	});

	it('is seeded: the same seed gives identical intervals, another seed different ones', () => {
		const points = presetPoints('linear', 1);
		const a = bootstrap(points, 300, 4);
		expect(bootstrap(points, 300, 4)).toEqual(a);
		expect(bootstrap(points, 300, 5)).not.toEqual(a);
	});

	it('the 95% intervals contain the estimates for typical data and are ordered', () => {
		for (const name of ['linear', 'log', 'funnel', 'ordinal', 'anscombe-1'] as const) {
			const points = presetPoints(name, 2);
			const c = correlate(points);
			const intervals = bootstrap(points, 1000, 2)!;
			for (const k of ['pearson', 'spearman', 'kendall'] as const) {
				const [lo, hi] = intervals[k]!;
				expect(lo).toBeLessThanOrEqual(c[k]!);
				expect(hi).toBeGreaterThanOrEqual(c[k]!);
				expect(lo).toBeGreaterThanOrEqual(-1);
				expect(hi).toBeLessThanOrEqual(1);
			}
		}
	});

	it('resamples with a constant column are left out and counted, not averaged in as NaN', () => {
		const points: Point[] = [[1, 1], [1, 2], [1, 1], [2, 2]];
		const intervals = bootstrap(points, 400, 1)!;
		expect(intervals.undefinedResamples.pearson).toBeGreaterThan(0);
		expect(intervals.pearson === null || intervals.pearson.every(Number.isFinite)).toBe(true);
	});

	it('quantile(): type 7, linear between order statistics', () => {
		expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
		expect(quantile([0, 10], 0.025)).toBeCloseTo(0.25);
		expect(quantile([1, 2, 3, 4, 5], 0.975)).toBeCloseTo(4.9);
	});
});

describe('editing helpers', () => {
	it('outlierFor(): a point against the trend that lowers Pearson more than Spearman', () => {
		const points = presetPoints('linear', 1);
		const before = correlate(points);
		const after = correlate([...points, outlierFor(points, before)]);
		expect(before.pearson! - after.pearson!).toBeGreaterThan(0.3);
		expect(before.pearson! - after.pearson!).toBeGreaterThan(before.spearman! - after.spearman!);
	});

	it('removing the most influential point of the "outlier" preset takes Pearson back near zero', () => {
		const points = presetPoints('outlier', 1);
		const c = correlate(points);
		const i = mostInfluential(c)!;
		expect(points[i]).toEqual([9, 9]);
		const after = correlate(points.filter((_, k) => k !== i));
		expect(Math.abs(after.pearson!)).toBeLessThan(0.4);
		expect(c.pearson!).toBeGreaterThan(0.6);
	});
});

describe('data', () => {
	it('generatePoints(): the sample correlation follows ρ, with no transform and no noise', () => {
		for (const rho of [-0.8, 0, 0.5, 0.95]) {
			const points = generatePoints({ rho, n: 1000, transform: 'none', noise: 0 }, 3);
			const [xs, ys] = columns(points);
			expect(Math.abs(pearson64(xs, ys) - rho)).toBeLessThan(0.08);
		}
	});

	it('generatePoints(): a monotone transform keeps every rank of y; the same seed gives the same points', () => {
		const plain = generatePoints({ rho: 0.7, n: 200, transform: 'none', noise: 0 }, 1);
		const cubed = generatePoints({ rho: 0.7, n: 200, transform: 'cube', noise: 0 }, 1);
		expect(averageRanks64(cubed.map((p) => p[1]))).toEqual(averageRanks64(plain.map((p) => p[1])));
		expect(generatePoints({ rho: 0.7, n: 200, transform: 'cube', noise: 0 }, 1)).toEqual(cubed);
	});

	it('presets are seeded and Anscombe’s quartet has its published means (x̄ = 9, ȳ ≈ 7.50)', () => {
		expect(presetPoints('linear', 3)).toEqual(presetPoints('linear', 3));
		expect(presetPoints('linear', 3)).not.toEqual(presetPoints('linear', 4));
		for (const points of Object.values(ANSCOMBE)) {
			expectClose(points.reduce((a, p) => a + p[0], 0) / 11, 9);
			expectClose(points.reduce((a, p) => a + p[1], 0) / 11, 7.5, { abs: 0.01 });
		}
	});
});

describe('own data keeps its precision', () => {
	const ownUrl = (points: Point[]) => encodeParams(schema, { ...decodeParams(schema, new URLSearchParams(), 1).values, preset: 'own', points }, 3);
	/** What a page shows after a paste: the points read, then written to the URL and read back. */
	function throughTheUrl(csv: string): Point[] {
		const decoded = decodeParams(schema, new URLSearchParams(ownUrl(parseCsv(csv, 1000, 1e100).points).toString()), 1);
		expect(decoded.notices).toEqual([]);
		return decoded.values.points;
	}

	it('300 Unix timestamps a minute apart against a counter: Pearson 1, as computed here in float64', () => {
		const xs = Array.from({ length: 300 }, (_, i) => 1700000000 + 60 * i);
		const ys = xs.map((_, i) => i);
		const points = throughTheUrl(['time,count', ...xs.map((x, i) => `${x},${ys[i]}`)].join('\n'));
		expect(points).toEqual(xs.map((x, i) => [x, ys[i]]));
		const expected = pearson64(xs, ys);
		expectClose(expected, 1, { abs: 1e-12, rel: 0 });
		expectClose(correlate(points).pearson!, expected, { abs: 1e-6, rel: 0 });
	});

	it('1e15 + i stays a spread of distinct values, not "every point in the same place"', () => {
		const points = throughTheUrl(Array.from({ length: 50 }, (_, i) => `${1e15 + i},${i % 7}`).join('\n'));
		expect(new Set(points.map((p) => p[0])).size).toBe(50);
		const c = correlate(points);
		expect(c.undefinedReason).toBeNull();
		const [xs, ys] = columns(points);
		expectClose(c.pearson!, pearson64(xs, ys), { abs: 1e-5, rel: 0 });
	});

	it('any finite coordinate round-trips through the URL exactly, negative zero as 0 (property)', () => {
		const coordinate = fc.double({ min: -1e100, max: 1e100, noNaN: true });
		fc.assert(
			fc.property(fc.array(fc.tuple(coordinate, coordinate), { minLength: 1, maxLength: 20 }), (points) => {
				const decoded = decodeParams(schema, new URLSearchParams(ownUrl(points).toString()), 1);
				expect(decoded.values.points).toEqual(points.map(([x, y]) => [x || 0, y || 0]));
				expect(decoded.notices).toEqual([]);
			}),
			{ numRuns: 300, seed: 5 }
		);
	});

	it('a link written by the old code (six significant digits) still loads the very same points (property)', () => {
		// The old codec, as it was: six significant digits, then 12 (canonicalNumber), clamped to ±1e100.
		const old = (v: number) => Number((+v.toPrecision(6)).toPrecision(12)) || 0;
		const oldText = (points: Point[]) => points.map(([x, y]) => `${old(x)},${old(y)}`).join(';');
		const oldRead = (text: string): Point[] =>
			text.split(';').map((pair) => pair.split(',').map((c) => old(Math.min(1e100, Math.max(-1e100, Number(c))))) as Point);
		const coordinate = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(5e-324, -0, 1e100, 2.68812e43, 0.000123456));
		fc.assert(
			fc.property(fc.array(fc.tuple(coordinate, coordinate), { minLength: 1, maxLength: 20 }), (points) => {
				const text = oldText(points);
				const decoded = decodeParams(schema, new URLSearchParams({ preset: 'own', points: text }), 1);
				expect(decoded.values.points).toEqual(oldRead(text));
			}),
			{ numRuns: 500, seed: 5 }
		);
		expect(decodeParams(schema, new URLSearchParams('preset=own&points=0.000123456,98765.4;2.68812e43,-1'), 1).values.points).toEqual([
			[0.000123456, 98765.4],
			[2.68812e43, -1]
		]);
	});

});

describe('tensors', () => {
	it('correlate() and bootstrap (whole, and abandoned midway) leak no tensor', async () => {
		const points = presetPoints('funnel', 1);
		await assertNoTensorLeak(() => correlate(points), 'correlate');
		await assertNoTensorLeak(() => bootstrap(points, 120, 1), 'bootstrap');
		await assertNoTensorLeak(() => {
			const job = bootstrapJob(points, 500, 1);
			job.next();
			job.next();
			job.return(null);
		}, 'abandoned bootstrap');
	});
});

describe('the page’s "predict, then check" cases show what they claim', () => {
	const caseOf = (id: string) => {
		const question = meta.questions.find((q) => q.id === id)!;
		const values = { ...decodeParams(schema, new URLSearchParams(), 1).values, ...question.show };
		const points =
			values.preset === 'generated'
				? generatePoints({ rho: values.rho, n: values.n, transform: values.transform, noise: values.noise }, question.seed)
				: presetPoints(values.preset as PresetName, question.seed);
		return { question, c: correlate(points) };
	};
	const correct = (id: string) => caseOf(id).question.choices.find((choice) => choice.correct)!.label;

	it('exp: Spearman is 1 while Pearson is far below it', () => {
		const { c } = caseOf('exp');
		expect(correct('exp')).toMatch(/Spearman/);
		expect(c.spearman).toBe(1);
		expect(c.pearson!).toBeLessThan(0.5);
	});

	it('anscombe: all four have the same Pearson r to two decimals', () => {
		const { question } = caseOf('anscombe');
		expect(question.show.preset).toBe('anscombe-4');
		const rs = Object.values(ANSCOMBE).map((points) => correlate(points).pearson!.toFixed(2));
		expect(new Set(rs)).toEqual(new Set(['0.82']));
		expect(correct('anscombe')).toMatch(/same/);
	});

	it('u-shape: all three coefficients are near zero although y depends on x', () => {
		const { c } = caseOf('u-shape');
		for (const v of [c.pearson!, c.spearman!, c.kendall!]) expect(Math.abs(v)).toBeLessThan(0.2);
		expect(correct('u-shape')).toMatch(/near zero/);
	});
});

describe('the widget’s run', () => {
	type Values = CorrelationParams;
	/** A widget's runs without the page: each change of values makes the next run, as the shell does. */
	function host(query = '') {
		const services = new Services();
		let values: Values = decodeParams(schema, new URLSearchParams(query), 1).values;
		let run: CorrelationRun | null = null;
		let building = false;
		const changes: Partial<Values>[] = [];
		const make = (previous: CorrelationRun | null, cause: 'start' | 'change' | 'reset' = previous ? 'change' : 'start') => {
			building = true;
			run = new CorrelationRun({ values, seed: 1, cause, previous, set: (change) => (changes.push(change), building || apply()), services });
			building = false;
			apply();
		};
		const apply = () => {
			while (changes.length) {
				values = { ...values, ...changes.shift() };
				make(run);
			}
		};
		make(null);
		return {
			get run() {
				return run!;
			},
			get values() {
				return values;
			},
			set: (change: Partial<Values>) => (changes.push(change), apply()),
			reset: () => make(null, 'reset'),
			services
		};
	}

	it('an edit copies the preset into own points; Reset goes back to the preset', () => {
		const widget = host('preset=outlier');
		const before = widget.run.correlations!.pearson;
		widget.run.removeInfluential();
		expect([widget.values.preset, widget.values.points.length]).toEqual(['own', 29]);
		widget.run.addOutlier();
		expect(widget.values.points).toHaveLength(30);
		expect(widget.run.notices).toEqual([{ key: 'points', message: 'Added an outlier against the trend.' }]);
		// Another value changes: the own points and the notice stay.
		widget.set({ resamples: 200 });
		expect([widget.values.preset, widget.run.points.length, widget.run.notices.length]).toEqual(['own', 30, 1]);
		widget.reset();
		expect(widget.values.preset).toBe('outlier');
		expect(widget.run.correlations!.pearson).toBe(before);
		widget.services.dispose();
	});

	it('editing a preset after own points offers them back; a drag moves the coefficients before the values change', () => {
		const widget = host('preset=own&points=1,2;2,4.5;3,3;4,8;5,7');
		expect(widget.run.status).toBe('ready');
		// Choose a preset (a control), then edit it: the five own points are stashed, not lost.
		const changed = { ...widget.values, preset: 'anscombe-3' as const };
		const run = new CorrelationRun({ values: changed, seed: 1, cause: 'change', previous: widget.run, set: () => {}, services: widget.services });
		const r = run.correlations!.pearson!;
		run.move(2, [13, 8.7]);
		expect(run.correlations!.pearson!).toBeGreaterThan(0.95);
		expect(r).toBeCloseTo(0.8163, 4);
		expect(run.status).toBe('ready');
		run.release(2, [13, 8.7]);
		expect(run.edits.stash).toEqual([[1, 2], [2, 4.5], [3, 3], [4, 8], [5, 7]]);
		widget.services.dispose();
	});

	it('is converged once the bootstrap of its points is done, and a change that keeps the points keeps the intervals', async () => {
		const widget = host('preset=anscombe-1&resamples=100');
		expect(widget.run.canStep).toBe(false);
		await expect.poll(() => widget.run.status, { timeout: 30_000 }).toBe('converged');
		const intervals = widget.run.intervals;
		expect(intervals?.resamples).toBe(100);
		const next = new CorrelationRun({ values: { ...widget.values, rho: 0.1 }, seed: 1, cause: 'change', previous: widget.run, set: () => {}, services: widget.services });
		expect(next.status).toBe('converged');
		expect(next.intervals).toBe(intervals);
		expect(Object.keys(next.exportData().state)).toEqual(['points', 'pearson', 'spearman', 'kendall', 'ranksX', 'ranksY', 'intervals', 'bootstrapCounts']);
		widget.services.dispose();
	});
});
