import AxeBuilder from '@axe-core/playwright';
import { test, expect, plainLessonLink, waitForBackend } from './fixtures';
import { CONCEPTS, ONE_PER_TOPIC } from './concepts';

// Pages without a widget of their own: the gallery and the embedding help. Every concept's
// page; the embed and presenter mode, the same widget in other chrome, once per topic.
const PLAIN = ['/', '/embed/', '/lesson/edit/'];
// A lesson of one step, with a prompt, as its link opens it.
const LESSON = plainLessonLink({ v: 1, t: 'A lesson', s: [['kmeans', 'seed=3', 'Press Play.']] });
const PAGES = [
	...PLAIN,
	LESSON,
	...CONCEPTS.map(({ slug }) => `/concepts/${slug}/`),
	...ONE_PER_TOPIC.flatMap(({ slug }) => [`/embed/${slug}/`, `/concepts/${slug}/?present`])
];

// Both colour schemes on one load: the page is set up once (run, stepped, tables open),
// then checked light and dark.
for (const path of PAGES) {
	test(`axe finds no serious or critical violation on ${path}, light and dark`, async ({ page, open }) => {
		await open(path);
		if (!PLAIN.includes(path)) {
			await waitForBackend(page);
			await expect(page.locator('[data-concept]')).not.toHaveAttribute('data-status', 'idle', { timeout: 2000 }).catch(() => {});
			const step = page.getByRole('button', { name: 'Step', exact: true });
			if (await step.isEnabled()) await step.click();
			// The charts' data tables are checked open, those of charts a background job adds later too.
			const closed = page.locator('details[data-table]:not([open]) > summary');
			await expect
				.poll(async () => {
					// One at a time: the locator's matches shrink as each opens.
					while ((await closed.count()) > 0) await closed.first().click();
					return closed.count();
				})
				.toBe(0);
		}
		for (const colorScheme of ['light', 'dark'] as const) {
			await page.emulateMedia({ colorScheme });
			await expect.poll(() => page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
			const results = await new AxeBuilder({ page }).analyze();
			const serious = results.violations
				.filter((v) => v.impact === 'serious' || v.impact === 'critical')
				.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
			expect(serious, `${path} (${colorScheme})`).toEqual([]);
		}
	});
}
