import { test, expect, readout, waitForBackend, widget, dragSlider } from './fixtures';
import type { Page } from '@playwright/test';

const PAGE = '/concepts/imbalanced-data/';

async function exported(page: Page) {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export data' }).click();
	return JSON.parse(Buffer.concat(await (await (await download).createReadStream()).toArray()).toString('utf8'));
}

const cell = (page: Page, name: string) => page.locator(`[data-confusion] [data-cell="${name}"]`);

/** Counts and metrics from the exported scores and labels, computed here. */
function independent(scores: number[], labels: number[], threshold: number) {
	let [tp, fp, tn, fn] = [0, 0, 0, 0];
	scores.forEach((s, i) => {
		const p = s >= threshold;
		if (labels[i] === 1) {
			if (p) tp++;
			else fn++;
		} else if (p) fp++;
		else tn++;
	});
	// ROC AUC by counting pairs, ties one half.
	const pos = scores.filter((_, i) => labels[i] === 1);
	const neg = scores.filter((_, i) => labels[i] === 0).sort((a, b) => a - b);
	let wins = 0;
	for (const s of pos) {
		let [lo, hi] = [0, neg.length];
		while (lo < hi) {
			const m = (lo + hi) >> 1;
			if (neg[m] < s) lo = m + 1;
			else hi = m;
		}
		let eq = lo;
		while (eq < neg.length && neg[eq] === s) eq++;
		wins += lo + (eq - lo) / 2;
	}
	return { tp, fp, tn, fn, precision: tp + fp ? tp / (tp + fp) : null, recall: tp / (tp + fn), f1: (2 * tp) / (2 * tp + fp + fn), auc: wins / (pos.length * neg.length) };
}

test.describe('imbalanced-data page', () => {
	test('readouts agree with an independent count over the exported scores and labels', async ({ page, open }) => {
		await open(PAGE);
		await waitForBackend(page);
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 20_000 });
		const data = await exported(page);
		expect(data.state.scores).toHaveLength(4000);
		expect(data.state.labels).toHaveLength(4000);
		expect(data.state.labels.filter((l: number) => l === 1)).toHaveLength(200);
		const m = independent(data.state.scores, data.state.labels, data.state.threshold);
		expect(Number(await cell(page, 'tp').textContent())).toBe(m.tp);
		expect(Number(await cell(page, 'fp').textContent())).toBe(m.fp);
		expect(Number(await readout(page, 'precision'))).toBeCloseTo(m.precision!, 3);
		expect(Number(await readout(page, 'recall'))).toBeCloseTo(m.recall, 3);
		expect(Number(await readout(page, 'f1'))).toBeCloseTo(m.f1, 3);
		expect(Number(await readout(page, 'auc_roc'))).toBeCloseTo(m.auc, 3);
		expect(Number(await readout(page, 'accuracy_majority'))).toBeCloseTo(0.95, 4);
	});

	test('dragging the threshold with the mouse changes the confusion matrix without retraining', async ({ page, open }) => {
		await open(PAGE);
		await waitForBackend(page);
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 20_000 });
		const before = Number(await cell(page, 'tp').textContent());
		const auc = await readout(page, 'auc_roc');
		const slider = page.locator('input[data-param="threshold"]');
		await slider.scrollIntoViewIfNeeded();
		await dragSlider(page, slider, 0.1);
		await expect(slider).not.toHaveValue('0.5');
		await expect.poll(async () => Number(await cell(page, 'tp').textContent())).toBeGreaterThan(before);
		expect(await readout(page, 'auc_roc')).toBe(auc);
		expect(Number(await readout(page, 'recall'))).toBeGreaterThan(0.415);
		// At the top end nothing is flagged: precision is 0/0, shown as "not defined" and no readout.
		await dragSlider(page, slider, 1.1);
		await expect(slider).toHaveValue('1');
		await expect(page.locator('[data-concept]')).toContainText('precision is 0/0: not defined');
		expect(await readout(page, 'precision')).toBe('—');
		await expect(page.locator('[data-concept]')).not.toContainText('NaN');
	});

	test('class weights raise recall at threshold 0.5; SMOTE points appear in the training set', async ({ page, open }) => {
		await open(`${PAGE}?minority=1`);
		await waitForBackend(page);
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 20_000 });
		const plain = Number(await readout(page, 'recall'));
		await page.getByLabel('Class weights').check();
		await expect.poll(async () => Number(await readout(page, 'recall')), { timeout: 20_000 }).toBeGreaterThan(plain + 0.3);
		await page.getByLabel('SMOTE synthetic points').check();
		await expect(page.locator('[data-concept]')).toContainText('SMOTE points (', { timeout: 20_000 });
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 20_000 });
		const data = await exported(page);
		expect(data.state.synthetic).toBe(data.state.training_size / 2 - 40);
		expect(data.state.training_positives).toBe(data.state.training_size / 2);
	});

	test('at 0.1% the sets still hold positives and every number is finite', async ({ page, open }) => {
		await open(`${PAGE}?minority=0.1&smote=true`);
		await waitForBackend(page);
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 20_000 });
		await expect(widget(page)).toContainText('Only 4 positive training points');
		expect(Number(await readout(page, 'auc_roc'))).toBeGreaterThan(0.5);
		await expect(page.locator('[data-concept]')).not.toContainText('NaN');
	});
});
