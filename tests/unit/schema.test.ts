import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Point } from '$lib/common/geometry';
import { boolean, choice, dataset, decodeParams, encodeParams, expression, integer, number, parseDecimal } from '$lib/widget/schema';
import { schema as kmeansSchema } from '$lib/concepts/kmeans/params';

const query = (text: string) => new URLSearchParams(text);

const testSchema = {
	k: integer({ label: 'k', min: 1, max: 12, default: 3 }),
	rate: number({ label: 'rate', min: 1e-4, max: 1, default: 0.01, scale: 'log' }),
	shape: choice({ label: 'shape', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }], default: 'a' }),
	on: boolean({ label: 'on', default: false }),
	pts: dataset({ label: 'pts', maxPoints: 3, domain: [-1, 1], default: [] })
};

describe('decodeParams()', () => {
	it('gives the defaults and the default seed, with no notice, for an empty query', () => {
		const decoded = decodeParams(testSchema, query(''), 5);
		expect(decoded.values).toEqual({ k: 3, rate: 0.01, shape: 'a', on: false, pts: [] });
		expect(decoded.seed).toBe(5);
		expect(decoded.notices).toEqual([]);
	});

	it('clamps a value above the maximum and says so in plain words', () => {
		const decoded = decodeParams(kmeansSchema, query('k=999'), 1);
		expect(decoded.values.k).toBe(12);
		expect(decoded.notices).toEqual([{ key: 'k', message: 'k=999 is above the maximum 12; using 12' }]);
	});

	it('clamps a value below the minimum', () => {
		const decoded = decodeParams(kmeansSchema, query('n=-5'), 1);
		expect(decoded.values.n).toBe(20);
		expect(decoded.notices[0].message).toBe('n=-5 is below the minimum 20; using 20');
	});

	it('replaces an unknown choice by the default, quoting the input without running it', () => {
		const decoded = decodeParams(kmeansSchema, query('dataset=%3Cscript%3Ealert(1)%3C%2Fscript%3E'), 1);
		expect(decoded.values.dataset).toBe('blobs');
		expect(decoded.notices[0].message).toMatch(/^dataset="<script>alert\(1\)<\/script…" is not one of blobs, anisotropic/);
	});

	it.each(['abc', '', 'NaN', 'Infinity', '-Infinity', '0x10', '1e999', '1,5', ' ', '3px'])(
		'refuses %j as a number and keeps the default',
		(raw) => {
			const decoded = decodeParams(testSchema, query(`k=${encodeURIComponent(raw)}`), 1);
			expect(decoded.values.k).toBe(3);
			expect(decoded.notices).toHaveLength(1);
			expect(decoded.notices[0].message).toContain('is not a number; using 3');
		}
	);

	it('rounds a fractional integer and says so', () => {
		const decoded = decodeParams(testSchema, query('k=2.6'), 1);
		expect(decoded.values.k).toBe(3);
		expect(decoded.notices[0].message).toBe('k=2.6 is not a whole number; using 3');
	});

	it('uses the last of repeated keys and reports the repetition', () => {
		const decoded = decodeParams(testSchema, query('k=2&k=5'), 1);
		expect(decoded.values.k).toBe(5);
		expect(decoded.notices[0].message).toBe('k is given 2 times; using the last one');
	});

	it('reads booleans in their usual spellings and refuses others', () => {
		expect(decodeParams(testSchema, query('on=1'), 1).values.on).toBe(true);
		expect(decodeParams(testSchema, query('on=off'), 1).values.on).toBe(false);
		const bad = decodeParams(testSchema, query('on=maybe'), 1);
		expect(bad.values.on).toBe(false);
		expect(bad.notices[0].message).toContain('is not on or off');
	});

	it('reads a point list, skipping bad entries, clamping to the domain and keeping at most maxPoints', () => {
		const decoded = decodeParams(testSchema, query('pts=0.1,0.2;oops;5,-7;0,0;0.3,0.3'), 1);
		expect(decoded.values.pts).toEqual([
			[0.1, 0.2],
			[1, -1],
			[0, 0]
		]);
		expect(decoded.notices[0].message).toBe('pts: skipped 1 entry that is not an "x,y" pair; moved 1 point inside -1…1; kept the first 3 of 4 points');
	});

	it('reads labelled points: a class from 0 to classes − 1 with each, and skips entries without a valid one', () => {
		const labelled = { pts: dataset({ label: 'pts', maxPoints: 10, domain: [-5, 5], classes: 2, default: [] }) };
		const decoded = decodeParams(labelled, query('pts=0.1,0.2,1;1,1;2,2,2;3,3,0.5;-1,4,0'), 1);
		expect(decoded.values.pts).toEqual([
			[0.1, 0.2, 1],
			[-1, 4, 0]
		]);
		expect(decoded.notices[0].message).toBe('pts: skipped 3 entries that are not "x,y,class" entries with a class from 0 to 1');
		expect(encodeParams(labelled, decoded.values, 1).get('pts')).toBe('0.1,0.2,1;-1,4,0');
		expect(decodeParams(labelled, query('pts=1,2,7'), 1).notices[0].message).toBe('pts: skipped 1 entry that is not an "x,y,class" entry with a class from 0 to 1');
	});

	it('works out a missing value from the others when its spec says how (defaultFrom)', () => {
		const dependent = {
			shape: choice({ label: 'shape', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }], default: 'a' }),
			size: number({ label: 'size', min: 0, max: 10, default: 1, defaultFrom: (v) => (v.shape === 'b' ? 7 : 1) })
		};
		expect(decodeParams(dependent, query('shape=b'), 1).values.size).toBe(7);
		expect(decodeParams(dependent, query('shape=b&size=2'), 1).values.size).toBe(2);
		expect(decodeParams(dependent, query(''), 1).values.size).toBe(1);
	});

	it('keeps a number as the URL writes it (12 significant digits, no negative zero), so the written URL loads the same run', () => {
		const signed = { x: number({ label: 'x', min: -1, max: 1, default: 0.5 }) };
		expect(decodeParams(testSchema, query('rate=0.1234567890123456'), 1).values.rate).toBe(0.123456789012);
		expect(Object.is(decodeParams(signed, query('x=-0'), 1).values.x, 0)).toBe(true);
		expect(Object.is(decodeParams(signed, query('x=-1e-320'), 1).values.x, -1e-320)).toBe(true);
	});

	it('keeps point coordinates as the URL writes them (4 decimals), tiny ones as 0', () => {
		const decoded = decodeParams(testSchema, query('pts=0.123456,-5e-324'), 1);
		expect(decoded.values.pts).toEqual([[0.1235, 0]]);
		expect(Object.is(decoded.values.pts[0][1], 0)).toBe(true);
	});

	it('clamps and validates the seed like any integer', () => {
		expect(decodeParams(testSchema, query('seed=42'), 1).seed).toBe(42);
		const bad = decodeParams(testSchema, query('seed=-3'), 1);
		expect(bad.seed).toBe(0);
		expect(bad.notices[0].key).toBe('seed');
	});

	it('never throws and always yields valid values, whatever the query (property)', () => {
		const keys = [...Object.keys(kmeansSchema), 'seed'];
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), fc.string({ unit: 'binary', maxLength: 40 })), { maxLength: 12 }), (pairs) => {
				const q = new URLSearchParams();
				for (const [key, value] of pairs) q.append(key, value);
				const { values, seed } = decodeParams(kmeansSchema, q, 1);
				expect(values.k >= 1 && values.k <= 12 && Number.isInteger(values.k)).toBe(true);
				expect(values.n >= 20 && values.n <= 5000 && Number.isInteger(values.n)).toBe(true);
				expect(values.tol >= 1e-6 && values.tol <= 0.1).toBe(true);
				expect(kmeansSchema.dataset.options.map((o) => o.value)).toContain(values.dataset);
				expect(kmeansSchema.init.options.map((o) => o.value)).toContain(values.init);
				for (const [x, y] of [...values.added, ...values.centroids]) {
					expect(Math.abs(x) <= 1 && Math.abs(y) <= 1).toBe(true);
				}
				expect(Number.isInteger(seed) && seed >= 0).toBe(true);
			})
		);
	});
});

