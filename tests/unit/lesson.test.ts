import { describe, expect, it } from 'vitest';
import { concepts } from '$lib/registry';
import { decodeLesson, encodeLesson, lessonJson, MAX_PROMPT, MAX_STEPS, questionOfStep, readLessonJson, type Lesson, type LessonConcept } from '$lib/lesson/lesson';
import { decodeParams } from '$lib/widget/schema';

const conceptOf = (slug: string): LessonConcept | undefined => {
	const entry = concepts.find((c) => c.meta.slug === slug);
	return entry && { schema: entry.schema, defaultSeed: entry.meta.defaultSeed };
};

const lesson: Lesson = {
	title: 'Clusters, then gradients — a first lesson',
	steps: [
		{ slug: 'kmeans', query: 'dataset=moons&k=2&seed=7&lock=k', prompt: 'Predict: will k-means find the two moons? Press Play.' },
		{ slug: 'gradient-descent', query: 'surface=rosenbrock&seed=3', prompt: 'Which optimizer reaches the valley floor first? “Quotes”, ümlauts and emoji 🎯 survive.' },
		{ slug: 'correlation', query: 'seed=1', prompt: '' }
	]
};

/** The JSON inside a link, for building damaged ones by hand. */
const plainLink = (wire: unknown) => `v1.j.${Buffer.from(JSON.stringify(wire)).toString('base64url')}`;

