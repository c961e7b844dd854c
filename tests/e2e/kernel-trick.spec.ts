import { test, expect, readout, waitForEngine, widget } from './fixtures';
import type { Page } from '@playwright/test';

const PAGE = '/concepts/kernel-trick/';

async function exported(page: Page) {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export data' }).click();
	return JSON.parse(Buffer.concat(await (await (await download).createReadStream()).toArray()).toString('utf8'));
}

/** The lifted kernel on standardised points, written here from the formula. */
function liftKernel(a: number[], b: number[]) {
	return a[0] * b[0] + a[1] * b[1] + (a[0] ** 2 + a[1] ** 2) * (b[0] ** 2 + b[1] ** 2);
}

test.describe('kernel trick page', () => {
	test('Play trains the SVM to the KKT tolerance; the exported α satisfy the KKT conditions, recomputed here', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 30_000 });
		await expect(widget(page)).toContainText('Converged: the KKT conditions hold');
		expect(Number(await readout(page, 'kkt_violation'))).toBeLessThan(1e-3);
		const data = await exported(page);
		const { points, alpha, bias, C, scaling } = data.state;
		expect(points).toHaveLength(120);
		expect(alpha).toHaveLength(120);
		const xs = points.map((p: number[]) => [(p[0] - scaling.mx) / scaling.sx, (p[1] - scaling.my) / scaling.sy]);
		const ys = points.map((p: number[]) => (p[2] === 1 ? 1 : -1));
		expect(Math.abs(alpha.reduce((s: number, a: number, i: number) => s + a * ys[i], 0))).toBeLessThan(1e-6);
		let correct = 0;
		for (let i = 0; i < points.length; i++) {
			let f = bias;
			for (let j = 0; j < points.length; j++) f += alpha[j] * ys[j] * liftKernel(xs[i], xs[j]);
			const margin = ys[i] * f;
			if (alpha[i] <= 1e-8 * C) expect(margin).toBeGreaterThan(1 - 2e-3);
			else if (alpha[i] >= C * (1 - 1e-9)) expect(margin).toBeLessThan(1 + 2e-3);
			else expect(Math.abs(margin - 1)).toBeLessThan(2e-3);
			if (Math.sign(f) === ys[i]) correct++;
		}
		expect(Number(await readout(page, 'train_accuracy'))).toBeCloseTo(correct / points.length, 3);
		const support = alpha.filter((a: number) => a > 1e-8 * C).length;
		expect(support).toBeGreaterThan(2);
		expect(Number(await readout(page, 'support_vectors'))).toBe(support);
		expect(data.state.supportVectors).toHaveLength(support);
		// The disc and the ring: the lift separates them well on fresh points.
		expect(Number(await readout(page, 'test_accuracy'))).toBeGreaterThan(0.9);
	});

	test('the C × γ grid: 36 cells of test accuracy; Enter on a cell sets C and γ in the URL', async ({ page, open }) => {
		await open(`${PAGE}?kernel=rbf&preset=moons`);
		await waitForEngine(page);
		const cells = page.getByRole('button', { name: /^C = .*γ = .*test accuracy/ });
		await expect(cells).toHaveCount(36, { timeout: 30_000 });
		const cell = page.getByRole('button', { name: /^C = 10, γ = 3: test accuracy/ });
		const name = (await cell.getAttribute('aria-label'))!;
		const accuracy = Number(name.match(/accuracy ([\d.]+)%/)![1]) / 100;
		expect(accuracy).toBeGreaterThan(0.5);
		await cell.focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => new URL(page.url()).searchParams.get('C')).toBe('10');
		await expect.poll(() => new URL(page.url()).searchParams.get('gamma')).toBe('3');
		await expect(page.getByRole('button', { name: /^C = 10, γ = 3: test accuracy/ })).toHaveAttribute('aria-pressed', 'true');
		// Trained to the end at C = 10, γ = 3, the run scores on the fresh points what the grid said.
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 30_000 });
		expect(Number(await readout(page, 'test_accuracy'))).toBeCloseTo(accuracy, 2);
		const data = await exported(page);
		expect(data.state.grid.accuracy).toHaveLength(36);
	});

	test('the 3-D view turns with the arrow keys; RBF says its feature space is infinite-dimensional', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		const view = page.getByRole('application', { name: /Turn the 3-D view/ });
		await view.scrollIntoViewIfNeeded();
		const points = view.locator('circle').first();
		const before = await points.getAttribute('cx');
		const violation = await readout(page, 'kkt_violation');
		await view.focus();
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => points.getAttribute('cx')).not.toBe(before);
		// The widget's own → (Step) is not triggered from inside the view.
		await page.waitForTimeout(300);
		expect(await readout(page, 'kkt_violation')).toBe(violation);
		await page.locator('select[data-param="kernel"]').selectOption('rbf');
		await expect(widget(page)).toContainText('infinite-dimensional');
	});

	test('one class, all points in one place, and repeated points: a plain notice each, no NaN', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		const csv = page.getByLabel('CSV text');
		const use = page.getByRole('button', { name: 'Use pasted data' });
		await csv.fill('x,y,class\n1,2,0\n2,3,0\n3,1,0\n');
		await use.click();
		await expect(widget(page)).toContainText('Every point is class A');
		await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeDisabled();
		await expect(page.locator('[data-concept]')).not.toContainText('NaN');
		await csv.fill('x,y,class\n1,1,0\n1,1,1\n1,1,0\n');
		await use.click();
		await expect(widget(page)).toContainText('Every point sits at the same place');
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 15_000 });
		await expect(page.locator('[data-concept]')).not.toContainText('NaN');
		await expect(page.locator('[data-concept]')).not.toContainText('Infinity');
		await csv.fill('x,y,class\n0,0,0\n0,0,0\n1,1,1\n1,1,1\n0,1,0\n1,0,1\n2,2,1\n-1,-1,0\n2,-1,1\n-1,2,0\n');
		await use.click();
		await expect(widget(page)).toContainText('the kernel matrix is singular');
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 15_000 });
		await expect(page.locator('[data-concept]')).not.toContainText('NaN');
		// Ten own points: three held out for the grid, both classes on each side or a plain notice.
		await expect(page.locator('[data-grid-note]')).toBeVisible();
	});
});
