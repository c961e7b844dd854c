import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, widget, readout, waitForEngine, dragSlider } from './fixtures';

const PAGE = '/concepts/activation-functions/';

async function playUntil(page: Page, steps: number) {
	await page.getByRole('combobox', { name: 'Speed' }).selectOption('120');
	await page.getByRole('button', { name: 'Play' }).click();
	await expect.poll(async () => Number(await readout(page, 'step')), { timeout: 30_000 }).toBeGreaterThanOrEqual(steps);
	await page.getByRole('button', { name: 'Pause' }).click();
}

test.describe('activation-functions page', () => {
	test('by default ReLU and tanh side by side: each with its function, slope and saturation, loss, boundary and dead units', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		await expect(widget(page)).toHaveAttribute('data-status', 'idle');
		await expect(page.getByRole('heading', { name: 'A: ReLU and its slope' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'B: tanh and its slope' })).toBeVisible();
		await expect(page.getByRole('img', { name: /^B: tanh and its slope, from −5 to 5: its slope is below 0\.05 on −5 … −2\.2 and 2\.2 … 5/ })).toBeVisible();
		await expect(page.getByRole('img', { name: 'A: ReLU and its slope, from −5 to 5: its slope is below 0.05 on −5 … 0.' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'A: dead units per hidden layer' })).toBeVisible();
		for (const name of ['loss', 'lossB', 'dead_units', 'dead_unitsB', 'dead_units_1', 'dead_units_4B']) expect(Number(await readout(page, name))).toBeGreaterThanOrEqual(0);
		expect(await readout(page, 'dead_unitsB')).toBe('0');
	});

	test('dead ReLUs: Adam at 0.1 kills a good share of the ReLU units, none of the leaky ones', async ({ page, open }) => {
		await open(`${PAGE}?act=relu&act2=leaky-relu&opt=adam&lr=0.1&dataset=spiral`);
		await waitForEngine(page);
		await playUntil(page, 150);
		expect(Number(await readout(page, 'dead_units'))).toBeGreaterThan(0.2);
		expect(await readout(page, 'dead_unitsB')).toBe('0');
		await expect(page.locator('[data-status-text]')).toContainText(/A: loss [\d.]+; \d+ of 64 hidden units dead/);
	});

	test('the linear question: the boundary stays a line, the loss stays high, ReLU beside it learns', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		const question = page.locator('[data-question="linear-collapse"]');
		await question.getByLabel('A straight line, and the loss stays near 0.69').check();
		await question.getByRole('button', { name: 'Commit my guess' }).click();
		await question.getByRole('button', { name: 'Show me in the widget' }).click();
		await expect.poll(() => new URL(page.url()).searchParams.get('act')).toBe('linear');
		await waitForEngine(page);
		await expect(page.getByText('Whatever the depth, the logit is w·x + b')).toBeVisible();
		await playUntil(page, 150);
		expect(Number(await readout(page, 'loss'))).toBeGreaterThan(0.6);
		expect(Number(await readout(page, 'lossB'))).toBeLessThan(0.3);
		await expect(page.locator('[data-status-text]')).toContainText('the boundary is a straight line');
	});

	test('dragging the depth slider changes the dead-unit plot: one bar per hidden layer', async ({ page, open }) => {
		await open(`${PAGE}?compare=0`);
		await waitForEngine(page);
		const chart = page.getByRole('img', { name: /^Dead units per hidden layer/ });
		await expect(chart).toHaveAccessibleName(/layer 4: \d+ of 16/);
		const bars = chart.locator('g rect'); // the bars, not the clip path's rect
		await expect(bars).toHaveCount(4);
		await dragSlider(page, page.locator('input[data-param="depth"]'), 0);
		await expect.poll(() => new URL(page.url()).searchParams.get('depth')).toBe('2');
		await waitForEngine(page);
		await expect(bars).toHaveCount(1);
		await expect(chart).not.toHaveAccessibleName(/layer 2/);
		await expect(page.locator('output[data-readout="dead_units_2"]')).toHaveCount(0);
	});

	test('Swish and softplus are offered; the function view says where each saturates', async ({ page, open }) => {
		await open(`${PAGE}?act=swish&act2=softplus`);
		await waitForEngine(page);
		await expect(page.getByRole('heading', { name: 'A: Swish / SiLU and its slope' })).toBeVisible();
		await expect(page.getByRole('img', { name: /^B: Softplus and its slope, from −5 to 5: its slope is below 0\.05 on −5 … −2\.9\./ })).toBeVisible();
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect.poll(() => readout(page, 'step')).toBe('1');
		for (const text of await page.locator('output').allTextContents()) expect(text).not.toMatch(/NaN|Infinity/);
	});

	test('the same URL gives the same numbers; bad values give notices and a sane state', async ({ page, open }) => {
		const url = `${PAGE}?act=gelu&act2=elu&depth=4&width=8&seed=5`;
		const numbers = async () => {
			await open(url);
			await waitForEngine(page);
			await page.getByRole('button', { name: 'Step', exact: true }).click();
			await expect.poll(() => readout(page, 'step')).toBe('1');
			return Promise.all(['loss', 'lossB', 'dead_units', 'accuracyB'].map((n) => readout(page, n)));
		};
		const first = await numbers();
		expect(await numbers()).toEqual(first);

		await open(`${PAGE}?act=magic&depth=99&width=1&lr=abc&act2=`);
		const notices = page.locator('.notices');
		await expect(notices).toContainText('act="magic" is not one of');
		await expect(notices).toContainText('depth=99 is above the maximum 6; using 6');
		await expect(notices).toContainText('width=1 is below the minimum 4; using 4');
		await expect(notices).toContainText('lr="abc" is not a number');
		await waitForEngine(page);
		for (const text of await page.locator('output').allTextContents()) expect(text).not.toMatch(/NaN|Infinity/);
	});

	test('a learning rate far too large: the linear network diverges and is said so, the ReLU one trains on, no NaN on screen', async ({ page, open }) => {
		await open(`${PAGE}?act=relu&act2=linear&opt=sgd&lr=1&depth=6&width=64&dataset=spiral`);
		await waitForEngine(page);
		await playUntil(page, 30);
		// The linear network B blows up within a few steps at this rate; ReLU (A) trains on.
		await expect(page.locator('[data-status-text]')).toContainText('B: the loss stopped being a finite number');
		await expect(page.locator('p.note', { hasText: 'B: the loss stopped being a finite number at step' })).toBeVisible();
		expect(await readout(page, 'lossB')).toBe('—');
		expect(Number(await readout(page, 'loss'))).toBeGreaterThan(0);
		for (const text of await page.locator('output').allTextContents()) expect(text).not.toMatch(/NaN|Infinity/);
		await expect(widget(page)).toHaveAttribute('data-status', 'idle');
	});

	test('Export data has the documented shape', async ({ page, open }) => {
		await open(`${PAGE}?depth=4&width=8&seed=6`);
		await waitForEngine(page);
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect.poll(() => readout(page, 'step')).toBe('1');
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export data' }).click()]);
		expect(download.suggestedFilename()).toBe('activation-functions-6.json');
		const { state, history } = JSON.parse(await readFile((await download.path())!, 'utf8'));
		expect(Object.keys(state)).toEqual(['activation', 'deadUnits', 'deadShares', 'loss', 'accuracy', 'step', 'spec', 'startWeights', 'compare', 'data']);
		expect(state.activation).toBe('relu');
		expect(state.compare.activation).toBe('tanh');
		expect(state.deadUnits).toHaveLength(3);
		expect(state.step).toBe(1);
		expect(history.a.map((h: { step: number }) => h.step)).toEqual([0, 1]);
		expect(Object.keys(history.b[1])).toEqual(['step', 'loss', 'accuracy']);
	});
});
