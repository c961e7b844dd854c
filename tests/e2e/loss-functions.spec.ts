import type { Page } from '@playwright/test';
import { test, expect, readout, waitForBackend, widget } from './fixtures';

const PAGE = '/concepts/loss-functions/';
const DIAGONAL = Array.from({ length: 10 }, (_, i) => `${i},${i}`).join(';');

/** Where a data point is on screen, for points spanning x0…x1 and y0…y1 (the plot pads x by 8%, y by 30%). */
async function screenPoint(page: Page, [x, y]: [number, number], [x0, x1]: [number, number], [y0, y1]: [number, number]) {
	const box = (await page.getByRole('application', { name: /^Edit the points/ }).boundingBox())!;
	const [a, b] = [x0 - (x1 - x0) * 0.08, x1 + (x1 - x0) * 0.08];
	const [c, d] = [y0 - (y1 - y0) * 0.3, y1 + (y1 - y0) * 0.3];
	return { x: box.x + ((x - a) / (b - a)) * box.width, y: box.y + (1 - (y - c) / (d - c)) * box.height };
}

const converged = (page: Page) => expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 15_000 });

test.describe('loss functions page', () => {
	test('dragging one point of a straight line far down: squared error follows it, absolute error stays on the line', async ({ page, open }) => {
		await open(`${PAGE}?preset=own&points=${DIAGONAL}`);
		await waitForBackend(page);
		await converged(page);
		expect(await readout(page, 'mse_slope')).toBe('1');
		expect(await readout(page, 'mae_slope')).toBe('1');
		const from = await screenPoint(page, [9, 9], [0, 9], [0, 9]);
		const to = await screenPoint(page, [9, -2], [0, 9], [0, 9]);
		await page.mouse.move(from.x, from.y);
		await page.mouse.down();
		await page.mouse.move(to.x, to.y, { steps: 10 });
		// Mid-drag, the squared-error line already follows.
		await expect.poll(async () => Number(await readout(page, 'mse_slope'))).toBeLessThan(0.7);
		await page.mouse.up();
		await expect.poll(() => new URL(page.url()).searchParams.get('points') ?? '').toContain(';9,-');
		await converged(page);
		expect(Number(await readout(page, 'mae_slope'))).toBeCloseTo(1, 4);
		expect(Number(await readout(page, 'mae_intercept'))).toBeCloseTo(0, 4);
		expect(Number(await readout(page, 'huber_slope'))).toBeGreaterThan(Number(await readout(page, 'mse_slope')));
		expect(Number(await readout(page, 'huber_slope'))).toBeLessThan(1);
		// The constant: the median only steps to the next point (3.5); the mean moves by the whole 11 ÷ 10.
		expect(await readout(page, 'median')).toBe('3.5');
		expect(await readout(page, 'mean')).toBe('3.4');
	});

	test('the outlier preset: removing by the rule drops the far point and the squared-error line comes back to the others', async ({ page, open }) => {
		await open(PAGE);
		await waitForBackend(page);
		await converged(page);
		const [mse, mae] = [Number(await readout(page, 'mse_slope')), Number(await readout(page, 'mae_slope'))];
		expect(mse).toBeLessThan(mae - 0.1);
		await page.getByLabel('Remove outliers by a rule').check();
		await converged(page);
		await expect(widget(page)).toContainText('The rule removed 1 of 30 points');
		expect(Math.abs(Number(await readout(page, 'mse_slope')) - mae)).toBeLessThan(0.1);
		const maeAfter = Number(await readout(page, 'mae_slope'));
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Export data' }).click();
		const data = JSON.parse(Buffer.concat(await (await (await download).createReadStream()).toArray()).toString('utf8'));
		expect(data.state.points).toHaveLength(30);
		expect(data.state.points[0]).toHaveLength(2);
		expect(data.state.removed.filter(Boolean)).toHaveLength(1);
		expect(data.state.used).toHaveLength(29);
		expect(data.state.mae.slope).toBeCloseTo(maeAfter, 3);
	});

	test('pasted points that all share one x: a plain notice, flat lines at the mean and the median, no NaN', async ({ page, open }) => {
		await open(PAGE);
		await waitForBackend(page);
		await page.getByLabel('CSV text').fill('x,y\n1,2\n1,3\n1,10\n');
		await page.getByRole('button', { name: 'Use pasted data' }).click();
		await expect(widget(page)).toContainText('no slope can be fitted');
		await converged(page);
		expect(await readout(page, 'mse_slope')).toBe('0');
		expect(Number(await readout(page, 'mse_intercept'))).toBeCloseTo(5, 4);
		expect(Number(await readout(page, 'mae_intercept'))).toBeCloseTo(3, 4);
		await expect(page.locator('[data-concept]')).not.toContainText('NaN');
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Export CSV' }).click();
		const csv = Buffer.concat(await (await (await download).createReadStream()).toArray()).toString('utf8');
		expect(csv).toBe('x,y\n1,2\n1,3\n1,10\n');
	});
});
