import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
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

/** axe's serious and critical findings on the page (or the part `include` selects), one line each. */
async function seriousViolations(page: Page, include?: string): Promise<string[]> {
	const axe = new AxeBuilder({ page });
	const results = await (include ? axe.include(include) : axe).analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

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
			expect(await seriousViolations(page), `${path} (${colorScheme})`).toEqual([]);
		}
	});
}

// The widget's dialogs, open: the embed code (with the SCORM package) and Show the code.
for (const button of ['Copy embed code', 'Show the code']) {
	test(`axe finds no serious or critical violation in the "${button}" dialog, light and dark`, async ({ page, open }) => {
		await open('/concepts/kmeans/');
		await waitForBackend(page);
		await page.getByRole('button', { name: button }).click();
		await expect(page.locator('dialog[open]')).toBeVisible();
		await expect(page.locator('dialog[open]')).not.toContainText('Loading the program…');
		await page.locator('dialog[open] details > summary').first().click();
		for (const colorScheme of ['light', 'dark'] as const) {
			await page.emulateMedia({ colorScheme });
			expect(await seriousViolations(page, 'dialog[open]'), `${button} (${colorScheme})`).toEqual([]);
		}
	});
}
