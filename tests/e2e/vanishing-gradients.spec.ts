import { readFile } from 'node:fs/promises';
import { test, expect, widget, readout, waitForEngine, dragSlider } from './fixtures';

const PAGE = '/concepts/vanishing-gradients/';

test.describe('vanishing-gradients page', () => {
	test('a deep sigmoid network at initialisation: layer 1 gets almost none of the gradient', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		await expect(widget(page)).toHaveAttribute('data-status', 'idle');
		expect(await readout(page, 'step')).toBe('0');
		expect(Number(await readout(page, 'ratio'))).toBeLessThan(1e-6);
		await expect(page.locator('[data-status-text]')).toContainText('its gradient has vanished');
	});

	test('Step trains one step, Play keeps training, Reset starts again', async ({ page, open }) => {
		await open(`${PAGE}?depth=8&act=relu&init=he-normal`);
		await waitForEngine(page);
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect.poll(() => readout(page, 'step')).toBe('1');
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'running');
		await expect.poll(async () => Number(await readout(page, 'step'))).toBeGreaterThan(20);
		await page.getByRole('button', { name: 'Pause' }).click();
		await page.getByRole('button', { name: 'Reset' }).click();
		await expect.poll(() => readout(page, 'step')).toBe('0');
	});

	test('the same URL gives the same numbers; a new depth from the slider changes them', async ({ page, open }) => {
		const url = `${PAGE}?depth=10&width=16&act=tanh&init=normal&sigma=0.5&seed=3`;
		const numbers = async () => {
			await open(url);
			await waitForEngine(page);
			await page.getByRole('button', { name: 'Step', exact: true }).click();
			await expect.poll(() => readout(page, 'step')).toBe('1');
			return Promise.all(['ratio', 'loss', 'accuracy'].map((n) => readout(page, n)));
		};
		const first = await numbers();
		expect(await numbers()).toEqual(first);
		await dragSlider(page, page.locator('input[data-param="depth"]'), 0.9);
		await expect.poll(() => new URL(page.url()).searchParams.get('depth')).not.toBe('10');
		await expect.poll(() => readout(page, 'ratio')).not.toBe(first[0]);
	});

	test('compare mode trains two networks on the same data and shows both ratios', async ({ page, open }) => {
		await open(`${PAGE}?compare=true`);
		await waitForEngine(page);
		const [a, b] = [Number(await readout(page, 'ratio')), Number(await readout(page, 'ratioB'))];
		expect(a).toBeLessThan(1e-6);
		expect(b).toBeGreaterThan(0.1);
		expect(b).toBeLessThan(10);
		await expect(page.getByRole('heading', { name: 'B: gradient norm ‖∂L/∂W‖ per layer' })).toBeVisible();
	});

	test('huge initial weights diverge without clipping, and clipping keeps the run going', async ({ page, open }) => {
		const base = `${PAGE}?depth=12&act=relu&init=normal&sigma=3&lr=0.05`;
		await open(base);
		await waitForEngine(page);
		await page.getByRole('combobox', { name: 'Speed' }).selectOption('60');
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'diverged');
		await expect(page.locator('[data-status-text]')).toContainText('diverged at step');
		for (const text of await page.locator('output').allTextContents()) expect(text).not.toMatch(/NaN|Infinity/);

		await open(`${base}&clip=1`);
		await waitForEngine(page);
		await page.getByRole('combobox', { name: 'Speed' }).selectOption('60');
		await page.getByRole('button', { name: 'Play' }).click();
		await expect.poll(async () => Number(await readout(page, 'step'))).toBeGreaterThan(60);
		await expect(widget(page)).toHaveAttribute('data-status', 'running');
	});

	test('bad values give notices and a working widget', async ({ page, open }) => {
		await open(`${PAGE}?depth=999&width=0&act=swish&lr=-1&clip=abc`);
		const notices = page.locator('.notices');
		await expect(notices).toContainText('depth=999 is above the maximum 50; using 50');
		await expect(notices).toContainText('width=0 is below the minimum 4; using 4');
		await expect(notices).toContainText('act="swish" is not one of');
		await waitForEngine(page);
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect.poll(() => readout(page, 'step')).toBe('1');
		for (const text of await page.locator('output').allTextContents()) expect(text).not.toMatch(/NaN|Infinity/);
	});

	test('Export data has the documented shape', async ({ page, open }) => {
		await open(`${PAGE}?depth=6&seed=5`);
		await waitForEngine(page);
		for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect.poll(() => readout(page, 'step')).toBe('3');
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export data' }).click()]);
		expect(download.suggestedFilename()).toBe('vanishing-gradients-5.json');
		const { state, history } = JSON.parse(await readFile((await download.path())!, 'utf8'));
		expect(state.layers).toHaveLength(6);
		expect(Object.keys(state.layers[0])).toEqual(['index', 'gradNorm', 'weightNorm', 'activationMean', 'activationStd', 'gradStd']);
		expect(state.step).toBe(3);
		expect(typeof state.loss).toBe('number');
		expect(typeof state.accuracy).toBe('number');
		expect(history.map((h: { step: number }) => h.step)).toEqual([0, 1, 2, 3]);
		expect(history[3].gradNorms).toHaveLength(6);
	});
});

test.describe('vanishing-gradients run lifecycle', () => {
	test('turning Compare off mid-run trains one network, with no page error and compare=0 in the URL', async ({ page, open }) => {
		await open('/concepts/vanishing-gradients/?compare=1&depth=6&width=16');
		await waitForEngine(page);
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect.poll(() => readout(page, 'step')).toBe('1');
		await page.getByLabel('Compare with a second network').uncheck();
		await waitForEngine(page);
		await expect(page.locator('output[data-readout="ratioB"]')).toHaveCount(0);
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect.poll(() => readout(page, 'step')).toBe('1');
		await expect(page.locator('[data-status-text]')).not.toContainText('A:');
		await expect.poll(() => new URL(page.url()).searchParams.get('compare')).toBe('0');
	});
});
