import jsQR from 'jsqr';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

/**
 * Every browser test fails on a console error (a Content-Security-Policy violation is one)
 * or an uncaught error in any page, frame or worker of its browser context, and on a request
 * to any origin but the site's. Tests get `open(path)`, which waits until the page is
 * hydrated (prerendered buttons do nothing before that).
 */
/** The built site's origin, and the same files served under /some/folder/ (see playwright.config.ts). */
export const ORIGIN = `http://localhost:${Number(process.env.E2E_PORT ?? 4173)}`;
export const FOLDER_SITE = `http://localhost:${Number(process.env.E2E_PORT ?? 4173) + 1}/some/folder/`;
const SITE_ORIGINS = new Set([ORIGIN, new URL(FOLDER_SITE).origin]);

/** Requests that leave the site: anything but its own origins and in-page URLs (data:, blob:, about:). */
function isForeign(url: string): boolean {
	const { protocol, origin } = new URL(url);
	return (protocol === 'http:' || protocol === 'https:' || protocol === 'ws:' || protocol === 'wss:') && !SITE_ORIGINS.has(origin);
}

export const test = base.extend<{ consoleErrors: string[]; foreignRequests: string[]; open: (path: string) => Promise<void> }>({
	foreignRequests: [
		async ({ context }, use) => {
			const foreign: string[] = [];
			// On the context, so that workers' and iframes' requests count too.
			context.on('request', (request) => {
				if (isForeign(request.url())) foreign.push(request.url());
			});
			await use(foreign);
			expect(foreign, 'requests to other origins').toEqual([]);
		},
		{ auto: true }
	],
	consoleErrors: [
		async ({ context }, use) => {
			const errors: string[] = [];
			// On the context: every page, popup, frame and worker in it.
			context.on('console', (message) => {
				if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url || message.worker()?.url() || 'console'})`);
			});
			context.on('weberror', (error) => errors.push(error.error().stack ?? error.error().message));
			await use(errors);
			expect(errors, 'console errors and uncaught errors').toEqual([]);
		},
		{ auto: true }
	],
	open: async ({ page }, use) => {
		await use(async (path: string) => {
			await page.goto(path);
			await page.waitForSelector('html[data-hydrated]');
		});
	}
});

export { expect };

/** Somebody else's page on the site's server (an author's notes): served by the test, without the site's Content-Security-Policy. */
export const HOST_PAGE = `${ORIGIN}/host-page-for-test.html`;

/** An author's notes page: a heading and `body`, with `head` added to its head and the web-component bundle loaded (unless `widgets` is false). */
export function notesPage(body: string, { head = '', widgets = true }: { head?: string; widgets?: boolean } = {}): string {
	const bundle = widgets ? '<script type="module" src="/widgets/ml-explorables.js"></script>' : '';
	return `<!doctype html><html><head><meta charset="utf-8"><title>Notes</title>${head}${bundle}</head><body><h1>Notes</h1>${body}</body></html>`;
}

/** Opens `html` as the page at HOST_PAGE. */
export async function openHostPage(page: Page, html: string) {
	await page.route(HOST_PAGE, (route) => route.fulfill({ contentType: 'text/html', body: html }));
	await page.goto(HOST_PAGE);
}

/** The widget root of a page. */
export function widget(page: Page): Locator {
	return page.locator('[data-concept]').first();
}

export async function readout(page: Page, name: string): Promise<string> {
	return (await page.locator(`output[data-readout="${name}"]`).textContent())!.trim();
}

/** Waits for TF.js to start. */
export async function waitForBackend(page: Page) {
	await expect(page.locator('[data-backend]:not([data-backend=""])')).toBeVisible();
}

/** Waits for TF.js to start and the first run to be ready. */
export async function waitForEngine(page: Page) {
	await waitForBackend(page);
	await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
}

/** Drags a range input's thumb with the mouse to `fraction` (0–1) of its track. */
export async function dragSlider(page: Page, slider: Locator, fraction: number) {
	const box = (await slider.boundingBox())!;
	const min = Number(await slider.getAttribute('min'));
	const max = Number(await slider.getAttribute('max'));
	const value = Number(await slider.inputValue());
	const thumbX = box.x + ((value - min) / (max - min)) * box.width;
	const y = box.y + box.height / 2;
	await page.mouse.move(thumbX, y);
	await page.mouse.down();
	await page.mouse.move(box.x + fraction * box.width, y, { steps: 8 });
	await page.mouse.up();
}

/** The query string of the page once the URL has caught up (it is written after a short delay). */
export async function queryOf(page: Page): Promise<URLSearchParams> {
	return new URL(page.url()).searchParams;
}

/** Reads the QR code an <svg data-qr> draws, with an independent decoder: the link a phone would open. */
export async function scanQr(code: Locator): Promise<string | undefined> {
	const { size, path } = await code.evaluate((svg) => ({ size: Number(svg.getAttribute('viewBox')!.split(' ')[2]), path: svg.querySelector('path')!.getAttribute('d')! }));
	const scale = 4;
	const width = size * scale;
	const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
	for (const [, x, y, run] of path.matchAll(/M(\d+),(\d+)h(\d+)v1h-\d+z/g)) {
		for (let py = Number(y) * scale; py < (Number(y) + 1) * scale; py++) {
			for (let px = Number(x) * scale; px < (Number(x) + Number(run)) * scale; px++) pixels.fill(0, (py * width + px) * 4, (py * width + px) * 4 + 3);
		}
	}
	return jsQR(pixels, width, width)?.data;
}

/** The page is no wider than its viewport: nothing scrolls sideways. */
export async function expectNoSidewaysScroll(page: Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 'page wider than the viewport').toBeLessThanOrEqual(0);
}

/** A lesson link in its plain (uncompressed) form, for lessons written by hand in a test. */
export function plainLessonLink(wire: unknown): string {
	return `/lesson/#v1.j.${Buffer.from(JSON.stringify(wire)).toString('base64url')}`;
}
