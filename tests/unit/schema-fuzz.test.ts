/**
 * Property tests of the outside-input codec over every parameter of every concept in the
 * registry: whatever text arrives, the value read is one the widget can use, and the URL
 * written from it reads back the same, silently.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { concepts } from '$lib/registry';
import { dataset, decodeParams, encodeParams, parseValue, type ParamSpec, type Schema } from '$lib/widget/schema';

const HOSTILE = [
	'',
	' ',
	'NaN',
	'Infinity',
	'-Infinity',
	'1e308',
	'-1e308',
	'1e999',
	'1e-320',
	'-1e-320',
	'0',
	'-0',
	'0x10',
	'1_000',
	'undefined',
	'null',
	'true',
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	'מלא עברית',
	'😀🧪',
	'e\u0301\u0301\u0301',
	'\u202eRTL',
	'x'.repeat(5000),
	'1;2;3',
	'1,2;NaN,3;;x,y;1e308,-1e308;0.1,0.2,0.3',
	'a,,b,NaN,',
	'__proto__',
	'constructor'
];

/** Text from anywhere: hostile constants, numbers in any spelling, unicode, and lists of them. */
const text = fc.oneof(
	fc.constantFrom(...HOSTILE),
	fc.string({ unit: 'grapheme', maxLength: 40 }),
	fc.double().map(String),
	fc.integer({ min: -1e6, max: 1e6 }).map(String),
	fc.array(fc.tuple(fc.double(), fc.oneof(fc.double().map(String), fc.string())), { maxLength: 8 }).map((pairs) => pairs.map(([x, y]) => `${x},${y}`).join(';'))
);

/** Text that names this parameter's own options or values, with junk around them. */
function nearMisses(spec: ParamSpec) {
	if (spec.kind === 'choice' || spec.kind === 'choices') {
		const option = fc.constantFrom(...spec.options.map((o) => o.value));
		return fc.array(fc.oneof(option, text), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(','));
	}
	if (spec.kind === 'dataset') {
		// Entries that are nearly right: numbers, a class too many or too few, a class out of range.
		const field = fc.oneof(fc.constantFrom('0', '1', '2', '-1', '0.5', '1e400', 'NaN', ''), fc.double({ noNaN: false }).map(String));
		return fc.array(fc.array(field, { minLength: 1, maxLength: 4 }).map((f) => f.join(',')), { minLength: 1, maxLength: 6 }).map((e) => e.join(';'));
	}
	return text;
}

function isUsable(spec: ParamSpec, value: unknown): boolean {
	switch (spec.kind) {
		case 'number':
		case 'integer':
			return typeof value === 'number' && Number.isFinite(value) && value >= spec.min && value <= spec.max && (spec.kind === 'number' || Number.isInteger(value));
		case 'choice':
			return spec.options.some((o) => o.value === value);
		case 'choices':
			return Array.isArray(value) && value.length > 0 && new Set(value).size === value.length && value.every((v) => spec.options.some((o) => o.value === v));
		case 'boolean':
			return typeof value === 'boolean';
		case 'expression':
			return typeof value === 'string' && (value.trim() !== '' || spec.default === '') && value.length <= spec.maxLength;
		case 'dataset': {
			const [lo, hi] = spec.domain;
			const inDomain = (c: number) => Number.isFinite(c) && c >= lo && c <= hi;
			const usablePoint = (p: number[]) =>
				spec.classes ? p.length === 3 && inDomain(p[0]) && inDomain(p[1]) && Number.isInteger(p[2]) && p[2] >= 0 && p[2] < spec.classes : p.length === 2 && p.every(inDomain);
			return Array.isArray(value) && value.length <= spec.maxPoints && value.every(usablePoint);
		}
	}
}

/** Kinds no concept uses yet are fuzzed through this one, so a new concept finds them tested. */
const SHELL_ONLY = {
	slug: 'shell: labelled points',
	defaultSeed: 1,
	schema: { pts: dataset({ label: 'pts', maxPoints: 8, domain: [-10, 10], classes: 3, default: [[0, 0, 1]] }) }
};

for (const { meta, schema } of [...concepts.map(({ meta, schema }) => ({ meta, schema })), { meta: SHELL_ONLY, schema: SHELL_ONLY.schema as Schema }]) {
	describe(`${meta.slug}: every parameter read from outside text`, () => {
		for (const [key, spec] of Object.entries(schema)) {
			it(`parseValue(${key}) gives a usable ${spec.kind} for any text`, () => {
				fc.assert(
					fc.property(fc.oneof(text, nearMisses(spec)), (raw) => {
						const parsed = parseValue(key, spec, raw);
						expect(isUsable(spec, parsed.value), `${key}=${JSON.stringify(raw).slice(0, 80)} gave ${JSON.stringify(parsed.value)?.slice(0, 80)}`).toBe(true);
						if (parsed.notice) expect(parsed.notice.startsWith(key)).toBe(true);
					}),
					{ numRuns: 300, seed: 9 }
				);
			});
		}

		it('decodeParams() of any query (repeated keys too) writes a URL that reads back the same, with no notice', () => {
			const keys = [...Object.keys(schema), 'seed', 'lock', 'hide'];
			const entry = fc.tuple(fc.constantFrom(...keys), fc.oneof(text, ...Object.values(schema).map(nearMisses)));
			fc.assert(
				fc.property(fc.array(entry, { maxLength: 12 }), (entries) => {
					const decoded = decodeParams(schema, new URLSearchParams(entries), meta.defaultSeed);
					const written = encodeParams(schema, decoded.values, decoded.seed, decoded.access);
					const again = decodeParams(schema, written, meta.defaultSeed);
					expect(again.notices).toEqual([]);
					expect(again.values).toEqual(decoded.values);
					expect(again.seed).toBe(decoded.seed);
					expect(again.access).toEqual(decoded.access);
				}),
				{ numRuns: 200, seed: 9 }
			);
		});
	});
}
