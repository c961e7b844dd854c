import { test, expect, widget, readout, waitForBackend, dragSlider } from './fixtures';

const PAGE = '/concepts/distributions/';

async function exportOf(page: import('@playwright/test').Page) {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export data' }).click();
	const chunks = await (await (await download).createReadStream()).toArray();
	return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

test.describe('distributions page', () => {
	test('binomial(20, 0.1): the rule of thumb fails, the simulation ends closer to the PMF than the normal, and the export holds every count', async ({ page, open }) => {
		await open(PAGE);
		await waitForBackend(page);
		expect(await readout(page, 'np_q')).toBe('1.8');
		expect(await readout(page, 'mean')).toBe('2');
		await expect(page.locator('[data-rule="fails"]')).toContainText('below 10');
		// np = 2 is whole: mean, median and mode coincide although the skewness is 0.6.
		await expect(page.locator('[data-ordering="fails"]')).toContainText('all 2');
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 30_000 });
		const simulation = Number(await readout(page, 'simulation_error'));
		const normal = Number(await readout(page, 'normal_error'));
		expect(simulation).toBeLessThan(normal);
		expect(simulation).toBeGreaterThan(0);
		const data = await exportOf(page);
		expect(data.state.counts).toHaveLength(5000);
		expect(data.state.tallies.reduce((a: number, b: number) => a + b, 0)).toBe(5000);
		expect(data.state.pmf).toHaveLength(21);
		const mean = data.state.counts.reduce((a: number, b: number) => a + b, 0) / 5000;
		expect(Math.abs(mean - 2)).toBeLessThan(4 * Math.sqrt(1.8 / 5000));
	});

	test('dragging n to its largest at p = ½: the rule holds and the normal is all but exact', async ({ page, open }) => {
		await open(`${PAGE}?p=0.5`);
		await waitForBackend(page);
		await dragSlider(page, page.locator('input[data-param="n"]'), 1.1);
		await expect(page.locator('input[data-param="n"]')).toHaveValue(/.+/);
		await expect(page.locator('output[data-readout="np_q"]')).toHaveText('250');
		await expect(page.locator('[data-rule="holds"]')).toBeVisible();
		expect(Number(await readout(page, 'normal_error'))).toBeLessThan(1e-3);
		expect(await readout(page, 'skewness')).toBe('0');
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect(page.getByRole('img', { name: /successes in 1000 trials/ })).toBeVisible();
	});

	test('skewed scores: left skew puts the mean below the median of 60 and the mode above; the slider to the right flips them', async ({ page, open }) => {
		await open(`${PAGE}?part=skew&skew=-6`);
		await waitForBackend(page);
		expect(await readout(page, 'median')).toBe('60');
		expect(Number(await readout(page, 'mean'))).toBeLessThan(60);
		expect(Number(await readout(page, 'mode'))).toBeGreaterThan(60);
		expect(Number(await readout(page, 'skewness'))).toBeLessThan(0);
		await dragSlider(page, page.locator('input[data-param="skew"]'), 1.1);
		await expect(page.locator('input[data-param="skew"]')).toHaveValue('10');
		expect(Number(await readout(page, 'mean'))).toBeGreaterThan(60);
		expect(Number(await readout(page, 'mode'))).toBeLessThan(60);
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 30_000 });
		const [exact, sample] = [Number(await readout(page, 'mean')), Number(await readout(page, 'sample_mean'))];
		expect(Math.abs(sample - exact)).toBeLessThan(0.5);
		expect((await exportOf(page)).state.scores).toHaveLength(5000);
	});

	test('the exception: a positive skewness with mean < median < mode', async ({ page, open }) => {
		await open(`${PAGE}?part=skew&shape=exception`);
		await waitForBackend(page);
		const [mean, median, mode, skewness] = await Promise.all(['mean', 'median', 'mode', 'skewness'].map(async (name) => Number(await readout(page, name))));
		expect(skewness).toBeGreaterThan(0.5);
		expect(mean).toBeLessThan(median);
		expect(median).toBeLessThan(mode);
		await expect(page.locator('[data-ordering="fails"]')).toContainText('a right skew, yet mode');
		await expect(page.locator('[data-concept]')).not.toContainText('NaN');
	});
});
