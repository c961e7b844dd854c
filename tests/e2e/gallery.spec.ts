import { test, expect } from './fixtures';
import { CONCEPTS } from './concepts';

const cards = (page: import('@playwright/test').Page) => page.locator('.card:visible');

test.describe('the gallery', () => {
	test('lists every concept by topic before any script runs', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/');
		await expect(page.locator('[data-concept-link]')).toHaveCount(CONCEPTS.length);
		const topics = new Set(CONCEPTS.map((c) => c.topic));
		await expect(page.locator('section[data-topic]')).toHaveCount(topics.size);
		await context.close();
	});

	test('search by keyboard: "/" focuses it, typing filters, Enter goes to the first match, the URL keeps the query', async ({ page, open }) => {
		await open('/');
		await page.keyboard.press('/');
		await expect(page.getByRole('searchbox', { name: 'Search concepts' })).toBeFocused();
		await page.keyboard.type('gini');
		await expect(cards(page).first()).toBeVisible();
		const titles = await cards(page).locator('h3').allTextContents();
		expect(titles).toContain('Decision trees');
		expect(titles.length).toBeLessThan(CONCEPTS.length);
		await expect(page.locator('[data-search-count]')).toHaveText(`${titles.length} of ${CONCEPTS.length} concepts match.`);
		// A topic with no match is hidden with its heading.
		await expect(page.locator('section[data-topic="networks"]')).toBeHidden();
		await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('gini');

		await page.keyboard.press('Enter');
		await expect(page.locator('.card:visible a').first()).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/concepts\/[a-z-]+\/$/);
	});

	test('a search link opens filtered; no match says so and offers the whole list back', async ({ page, open }) => {
		await open('/?q=bias-variance');
		await expect(page.getByRole('searchbox', { name: 'Search concepts' })).toHaveValue('bias-variance');
		await expect(cards(page).locator('h3', { hasText: /bias–variance/i })).toHaveCount(1);
		await page.getByRole('searchbox', { name: 'Search concepts' }).fill('no such concept at all');
		await expect(page.locator('[data-search-count]')).toContainText('No concept matches “no such concept at all”.');
		await expect(cards(page)).toHaveCount(0);
		await page.getByRole('button', { name: 'Show all' }).click();
		await expect(cards(page)).toHaveCount(CONCEPTS.length);
		await expect(page.getByRole('searchbox', { name: 'Search concepts' })).toBeFocused();
		expect(new URL(page.url()).searchParams.has('q')).toBe(false);
	});

	test('each concept page links its related concepts, and they link back', async ({ page, open }) => {
		await open('/concepts/decision-tree/');
		const related = page.locator('[data-related] a');
		await expect(related.first()).toBeVisible();
		const links = await related.evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).pathname));
		expect(links.length).toBeGreaterThan(0);
		await related.first().click();
		await expect(page).toHaveURL(new RegExp(`${links[0]}$`));
		await expect(page.locator('[data-related] a[href$="/concepts/decision-tree/"]')).toHaveCount(1);
	});
});

test('the sitemap lists the gallery, the embedding help and every concept page of /concepts.json', async ({ request }) => {
	const response = await request.get('/sitemap.xml');
	expect(response.ok()).toBe(true);
	expect(response.headers()['content-type']).toContain('xml');
	const locations = [...(await response.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, url]) => new URL(url).pathname);
	expect(locations.sort()).toEqual(['/', '/embed/', ...CONCEPTS.map(({ slug }) => `/concepts/${slug}/`)].sort());
});
