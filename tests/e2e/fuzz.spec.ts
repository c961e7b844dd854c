/**
 * Hostile input through every door: each schema key of each concept (read from the built
 * /concepts.json, so new concepts are covered) gets bad values through the concept page's
 * URL, the embed page's URL, and a web component's attributes (at creation and changed
 * later). Every load sets every key at once, each key a different value, and the values
 * rotate between loads; the seed and the query are in every failure message.
 *
 * After each load: no console or page error (fixtures.ts), nothing injected, a documented
 * data-status, no NaN / Infinity / undefined on show, a notice for every value that had to
 * be replaced, and a run that still steps.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, notesPage, openHostPage } from './fixtures';
import { CONCEPTS, type ParamInfo } from './concepts';
import { expectSound, expectStillWorks, FUZZ_SEED, randomSource, widgetRoot, type RandomSource } from './robustness';

const INJECTED = 'window.__injected = 1';
const FIXED_HOSTILE = [
	'',
	'NaN',
	'Infinity',
	'-Infinity',
	'1e308',
	'-1e308',
	'1e-320',
	'0',
	'-0',
	'undefined',
	`<script>${INJECTED}</script>`,
	`"><img src=x onerror="${INJECTED}">`,
	'\u202eمرحبا بالعالم\u202c',
	'🧪😀👩‍👩‍👧',
	'a\u0301\u0308\u0327e\u0301',
	'9'.repeat(400),
	'z'.repeat(1500)
];

/** Random text from letters, digits, punctuation and a few scripts. */
function randomText(random: RandomSource): string {
	const alphabet = 'abcxyzXYZ0123456789.,;:-+eE%&=?#/\\"\'<>()[]{} \tשדגمرح中文😀é\u0301';
	const chars = [...alphabet];
	return Array.from({ length: 1 + random.int(30) }, () => random.pick(chars)).join('');
}

