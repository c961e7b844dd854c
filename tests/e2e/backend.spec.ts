import { test as plain } from '@playwright/test';
import { test, expect, waitForBackend } from './fixtures';
import { CONCEPTS } from './concepts';
import { canStepOnceSettled } from './robustness';

/**
 * TF.js runs on its wasm backend; WebGL is never used (on machines without a GPU it is the
 * slowest, see lib/engine/backend.ts), so no widget depends on a WebGL context or can lose
 * one. When wasm cannot start, every widget carries on with the cpu backend and says so.
 */
for (const { slug } of CONCEPTS) {
	test(`${slug} computes on wasm and never asks for a WebGL context`, async ({ page, open }) => {
		await page.addInitScript(() => {
			const asked: string[] = [];
			(window as unknown as { contextsAsked: string[] }).contextsAsked = asked;
			const original = HTMLCanvasElement.prototype.getContext;
			HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, kind: string, ...rest: unknown[]) {
				asked.push(kind);
				return (original as (...args: unknown[]) => RenderingContext | null).call(this, kind, ...rest);
			} as typeof original;
		});
		await open(`/concepts/${slug}/`);
		await waitForBackend(page);
		await expect(page.locator('[data-backend]')).toHaveAttribute('data-backend', 'wasm');
		const step = page.getByRole('button', { name: 'Step', exact: true });
		if (await step.isEnabled()) await step.click();
		const asked = await page.evaluate(() => (window as unknown as { contextsAsked: string[] }).contextsAsked);
		expect(asked.filter((kind) => kind.startsWith('webgl') || kind === 'experimental-webgl')).toEqual([]);
	});

	// Not through the fixtures: the blocked download is logged as a console error, on purpose.
	plain(`${slug} falls back to the cpu backend, and says so, when wasm cannot load`, async ({ page }) => {
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		page.on('console', (message) => {
			if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
		});
		await page.route('**/*.wasm', (route) => route.abort());
		await page.goto(`/concepts/${slug}/`);
		await page.waitForSelector('html[data-hydrated]');
		await expect(page.locator('[data-backend]')).toHaveAttribute('data-backend', 'cpu', { timeout: 30_000 });
		await expect(page.locator('[data-backend]')).toContainText('wasm failed');
		const step = page.getByRole('button', { name: 'Step', exact: true });
		await expect(page.locator('[data-concept]')).not.toHaveAttribute('data-status', 'error');
		// Stepping starts once the first run is ready (a widget with nothing to animate never enables it).
		if (await canStepOnceSettled(page.locator('[data-concept]'))) {
			await step.click();
			await step.click();
		}
		// Where the widget counts steps, they happened (network widgets train in a worker, which falls back too).
		const steps = page.locator('output[data-readout="step"]');
		if (await steps.count()) await expect(steps).toHaveText('2');
		await expect(page.locator('[data-concept]')).not.toHaveAttribute('data-status', 'error');
		expect(errors).toEqual([]);
	});
}
