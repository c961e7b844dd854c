import type { Page } from '@playwright/test';
import { test, expect, expectNoSidewaysScroll, plainLessonLink as plainLink, scanQr, waitForEngine } from './fixtures';

async function addThisState(page: Page, path: string, expected: string) {
	await page.goto(path);
	await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
	await waitForEngine(page);
	await page.getByRole('button', { name: 'Copy embed code' }).click();
	await page.getByRole('button', { name: 'Add this state to a lesson' }).click();
	await expect(page.locator('[data-lesson-added]')).toContainText(expected);
	await page.keyboard.press('Escape');
}

const position = (page: Page) => page.locator('[data-lesson-position]');
const prompt = (page: Page) => page.locator('[data-lesson-prompt]');

test.describe('lessons', () => {
	test('built from two concept pages, edited and reordered; its link and QR code play it step by step', async ({ page, open }) => {
		await open('/lesson/edit/');
		await expect(page.locator('[data-lesson-empty]')).toBeVisible();
		await addThisState(page, '/concepts/kmeans/?k=4&seed=11', 'Added as step 1 of your lesson.');
		await addThisState(page, '/concepts/gradient-descent/?seed=5', 'Added as step 2 of your lesson.');

		await page.goto('/lesson/edit/');
		await page.getByLabel('Title of the lesson').fill('Two widgets');
		const steps = page.locator('[data-lesson-step-edit]');
		await expect(steps).toHaveCount(2);
		await steps.nth(0).locator('textarea').fill('Predict: where do the four centroids end up?');
		await steps.nth(1).locator('textarea').fill('Which optimizer gets there first?');
		await page.getByRole('button', { name: 'Move step 2 up' }).click();
		await expect(steps.nth(0)).toContainText('Gradient descent');
		await expect(steps.nth(0).locator('textarea')).toHaveValue('Which optimizer gets there first?');

		const link = (await page.locator('[data-lesson-link]').getAttribute('href'))!;
		expect(link).toMatch(/\/lesson\/#v1\.[zj]\./);
		expect(await scanQr(page.getByRole('img', { name: 'QR code of the lesson link' }))).toBe(link);
		// The draft survives a reload of the editor.
		await page.reload();
		await expect(page.locator('[data-lesson-step-edit]')).toHaveCount(2);

		await page.goto(link);
		await expect(page.getByRole('heading', { name: 'Two widgets' })).toBeVisible();
		await expect(position(page)).toHaveText('Step 1 of 2');
		await expect(prompt(page)).toHaveText('Which optimizer gets there first?');
		await expect(page.locator('[data-lesson-step="gradient-descent"] [data-concept]')).toBeVisible();

		await page.locator('h1').click();
		await page.keyboard.press('ArrowRight');
		await expect(position(page)).toHaveText('Step 2 of 2');
		await expect(prompt(page)).toHaveText('Predict: where do the four centroids end up?');
		await waitForEngine(page);
		await expect(page.locator('input[data-param="k"]').first()).toHaveValue('4');
		expect(new URL(page.url()).searchParams.get('step')).toBe('2');
		await page.reload();
		await expect(position(page)).toHaveText('Step 2 of 2');
		await page.keyboard.press('PageUp');
		await expect(position(page)).toHaveText('Step 1 of 2');

		// Presenter mode walks through it too.
		await page.keyboard.press('f');
		await expect(page.locator('html')).toHaveAttribute('data-present', '');
		await page.keyboard.press('PageDown');
		await expect(position(page)).toHaveText('Step 2 of 2');
		await page.getByRole('button', { name: '← Previous' }).click();
		await expect(position(page)).toHaveText('Step 1 of 2');
	});

	test('bad links open what they can and say what they could not', async ({ page, open }) => {
		await open(plainLink({ v: 1, t: 'Half known', s: [['no-such-concept', 'seed=1', 'lost'], ['kmeans', 'k=999&seed=2', 'Still here']] }));
		await expect(page.locator('[data-lesson-problems]')).toContainText('Step 1 is a concept this site does not have (“no-such-concept”)');
		await expect(position(page)).toHaveText('Step 1 of 1');
		await expect(prompt(page)).toHaveText('Still here');
		// The bad value gets the notice a concept link would give, and the widget runs.
		await expect(page.locator('[data-lesson-notices]')).toContainText('k=999 is above the maximum 12; using 12');
		await expect(page.locator('input[data-param="k"]').first()).toHaveValue('12');

		await open('/lesson/#v1.z.AAAA');
		await expect(page.locator('[data-lesson-problems]')).toContainText('damaged');
		await open('/lesson/');
		await expect(page.locator('[data-lesson-problems]')).toContainText('holds no lesson');
	});

	test('builder and player fit a phone', async ({ page, open }) => {
		await page.setViewportSize({ width: 360, height: 740 });
		await open('/lesson/edit/');
		await expectNoSidewaysScroll(page);
		await open(plainLink({ v: 1, t: 'On a phone', s: [['kmeans', 'seed=2', 'Tap Play.']] }));
		await expect(position(page)).toHaveText('Step 1 of 1');
		await waitForEngine(page);
		await expectNoSidewaysScroll(page);
	});
});
