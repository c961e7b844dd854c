import { readFile } from 'node:fs/promises';
import { test, expect, widget, readout, waitForEngine } from './fixtures';

const PAGE = '/concepts/weight-init/';

test.describe('weight-init page', () => {
	test('tiny weights: the spread fades from layer 1 to the last hidden layer, and the page says so', async ({ page, open }) => {
		await open(`${PAGE}?init=normal&sigma=0.01&act=tanh&depth=10`);
		await waitForEngine(page);
		await expect(widget(page)).toHaveAttribute('data-status', 'idle');
		const [first, last] = [Number(await readout(page, 'stdFirst')), Number(await readout(page, 'stdLast'))];
		expect(first / last).toBeGreaterThan(100);
		await expect(page.locator('[data-status-text]')).toContainText(/fades|died out/);
		expect(await readout(page, 'distinct')).toBe('64');
	});

	test('a constant start: one distinct unit, before and after training', async ({ page, open }) => {
		await open(`${PAGE}?init=constant&c=0.1&depth=5&width=16`);
		await waitForEngine(page);
		expect(await readout(page, 'distinct')).toBe('1');
		await page.getByRole('combobox', { name: 'Speed' }).selectOption('60');
		await page.getByRole('button', { name: 'Play' }).click();
		await expect.poll(async () => Number(await readout(page, 'step'))).toBeGreaterThan(20);
		expect(await readout(page, 'distinct')).toBe('1');
		await expect(page.getByText('All 16 units of layer 2 are identical')).toBeVisible();
	});

	test('compare mode: Xavier beside N(0, 0.01²), on the same scales', async ({ page, open }) => {
		await open(`${PAGE}?init=xavier-normal&compare=true&init2=normal&sigma2=0.01`);
		await waitForEngine(page);
		const ratioA = Number(await readout(page, 'stdLast')) / Number(await readout(page, 'stdFirst'));
		const ratioB = Number(await readout(page, 'stdLastB')) / Number(await readout(page, 'stdFirstB'));
		expect(ratioA).toBeGreaterThan(0.5);
		expect(ratioB).toBeLessThan(1e-3);
		await expect(page.getByRole('heading', { name: 'B: activations of each hidden layer' })).toBeVisible();
	});

	test('the same URL gives the same numbers; bad values give notices', async ({ page, open }) => {
		const url = `${PAGE}?init=he-uniform&act=relu&depth=8&width=32&seed=4`;
		const numbers = async () => {
			await open(url);
			await waitForEngine(page);
			await page.getByRole('button', { name: 'Step', exact: true }).click();
			await expect.poll(() => readout(page, 'step')).toBe('1');
			return Promise.all(['stdFirst', 'stdLast', 'loss'].map((n) => readout(page, n)));
		};
		const first = await numbers();
		expect(await numbers()).toEqual(first);

		await open(`${PAGE}?init=magic&sigma=1e9&act=gelu&depth=1`);
		const notices = page.locator('.notices');
		await expect(notices).toContainText('init="magic" is not one of');
		await expect(notices).toContainText('sigma=1000000000 is above the maximum 3; using 3');
		await expect(notices).toContainText('act="gelu" is not one of');
		await expect(notices).toContainText('depth=1 is below the minimum 2; using 2');
		await waitForEngine(page);
		for (const text of await page.locator('output').allTextContents()) expect(text).not.toMatch(/NaN|Infinity/);
	});

	test('Export data has the documented shape', async ({ page, open }) => {
		await open(`${PAGE}?depth=5&width=16&seed=6`);
		await waitForEngine(page);
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect.poll(() => readout(page, 'step')).toBe('1');
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export data' }).click()]);
		expect(download.suggestedFilename()).toBe('weight-init-6.json');
		const { state, history } = JSON.parse(await readFile((await download.path())!, 'utf8'));
		expect(state.layers).toHaveLength(4);
		expect(Object.keys(state.layers[0])).toEqual(['index', 'activationMean', 'activationStd', 'gradStd', 'histogram']);
		expect(state.layers[0].histogram.edges).toHaveLength(state.layers[0].histogram.counts.length + 1);
		expect(state.distinct).toHaveLength(4);
		expect(state.step).toBe(1);
		expect(history.map((h: { step: number }) => h.step)).toEqual([0, 1]);
		expect(history[1].activationStd).toHaveLength(4);
	});
});

test.describe('weight-init run lifecycle', () => {
	test('a network that is not finite at initialisation is diverged at once, with its message', async ({ page, open }) => {
		await open(`${PAGE}?init=normal&sigma=3&act=relu&depth=30&width=128`);
		await expect(widget(page)).toHaveAttribute('data-status', 'diverged');
		await expect(page.locator('[data-status-text]')).toContainText('The network diverged before training');
		await expect(page.getByRole('button', { name: 'Reset' })).toBeEnabled();
		await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeDisabled();
	});

	test('in compare mode, A diverged at initialisation is shown as A while B trains and the step count moves', async ({ page, open }) => {
		await open(`${PAGE}?init=normal&sigma=3&act=relu&depth=30&width=32&compare=1&init2=he-normal`);
		await waitForEngine(page);
		await expect(page.locator('[data-status-text]')).toContainText('A: the network diverged before training');
		for (const name of ['stdFirst', 'stdLast', 'loss']) expect(await readout(page, name)).toBe('—');
		expect(Number(await readout(page, 'stdFirstB'))).toBeGreaterThan(0);
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect.poll(() => readout(page, 'step')).toBe('1');
		await expect(widget(page)).toHaveAttribute('data-status', 'idle');
	});

	test('turning Compare off mid-run trains one network, with no page error and compare=0 in the URL', async ({ page, open }) => {
		await open(`${PAGE}?compare=1&depth=6&width=16`);
		await waitForEngine(page);
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect.poll(() => readout(page, 'step')).toBe('1');
		await page.getByLabel('Compare with a second initialisation').uncheck();
		await waitForEngine(page);
		await expect(page.locator('output[data-readout="stdFirstB"]')).toHaveCount(0);
		expect(await readout(page, 'step')).toBe('0');
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect.poll(() => readout(page, 'step')).toBe('1');
		await expect.poll(() => new URL(page.url()).searchParams.get('compare')).toBe('0');
	});
});
