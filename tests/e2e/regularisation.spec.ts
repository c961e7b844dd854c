import type { Page } from '@playwright/test';
import { test, expect, dragSlider, readout, waitForBackend, widget } from './fixtures';

const PAGE = '/concepts/regularisation/';

const converged = (page: Page) => expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 20_000 });
const number = async (page: Page, name: string) => Number(await readout(page, name));

async function exported(page: Page) {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export data' }).click();
	return JSON.parse(Buffer.concat(await (await (await download).createReadStream()).toArray()).toString('utf8'));
}

test.describe('regularisation page', () => {
	test('the defaults: the L1 solution on the corner (t, 0), the L2 one inside the quadrant, four lasso coefficients kept', async ({ page, open }) => {
		await open(PAGE);
		await waitForBackend(page);
		await converged(page);
		// Seed 7, t = 1.2, ρ = 0.5, β = (2, 0.5); λ = 0.3, α = 0.5 (the same numbers as the unit tests' float64 fits, within float32).
		expect(await number(page, 'beta1_l1')).toBeCloseTo(1.2, 4);
		expect(await readout(page, 'beta2_l1')).toBe('0');
		expect(await number(page, 'beta1_l2')).toBeCloseTo(1.098, 2);
		expect(await number(page, 'beta2_l2')).toBeCloseTo(0.4849, 2);
		expect(Math.hypot(await number(page, 'beta1_l2'), await number(page, 'beta2_l2'))).toBeCloseTo(1.2, 3);
		expect(await readout(page, 'nonzero_l1')).toBe('4');
		expect(await readout(page, 'nonzero_l2')).toBe('8');
		expect(await number(page, 'test_error_l1')).toBeCloseTo(8.772, 2);
		expect(await number(page, 'test_error_l2')).toBeCloseTo(8.829, 2);
		expect(await number(page, 'test_error_enet')).toBeCloseTo(8.732, 2);
		await expect(page.locator('[data-status-text]')).toContainText('L1 solution: on a corner (β₂ = 0)');
	});

	test('dragging λ up: the lasso drops coefficients, down to none', async ({ page, open }) => {
		await open(`${PAGE}?lambda=0.01`);
		await waitForBackend(page);
		await converged(page);
		const before = await number(page, 'nonzero_l1');
		expect(before).toBeGreaterThanOrEqual(7);
		const slider = page.locator('input[data-param="lambda"]');
		await dragSlider(page, slider, 0.55);
		await expect.poll(() => number(page, 'nonzero_l1')).toBeLessThan(before);
		await expect.poll(() => number(page, 'nonzero_l1')).toBeLessThanOrEqual(3);
		// Ridge keeps every coefficient whatever λ.
		expect(await readout(page, 'nonzero_l2')).toBe('8');
		await dragSlider(page, slider, 0.95);
		await expect.poll(() => readout(page, 'nonzero_l1')).toBe('0');
		expect(await readout(page, 'nonzero_l2')).toBe('8');
		await expect.poll(() => Number(new URL(page.url()).searchParams.get('lambda'))).toBeGreaterThan(100);
	});

	test('dragging the budget down: the L1 solution leaves the edge for the corner, the L2 one keeps both', async ({ page, open }) => {
		await open(`${PAGE}?budget=2.2`);
		await waitForBackend(page);
		await converged(page);
		expect(await number(page, 'beta1_l1')).toBeGreaterThan(0);
		expect(await number(page, 'beta2_l1')).toBeGreaterThan(0.05);
		await dragSlider(page, page.locator('input[data-param="budget"]'), 0.25);
		await expect.poll(() => readout(page, 'beta2_l1')).toBe('0');
		const t = Number(await page.locator('input[data-param="budget"]').inputValue());
		expect(t).toBeLessThan(1.5);
		await expect.poll(() => Number(new URL(page.url()).searchParams.get('budget'))).toBe(t);
		expect(await number(page, 'beta1_l1')).toBeCloseTo(t, 3);
		expect(await number(page, 'beta2_l2')).toBeGreaterThan(0.05);
		await expect(page.locator('[data-status-text]')).toContainText('on a corner');
	});

	test('the export holds the paths, the data and the current coefficients', async ({ page, open }) => {
		await open(PAGE);
		await waitForBackend(page);
		await converged(page);
		const data = await exported(page);
		expect(data.concept).toBe('regularisation');
		const { state } = data;
		expect(state.paths.lambdas).toHaveLength(60);
		for (const p of ['l1', 'l2', 'enet']) {
			expect(state.paths[p].coefficients).toHaveLength(60);
			expect(state.paths[p].coefficients[0]).toHaveLength(8);
			expect(state.paths[p].test_error).toHaveLength(60);
		}
		// At the largest λ every lasso coefficient is 0.
		expect(state.paths.l1.coefficients[0].every((b: number) => b === 0)).toBe(true);
		expect(state.data.train.x).toHaveLength(60);
		expect(state.data.train.x[0]).toHaveLength(8);
		expect(state.data.train.y).toHaveLength(60);
		expect(state.data.test.x).toHaveLength(400);
		expect(state.coef_l1).toHaveLength(8);
		expect(state.coef_l1.filter((b: number) => b !== 0)).toHaveLength(Number(await readout(page, 'nonzero_l1')));
		expect(state.coef_l2.every((b: number) => b !== 0)).toBe(true);
		expect(state.coef_enet).toHaveLength(8);
		expect(state.test_error.l1).toBeCloseTo(await number(page, 'test_error_l1'), 3);
		expect(state.plane.l1.beta[0]).toBeCloseTo(await number(page, 'beta1_l1'), 4);
		expect(state.plane.l1.beta[1]).toBe(0);
		expect(state.plane.x).toHaveLength(60);
	});

	test('extremes from the URL: a zero budget, the smallest λ, correlation at its limit — sane numbers, no NaN', async ({ page, open }) => {
		await open(`${PAGE}?budget=0&lambda=1e-9&rho=-5`);
		await expect(page.locator('.notices')).toContainText('rho=-5 is below the minimum -0.99');
		await waitForBackend(page);
		await converged(page);
		for (const name of ['beta1_l1', 'beta2_l1', 'beta1_l2', 'beta2_l2']) expect(await number(page, name)).toBe(0);
		expect(await readout(page, 'nonzero_l1')).toBe('8');
		await expect(widget(page)).not.toContainText(/NaN|Infinity/);
		await open(`${PAGE}?budget=4&lambda=1000&rho=0.99`);
		await converged(page);
		expect(await readout(page, 'nonzero_l1')).toBe('0');
		await expect(page.locator('[data-status-text]')).toContainText('L1 solution: least squares, inside the budget');
		for (const text of await page.locator('output').allTextContents()) expect(text).not.toMatch(/NaN|Infinity/);
	});
});
