import { test, expect, readout, waitForBackend, widget, dragSlider } from './fixtures';
import type { Page } from '@playwright/test';

const PAGE = '/concepts/naive-bayes/';

async function exported(page: Page) {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export data' }).click();
	return JSON.parse(Buffer.concat(await (await (await download).createReadStream()).toArray()).toString('utf8'));
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const logit = (p: number) => Math.log(p / (1 - p));
/** The true log-odds of the page's model, in closed form: logit π + 2m / (1 + ρ) · (x₁ + x₂). */
const trueLogOdds = (rho: number, separation: number, prior: number, [x, y]: number[]) => logit(prior) + (separation / (1 + rho)) * (x + y);
const logNormal = (x: number, mean: number, variance: number) => -0.5 * Math.log(2 * Math.PI * variance) - (x - mean) ** 2 / (2 * variance);

test.describe('naive Bayes page', () => {
	test('default model: the true probability matches the closed form, naive Bayes is surer; the export holds points, bins and scores', async ({ page, open }) => {
		await open(PAGE);
		await waitForBackend(page);
		await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeEnabled({ timeout: 15_000 });
		const truth = Number(await readout(page, 'true_probability'));
		expect(truth).toBeCloseTo(sigmoid(trueLogOdds(0.9, 1, 0.5, [1, 0.5])), 3);
		// Step is enabled before the background fit has finished: wait for the fitted readout.
		await expect(page.locator('output[data-readout="predicted_probability"]')).not.toHaveText('—');
		const predicted = Number(await readout(page, 'predicted_probability'));
		expect(predicted).toBeGreaterThan(truth);
		const data = await exported(page);
		expect(data.state.points).toHaveLength(100);
		expect(data.state.points.every((p: number[]) => p.length === 3 && (p[2] === 0 || p[2] === 1))).toBe(true);
		expect(data.state.predictedProbability).toBeCloseTo(predicted, 3);
		expect(data.state.scoredOn).toBe('4000 fresh test points');
		expect(data.state.calibration.naiveBayes).toHaveLength(10);
		expect(data.state.calibration.naiveBayes.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(4000);
		expect(data.state.scores.naiveBayes.logLoss).toBeCloseTo(Number(await readout(page, 'nb_log_loss')), 3);
		await expect(page.getByRole('img', { name: /^Reliability plot on fresh test points/ })).toBeVisible();
		await expect(page.locator('[data-concept]')).not.toContainText('NaN');
	});

	test('copied feature (ρ = 1): the fitted features are identical and naive Bayes’s evidence is twice one feature’s', async ({ page, open }) => {
		await open(`${PAGE}?rho=1&probeX=0.6&probeY=0.6`);
		await waitForBackend(page);
		await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeEnabled({ timeout: 15_000 });
		const data = await exported(page);
		const { prior, scaling, classes } = data.state.naiveBayes;
		expect(scaling.mean[0]).toBeCloseTo(scaling.mean[1], 6);
		for (const c of classes) {
			expect(c.mean[0]).toBeCloseTo(c.mean[1], 5);
			expect(c.variance[0]).toBeCloseTo(c.variance[1], 5);
		}
		// One feature's evidence from the exported fit (standardised units, with the documented smoothing of 0.001).
		const z = (0.6 - scaling.mean[0]) / scaling.sd[0];
		const single = logNormal(z, classes[1].mean[0], classes[1].variance[0] + 1e-3) - logNormal(z, classes[0].mean[0], classes[0].variance[0] + 1e-3);
		const predicted = Number(await readout(page, 'predicted_probability'));
		expect(logit(predicted) - logit(prior)).toBeCloseTo(2 * single, 2);
		expect(Number(await readout(page, 'true_probability'))).toBeCloseTo(sigmoid(trueLogOdds(1, 1, 0.5, [0.6, 0.6])), 3);
		await expect(page.locator('[data-evidence]')).toContainText('1 + ρ = 2');
	});

	test('Play doubles the training set to the largest; naive Bayes’s log-loss stays above the truth’s at every size', async ({ page, open }) => {
		await open(`${PAGE}?n=400`);
		await waitForBackend(page);
		await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeEnabled({ timeout: 15_000 });
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 30_000 });
		expect(await readout(page, 'training_size')).toBe('12800');
		await expect(widget(page)).toContainText('more data has not closed the gap');
		const data = await exported(page);
		expect(data.history.map((h: { size: number }) => h.size)).toEqual([400, 800, 1600, 3200, 6400, 12800]);
		for (const h of data.history) expect(h.naiveBayes.logLoss).toBeGreaterThan(h.truth.logLoss + 0.01);
		await expect(page.getByRole('img', { name: /^Test log-loss after each Step/ })).toBeVisible();
	});

	test('the picked point, dragged on its slider or clicked on a map: the URL keeps it and the true probability follows', async ({ page, open }) => {
		await open(PAGE);
		await waitForBackend(page);
		const slider = page.locator('input[data-param="probeX"]');
		await slider.scrollIntoViewIfNeeded();
		await dragSlider(page, slider, 0.1);
		await expect.poll(() => Number(new URL(page.url()).searchParams.get('probeX'))).toBeLessThan(-2);
		const x = Number(new URL(page.url()).searchParams.get('probeX'));
		await expect.poll(async () => Number(await readout(page, 'true_probability'))).toBeCloseTo(sigmoid(trueLogOdds(0.9, 1, 0.5, [x, 0.5])), 3);

		// A click on a map picks the point: the middle of the map is (0, 0), where the truth says ½.
		const map = page.getByRole('group', { name: /^Controls on the chart: Naive Bayes: P\(B\)/ }).locator('rect.hit-area');
		await map.scrollIntoViewIfNeeded();
		const box = (await map.boundingBox())!;
		await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
		await expect.poll(() => Math.abs(Number(new URL(page.url()).searchParams.get('probeX')))).toBeLessThan(0.2);
		expect(Math.abs(Number(new URL(page.url()).searchParams.get('probeY')))).toBeLessThan(0.2);
		expect(Math.abs(Number(await readout(page, 'true_probability')) - 0.5)).toBeLessThan(0.1);
	});

	test('pasted points: no truth, "—" for the true probability, calibration on the points themselves; one class gives a plain message', async ({ page, open }) => {
		await open(PAGE);
		await waitForBackend(page);
		await page.getByLabel('CSV text').fill('x,y,class\n0,0,0\n1,0.5,0\n0.5,1,0\n2,2,1\n3,2.5,1\n2.5,1.5,1\n');
		await page.getByRole('button', { name: 'Use pasted data' }).click();
		await expect.poll(() => new URL(page.url()).searchParams.get('preset')).toBe('own');
		await expect(page.getByRole('img', { name: /^Reliability plot on your points themselves/ })).toBeVisible();
		await expect(widget(page)).toContainText('there is no known truth');
		expect(await readout(page, 'true_probability')).toBe('—');
		await expect.poll(async () => Number(await readout(page, 'predicted_probability'))).toBeGreaterThan(0);
		await page.getByLabel('CSV text').fill('x,y,class\n1,2,0\n2,3,0\n3,1,0\n');
		await page.getByRole('button', { name: 'Use pasted data' }).click();
		await expect(widget(page)).toContainText('No points of class B');
		await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeDisabled();
		expect(await readout(page, 'predicted_probability')).toBe('—');
		await expect(page.locator('[data-concept]')).not.toContainText('NaN');
	});
});
