import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { CONCEPTS } from './concepts';

/** Waits until the site's service worker is installed and controls the page. */
async function controlled(page: Page) {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
	});
}

test.describe('offline', () => {
	test.use({ serviceWorkers: 'allow' });

	test('after one visit, with the network gone, every page loads and its widget runs', async ({ page, context }) => {
		test.setTimeout(120_000);
		await page.goto('/');
		// Installed and in charge of this page: everything is in the cache.
		await controlled(page);
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

	test('a new deploy leaves open tabs working: the old build’s chunks stay until its last tab is gone', async ({ page, context }) => {
		test.setTimeout(120_000);
		const { version } = JSON.parse(readFileSync('build/_app/version.json', 'utf8')) as { version: string };
		await page.goto('/');
		await controlled(page);
		// The deploy: a new worker of another version, whose build has none of today's hashed
		// files, and a server that no longer has them. (The browser's update check of the same
		// script URL bypasses the test's routes; a new URL in the same scope updates the same way.)
		const script = readFileSync('build/service-worker.js', 'utf8').replaceAll(version, `${version}-next`);
		await context.route('**/service-worker-next.js', (route) =>
			route.fulfill({ contentType: 'text/javascript', body: script.replace(/\w+\+`\/_app\/immutable\/[^`]*`,?/g, '') })
		);
		await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.register('/service-worker-next.js');
			const next = registration.installing;
			if (next) await new Promise<void>((resolve) => next.addEventListener('statechange', () => next.state !== 'installing' && resolve()));
		});
		await context.route('**/_app/immutable/**', (route) => route.fulfill({ status: 404, body: 'Not found' }));
		// The old tab goes on to a page it has not loaded yet: its code comes from the old cache.
		await page.locator('[data-concept-link="correlation"]').click();
		await expect(page.locator('[data-concept="correlation"]')).toHaveAttribute('data-status', 'converged');
		expect(await page.evaluate(() => caches.keys())).toEqual([`ml-explorables-${version}`, `ml-explorables-${version}-next`]);
		expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting?.state)).toBe('installed');
		// Once no tab of the old build is left, the new worker takes over and drops the old cache.
		await page.close();
		const cachesOfNewWorker = () =>
			context
				.serviceWorkers()
				.find((worker) => worker.url().endsWith('/service-worker-next.js'))
				?.evaluate(() => caches.keys())
				.catch(() => null); // a worker restarting
		await expect.poll(cachesOfNewWorker, { timeout: 30_000 }).toEqual([`ml-explorables-${version}-next`]);
	});
});
