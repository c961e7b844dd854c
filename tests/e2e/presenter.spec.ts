import { test, expect, waitForEngine } from './fixtures';

test.describe('presenter mode', () => {
	test('keyboard walk-through: F in, ? for the keys, Space runs, → steps, R resets, Esc out', async ({ page, open }) => {
		await page.setViewportSize({ width: 1920, height: 1080 });
		await open('/concepts/kmeans/');
		await waitForEngine(page);
		const html = page.locator('html');
		await page.keyboard.press('f');
		await expect(html).toHaveAttribute('data-present', '');
		await expect(page.locator('.site-header')).toBeHidden();
		expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('22px');

		await page.keyboard.press('?');
		await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
		await page.keyboard.press('Escape');
		await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
		await expect(html).toHaveAttribute('data-present', '');

		const widget = page.locator('[data-concept]');
		await widget.focus();
		// Two half-steps (assign, update) make one k-means iteration.
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		await expect(page.locator('output[data-readout="iteration"]')).toHaveText('1');
		await page.keyboard.press(' ');
		await expect(widget).toHaveAttribute('data-status', /running|converged/);
		await page.keyboard.press(' ');
		await page.keyboard.press('r');
		await expect(page.locator('output[data-readout="iteration"]')).toHaveText('0');

		await page.screenshot({ path: 'test-results/presenter-1920x1080.png' });
		await page.keyboard.press('Escape');
		await expect(html).not.toHaveAttribute('data-present', '');
		await expect(page.locator('.site-header')).toBeVisible();
	});

	test('?present opens a page in presenter mode', async ({ page, open }) => {
		await open('/concepts/weight-init/?present');
		await expect(page.locator('html')).toHaveAttribute('data-present', '');
		await expect(page.locator('.site-footer')).toBeHidden();
	});
});

test.describe('export for slides', () => {
	test('Record clip plays the widget, shows that it records, and downloads a WebM', async ({ page, open }) => {
		await open('/concepts/gradient-descent/');
		await page.waitForSelector('[data-backend]:not([data-backend=""])');
		await page.getByRole('button', { name: 'Record clip' }).click();
		await expect(page.locator('[data-recording]')).toContainText('Recording the plots');
		await expect(page.locator('[data-concept]')).toHaveAttribute('data-status', /running|converged/);
		await page.waitForTimeout(1500);
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Stop recording' }).click()]);
		expect(download.suggestedFilename()).toBe('gradient-descent-1.webm');
		const { size } = await import('node:fs/promises').then((fs) => download.path().then((path) => fs.stat(path!)));
		expect(size).toBeGreaterThan(1000);
		await expect(page.locator('[data-recording]')).toHaveCount(0);
	});
});
