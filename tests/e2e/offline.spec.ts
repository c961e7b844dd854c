import { test, expect } from './fixtures';
import { CONCEPTS } from './concepts';

test.describe('offline', () => {
	test.use({ serviceWorkers: 'allow' });

	test('after one visit, with the network gone, every page loads and its widget runs', async ({ page, context }) => {
		test.setTimeout(120_000);
		await page.goto('/');
		await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.ready;
			// Installed and in charge of this page: everything is in the cache.
			if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
			return registration.active?.state;
		});
		await context.setOffline(true);
		await page.reload();
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		for (const { slug } of CONCEPTS) {
			for (const path of [`/concepts/${slug}/?seed=3`, `/embed/${slug}/`]) {
				await page.goto(path);
				await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
				await expect(page.locator(`[data-concept="${slug}"]`)).toBeVisible();
				await expect(page.locator('[data-backend]:not([data-backend=""])')).toBeVisible();
				// Ready to run (or already finished, like the bias–variance sets drawn at load).
				await expect(page.locator('[data-concept]')).toHaveAttribute('data-status', /idle|converged/);
				await expect(page.locator('[data-status-text]')).not.toContainText(/could not|Starting/);
			}
		}
	});
});
