import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, widget, waitForEngine } from './fixtures';

/** The built file of a source module (from Vite's manifest of the page build). */
function builtFile(source: string): string {
	const manifest = JSON.parse(readFileSync(new URL('../../.svelte-kit/output/client/.vite/manifest.json', import.meta.url), 'utf8'));
	return manifest[source].file;
}

// A chunk that fails to load (a new deploy removed it, the connection dropped) must give a
// message and a way to try again, never a widget stuck on "Loading…". Where the browser keeps
// the failed module (Chromium 150 does), the second failure offers a reload, which recovers.
// The failed requests log console errors, which these tests expect and clear.

/** Tries again as the reader would: the widget's own retry, then a reload if it offers one. */
async function recover(page: Page, retry: string) {
	await page.getByRole('button', { name: retry }).click();
	const reload = page.getByRole('button', { name: 'Reload the page' });
	const step = page.getByRole('button', { name: 'Step', exact: true });
	await expect(reload.or(step.and(page.locator(':enabled')))).toBeVisible({ timeout: 20_000 });
	if (await reload.isVisible()) {
		await expect(page.locator('[data-status-text]')).toContainText('until the page is reloaded');
		await reload.click();
		await page.waitForSelector('html[data-hydrated]');
	}
}
test.describe('code that fails to load', () => {
	test("the widget's own code: the widget says so, and Try again (or the reload it offers) loads it, keeping the run", async ({ page, open, consoleErrors }) => {
		const chunk = builtFile('src/lib/concepts/kmeans/widget.ts');
		await page.route(`**/${chunk}`, (route) => route.abort());
		await open('/concepts/kmeans/?k=5');
		await expect(widget(page)).toHaveAttribute('data-status', 'error');
		await expect(page.locator('[data-status-text]')).toContainText("The widget's code could not be loaded");
		await page.unroute(`**/${chunk}`);
		await recover(page, 'Try again');
		await waitForEngine(page);
		await expect(widget(page)).toHaveAttribute('data-status', 'idle');
		await expect(page.locator('input[data-param="k"]')).toHaveValue('5');
		consoleErrors.length = 0;
	});

	test('TF.js: the widget says it could not start, and Reset (or the reload it offers) starts it', async ({ page, open, consoleErrors }) => {
		const chunk = builtFile('src/lib/engine/page.ts');
		await page.route(`**/${chunk}`, (route) => route.abort());
		await open('/concepts/kmeans/');
		await expect(widget(page)).toHaveAttribute('data-status', 'error');
		await expect(page.locator('[data-status-text]')).toContainText('TF.js did not start');
		await page.unroute(`**/${chunk}`);
		await recover(page, 'Reset');
		await waitForEngine(page);
		await expect(widget(page)).toHaveAttribute('data-status', 'idle');
		consoleErrors.length = 0;
	});
});
