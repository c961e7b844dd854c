import { test, expect, readout, waitForEngine, widget } from './fixtures';
import type { Page } from '@playwright/test';

const PAGE = '/concepts/random-forest/';

async function exported(page: Page) {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export data' }).click();
	return JSON.parse(Buffer.concat(await (await (await download).createReadStream()).toArray()).toString('utf8'));
}

const step = (page: Page) => page.getByRole('button', { name: 'Step', exact: true });

test.describe('random forest page', () => {
	test('each Step adds a tree; readouts match the export; the variance at the probe is p(1 − p) of the deep tree’s votes', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		// The deep tree is grown in the background: its readout fills in a moment after the page is ready.
		await expect(page.locator('output[data-readout="tree_test_error"]')).not.toHaveText('—');
		expect(Number(await readout(page, 'tree_test_error'))).toBeGreaterThan(0);
		expect(await readout(page, 'forest_test_error')).toBe('—');
		for (let i = 0; i < 3; i++) await step(page).click();
		await expect(page.locator('output[data-readout="trees"]')).toHaveText('3');
		await expect(page.locator('output[data-readout="tree_vote_variance"]')).not.toHaveText('—', { timeout: 30_000 });
		const data = await exported(page);
		expect(data.state.points).toHaveLength(150);
		expect(data.state.testPoints).toBe(500);
		expect(data.history).toHaveLength(3);
		expect(data.state.deepTree.trainError).toBe(0);
		expect(Number(await readout(page, 'forest_test_error'))).toBeCloseTo(data.state.forest.testError, 3);
		expect(Number(await readout(page, 'boosting_test_error'))).toBeCloseTo(data.state.boosting.testError, 3);
		const votes: number[] = data.state.variance.treeVotes;
		const p = votes.filter((v) => v === 1).length / votes.length;
		expect(Number(await readout(page, 'tree_vote_variance'))).toBeCloseTo(p * (1 - p), 3);
		expect(data.state.variance.forestVariance).toBeLessThan(data.state.variance.treeVariance);
	});

	test('Play grows the forest to its size and stops; a click on a small map moves the probe in the URL', async ({ page, open }) => {
		await open(`${PAGE}?maxTrees=20`);
		await waitForEngine(page);
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 30_000 });
		await expect(page.locator('output[data-readout="trees"]')).toHaveText('20');
		expect(Number(await readout(page, 'oob_error'))).toBeLessThan(0.5);
		await expect(widget(page)).toContainText('Finished: 20 trees');

		const map = page.getByRole('group', { name: /^Controls on the chart: The boundary of boosting/ });
		await map.scrollIntoViewIfNeeded();
		const box = (await map.boundingBox())!;
		await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.75);
		await expect.poll(() => Number(new URL(page.url()).searchParams.get('probeX'))).toBeLessThan(0.35);
		expect(Number(new URL(page.url()).searchParams.get('probeY'))).toBeLessThan(0.35);
		await expect(page.locator('[data-variance-note]')).toContainText('Variance of the vote', { timeout: 30_000 });
	});

	test('pasted CSV: no test set said plainly, out-of-bag error instead; one class only gives a notice and no NaN', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		const rows = Array.from({ length: 40 }, (_, i) => `${i % 8},${Math.floor(i / 8)},${(i % 8) + Math.floor(i / 8) > 5 ? 1 : 0}`);
		await page.getByLabel('CSV text').fill(`x,y,class\n${rows.join('\n')}\n`);
		await page.getByRole('button', { name: 'Use pasted data' }).click();
		await expect.poll(() => new URL(page.url()).searchParams.get('preset')).toBe('own');
		await expect(widget(page)).toContainText('no fresh test set');
		for (let i = 0; i < 8; i++) await step(page).click();
		await expect(page.locator('output[data-readout="trees"]')).toHaveText('8');
		expect(await readout(page, 'forest_test_error')).toBe('—');
		expect(Number(await readout(page, 'oob_error'))).toBeGreaterThanOrEqual(0);
		await expect(page.locator('[data-variance-note]')).toContainText('bootstrap resample', { timeout: 30_000 });

		await page.getByLabel('CSV text').fill('x,y,class\n1,2,0\n2,3,0\n3,1,0\n');
		await page.getByRole('button', { name: 'Use pasted data' }).click();
		await expect(widget(page)).toContainText('Every point is class A');
		await expect(step(page)).toBeDisabled();
		await expect(page.locator('[data-concept]')).not.toContainText('NaN');
	});
});
