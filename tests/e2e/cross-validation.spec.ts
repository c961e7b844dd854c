import type { Page } from '@playwright/test';
import { test, expect, readout, waitForBackend, widget, dragSlider } from './fixtures';

const PAGE = '/concepts/cross-validation/';

/** Where a data point is on screen, for own points spanning x0…x1 and y0…y1 (the plot pads each by 10%). */
async function screenPoint(page: Page, [x, y]: [number, number], [x0, x1]: [number, number], [y0, y1]: [number, number]) {
	const box = (await page.getByRole('application', { name: /^Edit the points/ }).boundingBox())!;
	const [a, b] = [x0 - (x1 - x0) * 0.1, x1 + (x1 - x0) * 0.1];
	const [c, d] = [y0 - (y1 - y0) * 0.1, y1 + (y1 - y0) * 0.1];
	return { x: box.x + ((x - a) / (b - a)) * box.width, y: box.y + (1 - (y - c) / (d - c)) * box.height };
}

/** Leave-one-out error of a straight line, by refitting without each point in turn (the independent check). */
function leaveOneOutLine(points: [number, number][]): number {
	return (
		points.reduce((total, [xi, yi], i) => {
			const rest = points.filter((_, j) => j !== i);
			const mx = rest.reduce((s, [x]) => s + x, 0) / rest.length;
			const my = rest.reduce((s, [, y]) => s + y, 0) / rest.length;
			const slope = rest.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / rest.reduce((s, [x]) => s + (x - mx) ** 2, 0);
			return total + (yi - (my + slope * (xi - mx))) ** 2;
		}, 0) / points.length
	);
}

const ownPoints: [number, number][] = [
	[120, 3.1],
	[135, 2.2],
	[150, 4.8],
	[160, 4.1],
	[172, 6.3],
	[181, 5.2],
	[199, 7.9],
	[210, 7.1],
	[224, 9.6],
	[240, 8.8]
];

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

	test('your own points, pasted: leave-one-out matches refitting without each point, and no true test error is claimed', async ({ page, open }) => {
		await open(`${PAGE}?degree=1&loo=true`);
		await waitForBackend(page);
		await page.getByLabel('CSV text').fill(['x,y', ...ownPoints.map((p) => p.join(','))].join('\n'));
		await page.getByRole('button', { name: 'Use pasted data' }).click();
		await expect(widget(page)).toContainText('leave-one-out (10 folds)', { timeout: 15_000 });
		await expect(widget(page)).toContainText('no known true curve');
		// The address is written back a moment after the change (replaceState, debounced).
		await expect.poll(() => new URL(page.url()).searchParams.get('preset')).toBe('own');
		expect(Number(await readout(page, 'cv_error'))).toBeCloseTo(leaveOneOutLine(ownPoints), 3);
		expect(await readout(page, 'test_error')).toBe('—');
		expect(await readout(page, 'best_degree_test')).toBe('—');
		await expect(page.getByText('40 ways of dealing your points into folds').first()).toBeVisible({ timeout: 15_000 });
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Export CSV' }).click();
		const csv = Buffer.concat(await (await (await download).createReadStream()).toArray()).toString('utf8');
		expect(csv).toBe(['x,y', ...ownPoints.map((p) => p.join(','))].join('\n') + '\n');
		await expect(page.locator('[data-concept]')).not.toContainText('NaN');
	});

	test('dragging a point changes the data and the CV error; fewer than four points get a plain sentence', async ({ page, open }) => {
		const line = Array.from({ length: 10 }, (_, i) => `${i},${i}`).join(';');
		await open(`${PAGE}?preset=own&points=${line}&degree=1&k=5`);
		await waitForBackend(page);
		await expect(page.locator('output[data-readout="cv_error"]')).not.toHaveText('—', { timeout: 15_000 });
		expect(Number(await readout(page, 'cv_error'))).toBeLessThan(1e-6);
		const editor = page.getByRole('application', { name: /^Edit the points/ });
		await editor.scrollIntoViewIfNeeded();
		const from = await screenPoint(page, [9, 9], [0, 9], [0, 9]);
		const to = await screenPoint(page, [9, 0], [0, 9], [0, 9]);
		await page.mouse.move(from.x, from.y);
		await page.mouse.down();
		await page.mouse.move(to.x, to.y, { steps: 8 });
		await page.mouse.up();
		await expect.poll(() => new URL(page.url()).searchParams.get('points') ?? '').toMatch(/;9,0(\.\d+)?$/);
		await expect.poll(async () => Number(await readout(page, 'cv_error')), { timeout: 15_000 }).toBeGreaterThan(0.5);
		await open(`${PAGE}?preset=own&points=1,2;3,4;5,5`);
		await waitForBackend(page);
		await expect(widget(page)).toContainText('Only 3 points: cross-validation needs at least 4');
		expect(await readout(page, 'cv_error')).toBe('—');
		await expect(page.locator('[data-concept]')).not.toContainText('NaN');
	});
});
