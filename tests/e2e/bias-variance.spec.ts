import { readFile } from 'node:fs/promises';
import { test, expect, widget, readout, waitForBackend } from './fixtures';

const PAGE = '/concepts/bias-variance/';

async function ready(page: import('@playwright/test').Page) {
	await waitForBackend(page);
	await expect(page.locator('output[data-readout="bias2"]')).not.toHaveText('—');
}

test.describe('bias-variance page', () => {
	test('loads with every training set drawn, and the three parts add up to the measured test error', async ({ page, open }) => {
		await open(PAGE);
		await ready(page);
		await expect(widget(page)).toHaveAttribute('data-status', 'converged');
		expect(await readout(page, 'sets')).toBe('200');
		const [bias2, variance, noise, test] = await Promise.all(['bias2', 'variance', 'noise', 'testMse'].map(async (n) => Number(await readout(page, n))));
		expect(noise).toBeCloseTo(0.09, 5);
		expect(Math.abs(bias2 + variance + noise - test)).toBeLessThan(0.05 * test);
		// The sweep fills the complexity chart, with the lowest test error starred.
		await expect(page.getByText(/lowest test error: degree \d+/)).toBeVisible();
	});

	test('Reset goes back to one training set and Play draws the rest', async ({ page, open }) => {
		await open(`${PAGE}?sets=20`);
		await ready(page);
		await page.getByRole('button', { name: 'Reset' }).click();
		expect(await readout(page, 'sets')).toBe('1');
		await expect(widget(page)).toHaveAttribute('data-status', 'idle');
		await page.getByRole('combobox', { name: 'Speed' }).selectOption('60');
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged');
		expect(await readout(page, 'sets')).toBe('20');
	});

	test('the same URL gives the same numbers', async ({ page, open }) => {
		const url = `${PAGE}?truth=cubic&noise=0.4&n=25&sets=120&model=knn&k=4&seed=9`;
		const numbers = async () => {
			await open(url);
			await ready(page);
			return Promise.all(['bias2', 'variance', 'testMse', 'trainMse'].map((n) => readout(page, n)));
		};
		const first = await numbers();
		expect(await numbers()).toEqual(first);
	});

	test('raising the degree raises the variance', async ({ page, open }) => {
		await open(`${PAGE}?degree=3`);
		await ready(page);
		const low = Number(await readout(page, 'variance'));
		await page.locator('input[data-param="degree"]').fill('12');
		await expect.poll(async () => Number(await readout(page, 'variance'))).toBeGreaterThan(3 * low);
		await expect.poll(() => new URL(page.url()).searchParams.get('degree')).toBe('12');
	});

	test('bad values give notices and a working widget', async ({ page, open }) => {
		await open(`${PAGE}?n=3&sets=99999&degree=-4&model=svm&truth=custom&expr=${encodeURIComponent('evaluate("1")')}`);
		const notices = page.locator('.notices');
		await expect(notices).toContainText('n=3 is below the minimum 5; using 5');
		await expect(notices).toContainText('sets=99999 is above the maximum 500; using 500');
		await expect(notices).toContainText('degree=-4 is below the minimum 0; using 0');
		await expect(notices).toContainText('model="svm" is not one of poly, knn');
		await expect(notices).toContainText('is not used');
		await ready(page);
		for (const text of await page.locator('output').allTextContents()) expect(text).not.toMatch(/NaN|Infinity/);
	});

	test('a typed truth from the URL is fitted', async ({ page, open }) => {
		await open(`${PAGE}?truth=custom&expr=${encodeURIComponent('exp(-20*(x-0.5)^2)')}`);
		await ready(page);
		await expect(widget(page)).toContainText('exp(-20 * (x - 0.5) ^ 2)');
		await expect(page.locator('.notices')).toHaveCount(0);
	});

	test('a typed truth with no value on [0, 1] is an error that says why, not a wait', async ({ page, open }) => {
		await open(`${PAGE}?truth=custom&expr=${encodeURIComponent('log(x-2)')}`);
		await waitForBackend(page);
		await expect(widget(page)).toHaveAttribute('data-status', 'error');
		await expect(page.locator('[data-status-text]')).toContainText('This function has no value anywhere on 0 ≤ x ≤ 1');
		await expect(page.locator('[data-status-text]')).not.toContainText('Reading the formula');
		await expect(page.getByRole('button', { name: 'Reset' })).toBeEnabled();
		await expect(page.getByRole('button', { name: 'Step' })).toBeDisabled();
		// A formula with values brings the widget back.
		const formula = page.locator('input[data-param="expr"]');
		await formula.fill('x^2');
		await formula.press('Enter');
		await ready(page);
		await expect(widget(page)).toHaveAttribute('data-status', 'converged');
	});

	test('Export data has the documented shape', async ({ page, open }) => {
		await open(`${PAGE}?sets=30&seed=4`);
		await ready(page);
		await expect(page.getByText(/lowest test error/)).toBeVisible();
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export data' }).click()]);
		expect(download.suggestedFilename()).toBe('bias-variance-4.json');
		const { state } = JSON.parse(await readFile((await download.path())!, 'utf8'));
		expect(Object.keys(state)).toEqual(['truth', 'noise', 'n', 'sets', 'model', 'sweep', 'fits', 'grid', 'trainingSets', 'truthOnGrid', 'testNoise']);
		expect(state.fits).toHaveLength(30);
		expect(state.fits[0]).toHaveLength(state.grid.length);
		expect(state.sweep).toHaveLength(16);
		expect(Object.keys(state.sweep[0])).toEqual(expect.arrayContaining(['complexity', 'bias2', 'variance', 'noise', 'testMse', 'trainMse']));
	});
});