/** Values aimed at one kind of parameter: its own options with junk, point lists with junk items. */
function kindValues(param: ParamInfo, random: RandomSource): string[] {
	switch (param.kind) {
		case 'choice':
			return [...param.options!, ` ${param.options![0]} `, param.options![0].toUpperCase()];
		case 'choices':
			return [`${param.options![0]},NaN,,<b>x</b>,${param.options![0]}`, param.options!.join(','), ',,,'];
		case 'dataset': {
			// Labelled points get a class (sometimes one out of range); plain ones a stray third number.
			const label = () => (param.classes ? `,${random.int(param.classes + 1)}` : '');
			return [
				`0.1,0.2${label()};NaN,1;x;1e308,-1e308;0.3,0.4,0.5;;Infinity,0;-0,1e-320;1,1,-1;2,2,0.5`,
				Array.from({ length: 260 }, () => `${(random.next() * 4 - 2).toFixed(3)},${(random.next() * 4 - 2).toFixed(3)}${label()}`).join(';'),
				`0,0${label()};0,0${label()};0,0${label()}`
			];
		}
		case 'boolean':
			return ['yes', 'off', 'TRUE', '2'];
		case 'expression':
			return ['x^2', '1/0', 'x/0 + y', 'log(-1)', 'sin(x', 'x'.repeat((param.maxLength ?? 100) + 1)];
		default:
			return [String(param.min), String(param.max), '1e-9', '0.1234567890123456', '3.5'];
	}
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const inRange = (value: number, param: ParamInfo) => value >= param.min! && value <= param.max!;

/**
 * Whether the widget must say it replaced `raw` (DESIGN: "a value out of range is clamped,
 * an unknown choice falls back to the default, garbage is ignored — and the widget says
 * so"). Typed formulas are judged by the concept, only when it uses them: not asserted here.
 */
function mustBeReplaced(param: ParamInfo, raw: string): boolean {
	const text = raw.trim();
	switch (param.kind) {
		case 'number':
		case 'integer': {
			if (!DECIMAL.test(text) || !Number.isFinite(Number(text))) return true;
			const value = Number(text);
			return !inRange(value, param) || (param.kind === 'integer' && !Number.isInteger(value));
		}
		case 'choice':
			return !param.options!.includes(text);
		case 'choices': {
			const parts = raw.split(',').map((p) => p.trim()).filter(Boolean);
			return parts.length === 0 || parts.some((p) => !param.options!.includes(p));
		}
		case 'boolean':
			return !['1', 'true', 'on', 'yes', '', '0', 'false', 'off', 'no'].includes(text.toLowerCase());
		case 'dataset': {
			const pairs = raw.split(';').filter((p) => p.trim() !== '');
			const [lo, hi] = param.domain!;
			const inDomain = (c: string) => DECIMAL.test(c.trim()) && Number(c) >= lo && Number(c) <= hi;
			const isClass = (c: string) => DECIMAL.test(c.trim()) && Number.isInteger(Number(c)) && Number(c) >= 0 && Number(c) < param.classes!;
			const usable = (entry: string) => {
				const fields = entry.split(',');
				if (fields.length !== (param.classes ? 3 : 2)) return false;
				return inDomain(fields[0]) && inDomain(fields[1]) && (!param.classes || isClass(fields[2]));
			};
			return pairs.length > param.maxPoints! || !pairs.every(usable);
		}
		case 'expression':
			return (text === '' && !param.optional) || text.length > param.maxLength!;
	}
}

interface Assignment {
	key: string;
	values: string[];
}

/**
 * One load's values: every key gets one, picked by rotation from its own pool (shared
 * hostile values, values for its kind, random text), so successive loads cover different
 * values for each key; a few keys are given twice when the door allows repeats.
 */
function assignments(params: ParamInfo[], load: number, random: RandomSource, repeats: boolean): Assignment[] {
	return params.map((param, index) => {
		const pool = [...FIXED_HOSTILE, ...kindValues(param, random), randomText(random), randomText(random)];
		const first = pool[(index * 7 + load * 5 + random.int(3)) % pool.length];
		const twice = repeats && random.next() < 0.2;
		return { key: param.key, values: twice ? [randomText(random), first] : [first] };
	});
}

function queryOf(plan: Assignment[]): string {
	const query = new URLSearchParams();
	for (const { key, values } of plan) for (const value of values) query.append(key, value);
	return query.toString();
}

/** Shows the plan in a failure message: key=value, long values cut short. */
function describe(plan: Assignment[]): string {
	return plan.map(({ key, values }) => values.map((v) => `${key}=${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…(${v.length})` : v)}`).join(' ')).join(' ');
}

async function expectNotices(root: Locator, params: ParamInfo[], plan: Assignment[], context: string) {
	for (const { key, values } of plan) {
		const param = params.find((p) => p.key === key)!;
		if (values.length > 1 || mustBeReplaced(param, values[0])) {
			await expect(root.getByRole('button', { name: `Dismiss notice about ${key}`, exact: true }).first(), `${context}: no notice about ${key}=${JSON.stringify(values).slice(0, 80)}`).toBeVisible();
		}
	}
}

async function expectNothingInjected(page: Page, context: string) {
	expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected), `${context}: injected code ran`).toBeUndefined();
	expect(await page.locator('img[src="x"]').count(), `${context}: an <img> was injected`).toBe(0);
}

async function checkLoad(page: Page, root: Locator, params: ParamInfo[], plan: Assignment[], context: string) {
	await expect(root).toBeVisible();
	await expectNotices(root, params, plan, context);
	await expectSound(root, context);
	await expectNothingInjected(page, context);
	await expectStillWorks(root, context);
	await expectNothingInjected(page, context);
}

function failOnDialogs(page: Page) {
	page.on('dialog', (dialog) => {
		void dialog.dismiss();
		throw new Error(`a ${dialog.type()} dialog opened: ${dialog.message()}`);
	});
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

for (const { slug, params } of CONCEPTS) {
	test.describe(`hostile input to ${slug} (FUZZ_SEED=${FUZZ_SEED})`, () => {
		for (const [load, route] of [
			[0, 'concepts'],
			[1, 'embed'],
			[2, 'concepts']
		] as const) {
			test(`/${route}/${slug}/ URL, rotation ${load}`, async ({ page, open }) => {
				failOnDialogs(page);
				const random = randomSource(FUZZ_SEED + load * 1000 + slug.length);
				const plan = assignments(params, load, random, true);
				const context = `/${route}/${slug}/ with ${describe(plan)}`;
				await open(`/${route}/${slug}/?${queryOf(plan)}`);
				await checkLoad(page, widgetRoot(page), params, plan, context);
			});
		}

		test(`<ml-${slug}> attributes, at creation and changed later`, async ({ page }) => {
			failOnDialogs(page);
			const random = randomSource(FUZZ_SEED + 3000 + slug.length);
			const plan = assignments(params, 3, random, false);
			const attributes = plan.map(({ key, values }) => `${key}="${escapeAttribute(values[0])}"`).join(' ');
			await openHostPage(page, notesPage(`<ml-${slug} ${attributes}></ml-${slug}>`));
			const element = page.locator(`ml-${slug}`);
			const root = widgetRoot(element);
			await checkLoad(page, root, params, plan, `<ml-${slug}> with ${describe(plan)}`);

			const later = assignments(params, 4, random, false);
			await element.evaluate((e, entries) => {
				for (const { key, values } of entries) e.setAttribute(key, values[0]);
			}, later);
			await checkLoad(page, root, params, later, `<ml-${slug}> attributes changed to ${describe(later)}`);
		});
	});
}
