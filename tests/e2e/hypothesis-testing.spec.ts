import { test, expect, widget, readout, waitForBackend, dragSlider } from './fixtures';

const PAGE = '/concepts/hypothesis-testing/';

/** The Export data file, parsed. */
async function exported(page: import('@playwright/test').Page) {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export data' }).click();
	const chunks = await (await (await download).createReadStream()).toArray();
	return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

test.describe('hypothesis testing page', () => {
	test('played to the end: false positives near α, power on the theory, 3841 users needed; the export holds every p-value', async ({ page, open }) => {
		await open(`${PAGE}?n=4000&experiments=2000`);
		await waitForBackend(page);
		await expect(page.locator('output[data-readout="sample_size_needed"]')).toHaveText('3841');
		await expect(page.locator('output[data-readout="false_positive_theory"]')).toHaveText('0.05');
		const theory = Number(await readout(page, 'power_theory'));
		expect(theory).toBeGreaterThan(0.8);
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 60_000 });
		expect(await readout(page, 'experiments')).toBe('2000');
		// 2000 experiments: the 95% half-widths are about 0.01 (false positives) and 0.017 (power).
		const fp = Number(await readout(page, 'false_positive_rate'));
		expect(Math.abs(fp - 0.05)).toBeLessThan(0.02);
		expect(Number(await readout(page, 'false_positive_low'))).toBeLessThan(0.05);
		expect(Number(await readout(page, 'false_positive_high'))).toBeGreaterThan(0.05);
		expect(Math.abs(Number(await readout(page, 'power')) - theory)).toBeLessThan(0.035);
		expect(Math.abs(Number(await readout(page, 'power_exact')) - theory)).toBeLessThan(0.01);
		await expect(widget(page)).not.toContainText('NaN');

		const data = await exported(page);
		expect(data.concept).toBe('hypothesis-testing');
		expect(data.state.p_values).toHaveLength(2000);
		expect(data.state.p_values_aa).toHaveLength(2000);
		expect(data.state.p_values.every((p: number) => p >= 0 && p <= 1)).toBe(true);
		expect(data.state.false_positives).toBe(data.state.p_values_aa.filter((p: number) => p < 0.05).length);
		expect(data.state.theory.sample_size_needed).toBe(3841);
		expect(data.history.at(-1).experiments).toBe(2000);
		expect(data.history.at(-1).false_positive_rate.value).toBeCloseTo(fp, 3);
	});

	test('peeking after every tenth of the users: false positives far above α, a p-value path crossing α', async ({ page, open }) => {
		await open(`${PAGE}?pitfall=peeking&peeks=10&rate_b=0.1&experiments=1000`);
		await waitForBackend(page);
		await expect(page.getByText('there is no real difference')).toBeVisible();
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 60_000 });
		const fp = Number(await readout(page, 'false_positive_rate'));
		expect(fp).toBeGreaterThan(0.12);
		expect(fp).toBeLessThan(0.27);
		await expect(page.locator('output[data-readout="false_positive_theory"]')).toHaveText('—');
		await expect(page.locator('output[data-readout="power"]')).toHaveText('—');
		await expect(page.getByRole('heading', { name: 'One A/A experiment, look by look' })).toBeVisible();
		await expect(page.getByRole('img', { name: /dips below α at look \d+/ })).toBeVisible();
		const data = await exported(page);
		expect(data.state.design.looks).toBe(10);
		expect(data.state.paths_aa[0]).toHaveLength(10);
		expect(data.state.stopped_at_look.aa.reduce((a: number, b: number) => a + b, 0)).toBe(data.state.false_positives);
	});

	test('many metrics: the family-wise rate is 1 − (1 − α)^m, and Bonferroni brings it back under α', async ({ page, open }) => {
		await open(`${PAGE}?pitfall=metrics&metrics=20&experiments=1000`);
		await waitForBackend(page);
		await expect(page.locator('output[data-readout="false_positive_theory"]')).toHaveText('0.642');
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 60_000 });
		expect(Math.abs(Number(await readout(page, 'false_positive_rate')) - 0.642)).toBeLessThan(0.05);
		await page.getByLabel('Bonferroni correction (test each at α/m)').check();
		await expect(page.locator('output[data-readout="false_positive_theory"]')).toHaveText('0.0488');
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 60_000 });
		expect(Number(await readout(page, 'false_positive_rate'))).toBeLessThan(0.075);
	});

	test('dragging n: the theory power and the exact power follow, and the simulation lands on them', async ({ page, open }) => {
		await open(`${PAGE}?experiments=400`);
		await waitForBackend(page);
		const slider = page.locator('input[data-param="n"]');
		await dragSlider(page, slider, 0.35);
		const n = Number(await slider.inputValue());
		expect(n).toBeLessThan(1000);
		expect(n).toBeGreaterThan(50);
		const theory = Number(await readout(page, 'power_theory'));
		expect(theory).toBeLessThan(0.35);
		expect(Math.abs(Number(await readout(page, 'power_exact')) - theory)).toBeLessThan(0.03);
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 60_000 });
		expect(Math.abs(Number(await readout(page, 'power')) - theory)).toBeLessThan(0.08);
		await expect(page.locator('output[data-readout="sample_size_needed"]')).toHaveText('3841');
	});

	test('no conversions at all: a notice, p-values of 1, no false positives, and nothing broken on screen', async ({ page, open }) => {
		await open(`${PAGE}?base=0&rate_b=0&n=10&alpha=0.1`);
		await waitForBackend(page);
		await expect(page.getByText('the standard error is 0 and the p-value is 1')).toBeVisible();
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect(page.locator('output[data-readout="p_value"]')).toHaveText('1');
		await expect(page.locator('output[data-readout="false_positive_rate"]')).toHaveText('0');
		await expect(page.locator('output[data-readout="power"]')).toHaveText('—');
		await expect(page.locator('output[data-readout="sample_size_needed"]')).toHaveText('—');
		await expect(widget(page)).not.toContainText(/NaN|Infinity/);
	});
});
