import { test, expect, readout, waitForBackend, widget, dragSlider } from './fixtures';

const PAGE = '/concepts/logistic-regression/';

test.describe('logistic regression page', () => {
	test('overlapping clouds: trains to a zero gradient; the export holds points with classes, weights and history', async ({ page, open }) => {
		await open(PAGE);
		await waitForBackend(page);
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 30_000 });
		await expect(widget(page)).toContainText('Converged: the gradient is zero');
		expect(Number(await readout(page, 'accuracy'))).toBeGreaterThan(0.75);
		expect(Number(await readout(page, 'loss'))).toBeLessThan(Math.LN2);
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Export data' }).click();
		const data = JSON.parse(Buffer.concat(await (await (await download).createReadStream()).toArray()).toString('utf8'));
		expect(data.state.points).toHaveLength(100);
		expect(data.state.points.every((p: number[]) => p.length === 3 && (p[2] === 0 || p[2] === 1))).toBe(true);
		expect(data.state.weights.w1).toBeCloseTo(Number(await readout(page, 'w1')), 3);
		expect(data.history.at(-1).step).toBe(data.state.steps);
	});

	test('separable data: the weights keep growing and the page says why; an L2 penalty makes training converge', async ({ page, open }) => {
		await open(`${PAGE}?preset=separable`);
		await waitForBackend(page);
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(page.locator('[data-separable]')).toBeVisible({ timeout: 15_000 });
		const first = Number(await readout(page, 'weight_norm'));
		await expect.poll(async () => Number(await readout(page, 'weight_norm')), { timeout: 15_000 }).toBeGreaterThan(first + 0.5);
		await page.getByRole('button', { name: 'Pause' }).click();
		await dragSlider(page, page.locator('input[data-param="l2"]'), 0.1);
		expect(Number(await page.locator('input[data-param="l2"]').inputValue())).toBeGreaterThan(0);
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 30_000 });
		await expect(page.locator('[data-separable]')).toHaveCount(0);
		expect(Number(await readout(page, 'weight_norm'))).toBeLessThan(10);
	});

	test('a click adds a point of the chosen class; hovering a point shows its score and probability', async ({ page, open }) => {
		await open(PAGE);
		await waitForBackend(page);
		await page.getByRole('button', { name: 'A', exact: true }).click();
		const editor = page.getByRole('application', { name: /^Edit the points/ });
		await editor.scrollIntoViewIfNeeded();
		const box = (await editor.boundingBox())!;
		await page.mouse.click(box.x + box.width * 0.97, box.y + box.height * 0.03);
		await expect.poll(() => new URL(page.url()).searchParams.get('preset')).toBe('own');
		const points = new URL(page.url()).searchParams.get('points')!.split(';');
		expect(points).toHaveLength(101);
		expect(points.at(-1)!.endsWith(',0')).toBe(true);
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await editor.scrollIntoViewIfNeeded();
		const dot = await editor.boundingBox();
		// The new point is now the largest x and y: the plot pads each side by 10% of the range.
		await page.mouse.move(dot!.x + (dot!.width * 1.1) / 1.2, dot!.y + (dot!.height * 0.1) / 1.2);
		await expect(widget(page)).toContainText(/Point 101, class A: score z = w·x \+ b = -?[0-9.]+, so P\(B\) = σ\(z\) =/);
	});

	test('pasted points of one class only: a plain message, no training, no NaN', async ({ page, open }) => {
		await open(PAGE);
		await waitForBackend(page);
		await page.getByLabel('CSV text').fill('x,y,class\n1,2,0\n2,3,0\n3,1,0\n');
		await page.getByRole('button', { name: 'Use pasted data' }).click();
		await expect(widget(page)).toContainText('No points of class B');
		await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeDisabled();
		await expect(page.locator('[data-concept]')).not.toContainText('NaN');
		expect(await readout(page, 'loss')).toBe('—');
	});
});