describe('lesson links', () => {
	it('round-trip a lesson, compressed when that is shorter, in canonical query form', async () => {
		const link = await encodeLesson(lesson);
		expect(link).toMatch(/^v1\.[zj]\.[A-Za-z0-9_-]+$/);
		const read = await decodeLesson(`#${link}`, conceptOf);
		expect(read.problems).toEqual([]);
		expect(read.notices).toEqual([[], [], []]);
		expect(read.lesson.title).toBe(lesson.title);
		expect(read.lesson.steps.map((s) => s.prompt)).toEqual(lesson.steps.map((s) => s.prompt));
		const kmeans = new URLSearchParams(read.lesson.steps[0].query);
		expect([kmeans.get('dataset'), kmeans.get('k'), kmeans.get('seed'), kmeans.get('lock')]).toEqual(['moons', '2', '7', 'k']);
		// A long lesson compresses: thirty similar steps take far less than their JSON.
		const long: Lesson = { title: 'Long', steps: Array.from({ length: 30 }, (_, i) => ({ slug: 'kmeans', query: `k=${(i % 10) + 2}&seed=${i}`, prompt: 'Press Play and watch the centroids move.' })) };
		const longLink = await encodeLesson(long);
		expect(longLink.startsWith('v1.z.')).toBe(true);
		expect(longLink.length).toBeLessThan(JSON.stringify(long).length / 2);
		expect((await decodeLesson(longLink, conceptOf)).lesson.steps).toHaveLength(30);
	});

	it('a link cut short keeps every step that arrived whole, and says the rest is missing', async () => {
		const long: Lesson = { title: 'Cut', steps: Array.from({ length: 12 }, (_, i) => ({ slug: 'kmeans', query: `seed=${i}`, prompt: `Step ${i} ${'words '.repeat(i)}` })) };
		const link = await encodeLesson(long);
		const cut = await decodeLesson(link.slice(0, Math.floor(link.length * 0.6)), conceptOf);
		expect(cut.lesson.title).toBe('Cut');
		expect(cut.lesson.steps.length).toBeGreaterThan(0);
		expect(cut.lesson.steps.length).toBeLessThan(12);
		cut.lesson.steps.forEach((s, i) => expect(s.prompt).toBe(long.steps[i].prompt));
		expect(cut.problems).toEqual(['This lesson link was cut short: the steps after the last whole one are missing.']);
		// Cut inside the plain form, too.
		const plain = plainLink({ v: 1, t: 'Plain', s: long.steps.map((s) => [s.slug, s.query, s.prompt]) });
		const plainCut = await decodeLesson(plain.slice(0, 200), conceptOf);
		expect(plainCut.lesson.steps.length).toBeGreaterThan(0);
		expect(plainCut.problems[0]).toMatch(/cut short/);
	});

	it('unknown concepts and bad values: the rest opens, each problem said plainly', async () => {
		const read = await decodeLesson(plainLink({ v: 1, t: 'Mixed', s: [['no-such-concept', 'seed=1', 'x'], ['kmeans', 'k=999&seed=2', 'ok'], [42, null, 7], ['kmeans', 'seed=4', 'y'.repeat(MAX_PROMPT + 5)]] }), conceptOf);
		expect(read.lesson.steps.map((s) => s.slug)).toEqual(['kmeans', 'kmeans']);
		expect(read.problems).toEqual([
			'Step 1 is a concept this site does not have (“no-such-concept”); it was left out.',
			'Step 3 could not be read; it was left out.',
			`The prompt of step 4 was longer than ${MAX_PROMPT} characters and was cut.`
		]);
		expect(read.notices[0]).toEqual([{ key: 'k', message: 'k=999 is above the maximum 12; using 12' }]);
		expect(new URLSearchParams(read.lesson.steps[0].query).get('k')).toBe('12');
		expect(read.lesson.steps[1].prompt).toHaveLength(MAX_PROMPT);
	});

	it('a newer version is read as far as it goes; garbage and too many steps are said so', async () => {
		const newer = await decodeLesson(plainLink({ v: 2, t: 'From the future', s: [['kmeans', 'seed=1', 'hi']], extra: true }).replace(/^v1/, 'v2'), conceptOf);
		expect(newer.lesson.steps).toHaveLength(1);
		expect(newer.problems[0]).toMatch(/newer version of the site \(lesson format 2\)/);
		for (const bad of ['', '#', 'hello', 'v1.q.abc', 'v1.z.!!!', 'v1.z.AAAA', 'v1.j.e30']) {
			const read = await decodeLesson(bad, conceptOf);
			expect(read.lesson.steps).toEqual([]);
			expect(read.problems.length).toBeGreaterThan(0);
		}
		const many = await decodeLesson(plainLink({ v: 1, t: 'Many', s: Array.from({ length: MAX_STEPS + 3 }, () => ['kmeans', 'seed=1', '']) }), conceptOf);
		expect(many.lesson.steps).toHaveLength(MAX_STEPS);
		expect(many.problems).toEqual([`The lesson has ${MAX_STEPS + 3} steps; only the first ${MAX_STEPS} are kept.`]);
	});

	it('a lesson file opens again as it was saved; other files say what they are not', async () => {
		const read = await readLessonJson(lessonJson(lesson), conceptOf);
		expect(read.problems).toEqual([]);
		expect(read.lesson.title).toBe(lesson.title);
		expect(read.lesson.steps.map((s) => [s.slug, s.prompt])).toEqual(lesson.steps.map((s) => [s.slug, s.prompt]));
		expect((await readLessonJson('{not json', conceptOf)).problems).toEqual(['This file is not a lesson: it is not JSON.']);
		expect((await readLessonJson('{"steps": []}', conceptOf)).problems).toEqual(['This file is not a lesson saved by this site.']);
	});
});

describe('the question a step asks', () => {
	it('is the concept question whose case the step opens, and none at another state', () => {
		for (const entry of concepts) {
			for (const question of entry.meta.questions) {
				const query = new URLSearchParams(Object.entries(question.show).map(([k, v]) => [k, Array.isArray(v) ? (typeof v[0] === 'object' ? '' : v.join(',')) : typeof v === 'boolean' ? (v ? '1' : '0') : String(v)]));
				query.set('seed', String(question.seed));
				const { values, seed } = decodeParams(entry.schema, query, entry.meta.defaultSeed);
				const asked = questionOfStep(entry.meta.questions, values, seed);
				// Where two questions share a case, the first is asked; either way its case is this one.
				expect(asked, `${entry.meta.slug}/${question.id}`).not.toBeNull();
				expect(asked!.seed).toBe(seed);
				// The same values with a seed no question uses: no question.
				expect(questionOfStep(entry.meta.questions, values, 999_999)).toBeNull();
			}
		}
	});
});
