import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, widget, readout, waitForEngine, dragSlider } from './fixtures';

const PAGE = '/concepts/batch-norm/';

async function playUntil(page: Page, steps: number) {
	await page.getByRole('combobox', { name: 'Speed' }).selectOption('120');
	await page.getByRole('button', { name: 'Play' }).click();
	await expect.poll(async () => Number(await readout(page, 'step')), { timeout: 45_000 }).toBeGreaterThanOrEqual(steps);
	await page.getByRole('button', { name: 'Pause' }).click();
}

const liveTensors = (page: Page) => page.evaluate(() => (window as unknown as { mlExplorablesProbe: { tensors: () => number } }).mlExplorablesProbe.tensors());
const batchDots = (page: Page) => page.locator('g[aria-label="batches"] circle');

test.describe('batch-norm page', () => {
	test('by default without and with batch norm side by side, with readouts loss and loss_bn', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		await expect(widget(page)).toHaveAttribute('data-status', 'idle');
		await expect(page.getByRole('heading', { name: 'A: each activation’s input', exact: true })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'B: each activation’s input, after batch norm' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'B: how noisy each batch’s statistics are' })).toBeVisible();
		for (const name of ['loss', 'loss_bn', 'inference_loss_bn', 'accuracy_bn']) expect(Number(await readout(page, name))).toBeGreaterThan(0);
		await expect(page.locator('output[data-readout="lossB"]')).toHaveCount(0);
		// Batches of 32 out of 256 points: eight dots.
		await expect(batchDots(page)).toHaveCount(8);
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect.poll(() => readout(page, 'step')).toBe('1');
	});

	test('dragging the batch size down makes more, noisier batches in the batch-statistics chart', async ({ page, open }) => {
		await open(`${PAGE}?depth=4&width=8`);
		await waitForEngine(page);
		const chart = page.getByRole('img', { name: /^B: one dot per batch of 32 points/ });
		await expect(chart).toBeVisible();
		await dragSlider(page, page.getByRole('slider', { name: 'Batch size' }), 0.1);
		await waitForEngine(page);
		const batch = Number(new URL(page.url()).searchParams.get('batch'));
		expect(batch).toBeLessThan(8);
		await expect(page.getByRole('img', { name: new RegExp(`^B: one dot per batch of ${batch} points`) })).toBeVisible();
		await expect(batchDots(page)).toHaveCount(Math.floor(256 / batch));
		await expect(page.getByText(`batches of ${batch}: their means scatter by`)).toBeVisible();
	});

	test('the large-learning-rate question: only the network with batch norm learns', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		const question = page.locator('[data-question="large-rate"]');
		await question.getByLabel('Only the one with batch norm; the other stalls at 0.69 or blows up').check();
		await question.getByRole('button', { name: 'Commit my guess' }).click();
		await question.getByRole('button', { name: 'Show me in the widget' }).click();
		// Its case is the widget's default one: a fresh run from step 0.
		await waitForEngine(page);
		await expect.poll(() => readout(page, 'step')).toBe('0');
		await playUntil(page, 150);
		expect(Number(await readout(page, 'loss_bn'))).toBeLessThan(0.3);
		const plain = await readout(page, 'loss');
		// Stalled at the loss of guessing, or blown up (no number at all).
		expect(plain === '—' || Number(plain) > 0.6).toBe(true);
	});

	test('the sweep runs on demand in its own worker, and names the largest learning rate each network tolerates', async ({ page, open }) => {
		// The app reports its live tensors to this object (engine/probe.ts).
		await page.addInitScript(() => ((window as unknown as { mlExplorablesProbe: object }).mlExplorablesProbe = {}));
		await open(`${PAGE}?depth=4&width=8&seed=3`);
		await waitForEngine(page);
		const before = await liveTensors(page);
		await page.getByRole('button', { name: 'Run the sweep' }).click();
		await expect(page.getByRole('button', { name: 'Sweeping…' })).toBeDisabled();
		// Training goes on meanwhile.
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect.poll(() => readout(page, 'step')).toBe('1');
		await expect(page.getByRole('button', { name: 'Sweep done' })).toBeVisible({ timeout: 90_000 });
		// Its worker is gone with its eighteen networks: only the widget's own two remain.
		await expect.poll(() => liveTensors(page)).toBe(before);
		await expect(page.getByRole('img', { name: /^Loss on the whole set after 100 steps against the learning rate.*with it (up to [\d.]+|at none)/ })).toBeVisible();
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export data' }).click()]);
		const { state } = JSON.parse(await readFile((await download.path())!, 'utf8'));
		expect(state.sweep.rates).toHaveLength(18);
		expect(Object.keys(state.sweep.largestLearning)).toEqual(['withoutBatchNorm', 'withBatchNorm']);
		// Another setting is another sweep: the button is back.
		await page.getByRole('slider', { name: 'Depth (layers)' }).press('ArrowRight');
		await waitForEngine(page);
		await expect(page.getByRole('button', { name: 'Run the sweep' })).toBeEnabled();
	});

	test('one network alone: without batch norm there are no batch statistics, and the readout is loss', async ({ page, open }) => {
		await open(`${PAGE}?compare=0&bn=0&depth=4&width=8`);
		await waitForEngine(page);
		expect(Number(await readout(page, 'loss'))).toBeGreaterThan(0);
		await expect(page.locator('output[data-readout="loss_bn"]')).toHaveCount(0);
		await expect(page.getByText('turn batch norm on to see them')).toBeVisible();
		await page.getByLabel('Batch normalisation', { exact: true }).check();
		await waitForEngine(page);
		expect(Number(await readout(page, 'loss_bn'))).toBeGreaterThan(0);
		await expect(batchDots(page)).toHaveCount(8);
	});

	test('the same URL gives the same numbers; bad values give notices and no NaN', async ({ page, open }) => {
		const url = `${PAGE}?depth=5&width=16&batch=16&seed=4`;
		const numbers = async () => {
			await open(url);
			await waitForEngine(page);
			await page.getByRole('button', { name: 'Step', exact: true }).click();
			await expect.poll(() => readout(page, 'step')).toBe('1');
			return Promise.all(['loss', 'loss_bn', 'inference_loss_bn'].map((n) => readout(page, n)));
		};
		const first = await numbers();
		expect(await numbers()).toEqual(first);

		await open(`${PAGE}?batch=1&lr=100&act=nope&depth=99&sigma=abc`);
		const notices = page.locator('.notices');
		await expect(notices).toContainText('batch=1 is below the minimum 2; using 2');
		await expect(notices).toContainText('lr=100 is above the maximum 10; using 10');
		await expect(notices).toContainText('act="nope" is not one of');
		await expect(notices).toContainText('depth=99 is above the maximum 16; using 16');
		await waitForEngine(page);
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect.poll(() => readout(page, 'step')).toBe('1');
		for (const text of await page.locator('output').allTextContents()) expect(text).not.toMatch(/NaN|Infinity/);
		await expect(page.locator('[data-status-text]')).not.toContainText('NaN');
	});

	test('Export data has the documented shape', async ({ page, open }) => {
		await open(`${PAGE}?depth=4&width=8&seed=6`);
		await waitForEngine(page);
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect.poll(() => readout(page, 'step')).toBe('1');
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export data' }).click()]);
		expect(download.suggestedFilename()).toBe('batch-norm-6.json');
		const { state, history } = JSON.parse(await readFile((await download.path())!, 'utf8'));
		expect(state.batchNorm).toBe(false);
		expect(state.compare.batchNorm).toBe(true);
		expect(state.layers).toHaveLength(3);
		expect(Object.keys(state.compare.evaluation)).toEqual(['trainLoss', 'trainAccuracy', 'inferenceLoss', 'inferenceAccuracy', 'groupSize', 'points']);
		expect(state.compare.batchStatistics.batchMeans).toHaveLength(8);
		expect(state.batchStatistics).toBeNull();
		expect(history.b.map((h: { step: number }) => h.step)).toEqual([0, 1]);
		expect(Object.keys(history.b[1])).toEqual(['step', 'loss', 'trainLoss', 'inferenceLoss', 'batch']);
		// For code.py: each network's parameters now and before the latest update, as float32 bytes in base64, and the evaluation's order of the rows.
		for (const network of [state, state.compare]) {
			expect(network.diverged).toBe(false);
			expect(Object.keys(network.parameters)).toEqual(['weights', 'biases', 'gammas', 'betas', 'runningMeans', 'runningVars']);
			expect(network.parameters.weights.map((w: string) => atob(w).length)).toEqual([2 * 8 * 4, 8 * 8 * 4, 8 * 8 * 4, 8 * 4]);
			expect(network.parametersBefore.weights).toHaveLength(4);
			expect(network.evaluationOrder).toHaveLength(256);
		}
		expect(state.parameters.gammas).toEqual([]);
		expect(state.compare.parameters.gammas.map((g: string) => atob(g).length)).toEqual([32, 32, 32]);
		expect(state.compare.parameters.weights[0]).not.toBe(state.compare.parametersBefore.weights[0]);
	});
});

test.describe('batch-norm view choice', () => {
	test('the histograms switch to W·h + b without restarting the training', async ({ page, open }) => {
		await open(`${PAGE}?depth=4&width=8`);
		await waitForEngine(page);
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect.poll(() => readout(page, 'step')).toBe('1');
		await page.getByRole('combobox', { name: 'Histograms of' }).selectOption('pre');
		await expect(page.getByRole('heading', { name: 'B: W·h + b of each layer' })).toBeVisible();
		expect(await readout(page, 'step')).toBe('1');
		expect(new URL(page.url()).searchParams.has('hist')).toBe(false);
	});
});
