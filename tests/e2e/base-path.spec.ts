import { test, expect, waitForEngine, widget, FOLDER_SITE } from './fixtures';

// The build served under /some/folder/ (see playwright.config.ts) instead of at the root.
const SITE = FOLDER_SITE;

test('the site works from a base path: links, TF.js wasm, and share links stay inside it', async ({ page, open }) => {
	const outside: string[] = [];
	page.on('request', (request) => {
		if (!request.url().startsWith(SITE) && !request.url().startsWith('data:')) outside.push(request.url());
	});
	await open(SITE);
	await page.locator('[data-concept-link="kmeans"]').click();
	await expect(page).toHaveURL(`${SITE}concepts/kmeans/`);
	await waitForEngine(page);
	await expect(page.locator('[data-backend]')).toHaveAttribute('data-backend', 'wasm');
	await page.getByRole('button', { name: 'Step' }).click();
	await expect(widget(page)).toHaveAttribute('data-status', 'idle');
	await page.getByRole('button', { name: 'Copy embed code' }).click();
	expect(await page.locator('[data-snippet="iframe"]').inputValue()).toContain(`src="${SITE}embed/kmeans/?`);
	expect(await page.locator('[data-snippet="web-component"]').inputValue()).toContain(`src="${SITE}widgets/ml-explorables.js"`);
	expect(outside).toEqual([]);
});
