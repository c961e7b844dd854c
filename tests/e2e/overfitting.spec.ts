import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, widget, readout, waitForEngine, dragSlider } from './fixtures';

const PAGE = '/concepts/overfitting/';

async function playUntil(page: Page, epochs: number) {
	await page.getByRole('combobox', { name: 'Speed' }).selectOption('120');
	await page.getByRole('button', { name: 'Play' }).click();
	await expect.poll(async () => Number(await readout(page, 'step')), { timeout: 40_000 }).toBeGreaterThanOrEqual(epochs);
	await page.getByRole('button', { name: 'Pause' }).click();
}

async function expectNoBadNumbers(page: Page) {
	for (const text of await page.locator('output').allTextContents()) expect(text).not.toMatch(/NaN|Infinity/);
	await expect(page.locator('[data-status-text]')).not.toContainText('NaN');
}

test.describe('overfitting page', () => {
	test('by default the big network without remedies beside the one with dropout: both losses per epoch, the best epoch marked, the boundaries', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		await expect(widget(page)).toHaveAttribute('data-status', 'idle');
		await expect(page.getByText('A: no remedies')).toBeVisible();
		await expect(page.getByText('B: dropout p = 0.5')).toBeVisible();
		await expect(page.getByRole('heading', { name: 'A: loss per epoch' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'B: decision boundary' })).toBeVisible();
		await expect(page.getByRole('img', { name: /^A: the network's predicted class over the square.*40 training points filled and the 400 validation points hollow/ })).toBeVisible();
		await playUntil(page, 80);
		// A has passed its lowest validation loss and is climbing; its best epoch is marked in the chart's label.
		const bestA = Number(await readout(page, 'best_epoch'));
		expect(bestA).toBeGreaterThan(3);
		expect(bestA).toBeLessThan(60);
		await expect(page.getByRole('img', { name: new RegExp(`^A: the loss on the whole training set and on the validation set after each epoch; the validation loss is lowest, [\\d.]+, at epoch ${bestA}\\.$`) })).toBeVisible();
		expect(Number(await readout(page, 'train_loss'))).toBeLessThan(Number(await readout(page, 'train_lossB')));
		expect(Number(await readout(page, 'val_loss'))).toBeGreaterThan(Number(await readout(page, 'val_lossB')));
		await expect(page.locator('[data-status-text]')).toContainText(`A: training loss`);
		await expect(page.locator('[data-status-text]')).toContainText(`at epoch ${bestA}: overfitting.`);
		await expectNoBadNumbers(page);
	});

	test('early stopping: B stops patience epochs after its best epoch, goes back to it and says so; A trains on', async ({ page, open }) => {
		await open(`${PAGE}?dropout=0&early=1&patience=10`);
		await waitForEngine(page);
		await playUntil(page, 60);
		await expect(page.locator('[data-status-text]')).toContainText(/B: stopped early at epoch \d+ and went back to epoch \d+/);
		const best = Number(await readout(page, 'best_epochB'));
		await expect(page.locator('p.note', { hasText: `B: early stopping ended training at epoch ${best + 10}, 10 epochs after the lowest validation loss` })).toBeVisible();
		// Until B stopped, B was A: the same network, data and seed, so the same lowest validation loss.
		expect(await readout(page, 'best_epoch')).toBe(String(best));
		expect(Number(await readout(page, 'step'))).toBeGreaterThan(best + 10);
	});

	test('dragging the training-points slider redraws the boundary over more points', async ({ page, open }) => {
		await open(`${PAGE}?compare=0`);
		await waitForEngine(page);
		const boundary = page.getByRole('img', { name: /^the network's predicted class over the square/ });
		await expect(boundary).toHaveAccessibleName(/with the 40 training points filled/);
		const before = await boundary.screenshot();
		await dragSlider(page, page.locator('input[data-param="n"]'), 1);
		await expect.poll(() => new URL(page.url()).searchParams.get('n')).toBe('200');
		await waitForEngine(page);
		await expect(boundary).toHaveAccessibleName(/with the 200 training points filled/);
		await expect(page.getByText('200 training points (filled)')).toBeVisible();
		expect((await boundary.screenshot()).equals(before)).toBe(false);
	});

	test('the first question sets up the plain network alone; its validation loss climbs past where it started', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		const question = page.locator('[data-question="turns-up"]');
		await question.getByLabel('It falls for a few dozen epochs, then climbs far above where it started').check();
		await question.getByRole('button', { name: 'Commit my guess' }).click();
		await question.getByRole('button', { name: 'Show me in the widget' }).click();
		await expect.poll(() => new URL(page.url()).searchParams.get('compare')).toBe('0');
		await waitForEngine(page);
		await expect(page.locator('output[data-readout="val_lossB"]')).toHaveCount(0);
		await playUntil(page, 150);
		expect(Number(await readout(page, 'val_loss'))).toBeGreaterThan(0.75);
		expect(Number(await readout(page, 'train_loss'))).toBeLessThan(0.1);
		await expect(page.locator('[data-status-text]')).toContainText('overfitting');
	});

	test('with no remedy chosen, B is said to be A; the same URL gives the same numbers', async ({ page, open }) => {
		const url = `${PAGE}?dropout=0&seed=4&n=25&layers=2&width=16`;
		const numbers = async () => {
			await open(url);
			await waitForEngine(page);
			await page.getByRole('button', { name: 'Step', exact: true }).click();
			await expect.poll(() => readout(page, 'step')).toBe('1');
			return Promise.all(['train_loss', 'val_loss', 'train_lossB', 'val_lossB'].map((n) => readout(page, n)));
		};
		const first = await numbers();
		await expect(page.getByText('No remedy is chosen, so B is the very same network as A.')).toBeVisible();
		expect(first[0]).toBe(first[2]);
		expect(first[1]).toBe(first[3]);
		expect(await numbers()).toEqual(first);
	});

	test('bad values give notices and a sane state; a learning rate far too large gives no NaN on screen', async ({ page, open }) => {
		await open(`${PAGE}?n=5000&noise=-1&rate=abc&dataset=moons&patience=0&lr=1&layers=9`);
		const notices = page.locator('.notices');
		await expect(notices).toContainText('n=5000 is above the maximum 200; using 200');
		await expect(notices).toContainText('noise=-1 is below the minimum 0; using 0');
		await expect(notices).toContainText('dataset="moons" is not one of');
		await expect(notices).toContainText('layers=9 is above the maximum 5; using 5');
		await waitForEngine(page);
		await playUntil(page, 20);
		await expectNoBadNumbers(page);
		await expect(widget(page)).not.toHaveAttribute('data-status', 'error');
	});

	test('Export data has the documented shape', async ({ page, open }) => {
		await open(`${PAGE}?seed=6&more=1&factor=2`);
		await waitForEngine(page);
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect.poll(() => readout(page, 'step')).toBe('1');
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export data' }).click()]);
		expect(download.suggestedFilename()).toBe('overfitting-6.json');
		const { state, history } = JSON.parse(await readFile((await download.path())!, 'utf8'));
		expect(Object.keys(state)).toEqual(['remedies', 'trainingPoints', 'points', 'validationPoints', 'epoch', 'trainLoss', 'validationLoss', 'bestEpoch', 'stoppedEarly', 'spec', 'startWeights', 'compare', 'data']);
		expect(state.points).toHaveLength(40);
		expect(state.points[0]).toHaveLength(3);
		expect(state.validationPoints).toHaveLength(400);
		expect(state.compare.trainingPoints).toBe(80);
		expect(state.compare.remedies).toEqual({ factor: 2, lambda: 0, rate: 0.5, patience: 0, small: 0 });
		expect(history.a.map((h: { step: number }) => h.step)).toEqual([0, 1]);
		expect(Object.keys(history.a[1])).toEqual(['step', 'loss', 'trainLoss', 'validationLoss']);
		// With dropout, what code.py needs to replay it: per hidden layer, the outputs kept, as base64 bits.
		expect(Object.keys(history.b[1])).toEqual(['step', 'loss', 'trainLoss', 'validationLoss', 'dropoutKept']);
		expect(history.b[1].dropoutKept).toHaveLength(4);
		expect(atob(history.b[1].dropoutKept[0])).toHaveLength((80 * 64) / 8);
	});
});
