import { test, expect, widget, readout, waitForBackend } from './fixtures';

const PAGE = '/concepts/clt/';

test.describe('central limit theorem page', () => {
	test('played to the end, the means’ sd and skewness land on σ/√n and skew/√n; the export holds every mean', async ({ page, open }) => {
		await open(`${PAGE}?dist=exponential&n=16&samples=4000`);
		await waitForBackend(page);
		await expect(page.locator('output[data-readout="sd_theory"]')).toHaveText('0.25');
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 30_000 });
		expect(Math.abs(Number(await readout(page, 'sd')) - 0.25)).toBeLessThan(0.01);
		expect(Number(await readout(page, 'skewness_theory'))).toBe(0.5);
		expect(Math.abs(Number(await readout(page, 'skewness')) - 0.5)).toBeLessThan(0.15);
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Export data' }).click();
		const chunks = await (await (await download).createReadStream()).toArray();
		const data = JSON.parse(Buffer.concat(chunks).toString('utf8'));
		expect(data.state.means).toHaveLength(4000);
		expect(data.state.n).toBe(16);
	});

	test('Cauchy: no theory to show, and the page says why instead of a number', async ({ page, open }) => {
		await open(`${PAGE}?dist=cauchy&n=1000&samples=500`);
		await waitForBackend(page);
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect(page.locator('output[data-readout="sd_theory"]')).toHaveText('—');
		await expect(page.locator('output[data-readout="skewness_theory"]')).toHaveText('—');
		await expect(page.getByText('averaging never settles it')).toBeVisible();
		await expect(page.locator('[data-concept]')).not.toContainText('NaN');
	});

	test('dragging n to its largest: σ/√n follows, and the played means land on it', async ({ page, open }) => {
		await open(`${PAGE}?samples=1000`);
		await waitForBackend(page);
		const slider = page.locator('input[data-param="n"]');
		const box = (await slider.boundingBox())!;
		await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width + 20, box.y + box.height / 2, { steps: 8 });
		await page.mouse.up();
		await expect(slider).toHaveValue(/.+/);
		expect(await readout(page, 'sd_theory')).toBe('0.03162');
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 30_000 });
		expect(Number(await readout(page, 'sd'))).toBeGreaterThan(0.025);
		expect(Number(await readout(page, 'sd'))).toBeLessThan(0.038);
	});
});
