import { test, expect, readout, waitForBackend, widget, dragSlider } from './fixtures';

const PAGE = '/concepts/cross-validation/';

test.describe('cross-validation page', () => {
	test('stepping through five folds: each fold’s error appears, the CV error is their mean, and CV picks a degree near the best on fresh data', async ({ page, open }) => {
		await open(PAGE);
		await waitForBackend(page);
		const step = page.getByRole('button', { name: 'Step', exact: true });
		await expect(step).toBeEnabled({ timeout: 15_000 });
		for (let i = 1; i <= 5; i++) {
			await step.click();
			await expect(widget(page)).toContainText(i < 5 ? `${i} of 5 shown` : 'All 5 folds shown');
		}
		await expect(widget(page)).toHaveAttribute('data-status', 'converged');
		const [picked, best] = [Number(await readout(page, 'best_degree_cv')), Number(await readout(page, 'best_degree_test'))];
		expect(Math.abs(picked - best)).toBeLessThanOrEqual(3);
		expect(Number(await readout(page, 'cv_error'))).toBeGreaterThan(0.3 ** 2 * 0.5);
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Export data' }).click();
		const data = JSON.parse(Buffer.concat(await (await (await download).createReadStream()).toArray()).toString('utf8'));
		expect(data.state.points).toHaveLength(40);
		expect(new Set(data.state.folds).size).toBe(5);
		expect(data.state.cv_error).toHaveLength(13);
		const folds: number[] = data.state.fold_errors[3];
		const sizes = [0, 1, 2, 3, 4].map((f) => data.state.folds.filter((g: number) => g === f).length);
		expect(folds.reduce((s, e, f) => s + e * sizes[f], 0) / 40).toBeCloseTo(data.state.cv_error[3], 4);
	});

	test('leave one out makes every point a fold; dragging the degree to 12 keeps every number finite', async ({ page, open }) => {
		await open(PAGE);
		await waitForBackend(page);
		await page.getByLabel('Leave one out (k = n)').check();
		await expect(widget(page)).toContainText('leave-one-out (40 folds)', { timeout: 15_000 });
		const degree = page.locator('input[data-param="degree"]');
		await degree.scrollIntoViewIfNeeded();
		await dragSlider(page, degree, 1.1);
		await expect(page.locator('input[data-param="degree"]')).toHaveValue('12');
		await expect(page.locator('output[data-readout="cv_error"]')).not.toHaveText('—', { timeout: 15_000 });
		await expect(page.locator('[data-concept]')).not.toContainText('NaN');
	});

	test('too few training points for the degree: a plain sentence and no number', async ({ page, open }) => {
		await open(`${PAGE}?n=20&k=2&degree=12`);
		await waitForBackend(page);
		await expect(widget(page)).toContainText("more coefficients than a fold's training points", { timeout: 15_000 });
		expect(await readout(page, 'cv_error')).toBe('—');
		await expect(page.locator('[data-concept]')).not.toContainText('NaN');
	});

	test('the leak: features chosen before splitting make noise look predictable; chosen inside each fold they do not', async ({ page, open }) => {
		await open(`${PAGE}?part=leakage&n=50`);
		await waitForBackend(page);
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 20_000 });
		expect(Number(await readout(page, 'cv_error_leaky'))).toBeLessThan(0.8);
		expect(Number(await readout(page, 'cv_error'))).toBeGreaterThan(0.9);
		expect(Number(await readout(page, 'test_error'))).toBeGreaterThan(1);
	});
});