describe('encodeParams()', () => {
	it('writes every parameter and the seed, leaving out empty point lists', () => {
		const text = encodeParams(testSchema, { k: 4, rate: 0.003, shape: 'b', on: true, pts: [] }, 9).toString();
		expect(text).toBe('k=4&rate=0.003&shape=b&on=1&seed=9');
	});

	it('round-trips any valid values through the URL unchanged and without notices (property)', () => {
		const coordinate = fc.integer({ min: -10_000, max: 10_000 }).map((v) => v / 10_000);
		const values = fc.record({
			k: fc.integer({ min: 1, max: 12 }),
			rate: fc.double({ min: 1e-4, max: 1, noNaN: true }).map((v) => Number(v.toPrecision(6))),
			shape: fc.constantFrom('a' as const, 'b' as const),
			on: fc.boolean(),
			pts: fc.array(fc.tuple(coordinate, coordinate), { maxLength: 3 }).map((list) => list as Point[])
		});
		fc.assert(
			fc.property(values, fc.integer({ min: 0, max: 999_999 }), (v, seed) => {
				const decoded = decodeParams(testSchema, encodeParams(testSchema, v, seed), 0);
				expect(decoded.notices).toEqual([]);
				expect(decoded.seed).toBe(seed);
				expect(decoded.values).toEqual(v);
			})
		);
	});
});

describe('an optional expression (its default is empty)', () => {
	const optionalSchema = { note: expression({ label: 'note', default: '', maxLength: 8 }), formula: expression({ label: 'formula', default: 'x', maxLength: 8 }) };

	it('is left out of the URL when empty, and empty text is no error', () => {
		expect(encodeParams(optionalSchema, { note: '', formula: 'x' }, 1).toString()).toBe('formula=x&seed=1');
		const decoded = decodeParams(optionalSchema, query('note=&formula='), 1);
		expect(decoded.values).toEqual({ note: '', formula: 'x' });
		expect(decoded.notices).toEqual([{ key: 'formula', message: 'formula is empty; using x' }]);
	});

	it('too long text is ignored, and the notice says so rather than "using" nothing', () => {
		const decoded = decodeParams(optionalSchema, query('note=123456789'), 1);
		expect(decoded.values.note).toBe('');
		expect(decoded.notices[0].message).toBe('note is 9 characters long, more than 8; ignoring it');
	});
});

describe('parseDecimal()', () => {
	it('accepts plain decimals and exponents, nothing else', () => {
		expect(parseDecimal('1.5')).toBe(1.5);
		expect(parseDecimal('-2e-3')).toBe(-0.002);
		expect(parseDecimal('.5')).toBe(0.5);
		expect(parseDecimal('0b11')).toBeNull();
		expect(parseDecimal('1e400')).toBeNull();
	});
});

describe('lock and hide lists', () => {
	it('read known keys (seed included), drop repeats, and report unknown ones', () => {
		const decoded = decodeParams(kmeansSchema, new URLSearchParams('k=4&lock=k, seed,k,bogus&hide=dataset,<script>'), 1);
		expect(decoded.access).toEqual({ locked: ['k', 'seed'], hidden: ['dataset'] });
		expect(decoded.notices.map((n) => n.message)).toEqual([
			'lock: "bogus" is not a parameter of this widget; ignored',
			'hide: "<script>" is not a parameter of this widget; ignored'
		]);
		expect(decodeParams(kmeansSchema, new URLSearchParams('k=4'), 1).access).toEqual({ locked: [], hidden: [] });
	});

	it('travel in the query, after the values, and read back the same', () => {
		const { values, seed, access } = decodeParams(kmeansSchema, new URLSearchParams('k=5&lock=k&hide=init,seed'), 1);
		const query = encodeParams(kmeansSchema, values, seed, access);
		expect(query.get('lock')).toBe('k');
		expect(query.get('hide')).toBe('init,seed');
		expect(decodeParams(kmeansSchema, query, 1).access).toEqual(access);
		expect(encodeParams(kmeansSchema, values, seed, { locked: [], hidden: [] }).has('lock')).toBe(false);
	});
});
