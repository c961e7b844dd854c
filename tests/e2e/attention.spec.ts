import type { Page } from '@playwright/test';
import { test, expect, readout, waitForBackend, waitForEngine, widget, dragSlider } from './fixtures';

const PAGE = '/concepts/attention/';

async function exported(page: Page) {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export data' }).click();
	return JSON.parse(Buffer.concat(await (await (await download).createReadStream()).toArray()).toString('utf8'));
}

const tokensChart = (page: Page) => page.getByRole('img', { name: /tokens\. Query|No tokens/ });

test.describe('attention page', () => {
	test('Step walks the queries to the last; the export holds q, k, v, weights rows summing to 1, and output = weights · v', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		expect(await readout(page, 'query')).toBe('1');
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		expect(await readout(page, 'query')).toBe('2');
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 15_000 });
		expect(await readout(page, 'query')).toBe('6');
		await expect(widget(page)).toContainText('That was the last query');
		const data = await exported(page);
		const { q, k, v, weights, output } = data.state;
		expect(q).toHaveLength(6);
		expect(k).toHaveLength(6);
		expect(v).toEqual(data.state.points);
		for (const [i, row] of (weights as number[][]).entries()) {
			expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
			for (const c of [0, 1]) expect(output[i][c]).toBeCloseTo(row.reduce((s, w, j) => s + w * v[j][c], 0), 4);
		}
		expect(Number(await readout(page, 'output_x'))).toBeCloseTo(output[5][0], 2);
	});

	test('dragging the temperature up spreads the weights: the output moves to the plain mean', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		const before = await tokensChart(page).getAttribute('aria-label');
		const spreadBefore = Number(await readout(page, 'effective_tokens'));
		await dragSlider(page, page.locator('input[data-param="temperature"]'), 1);
		await expect.poll(async () => Number(await readout(page, 'effective_tokens'))).toBeGreaterThan(5.9);
		expect(spreadBefore).toBeLessThan(4);
		expect(await tokensChart(page).getAttribute('aria-label')).not.toBe(before);
		const data = await exported(page);
		const mean = [0, 1].map((c) => data.state.v.reduce((s: number, p: number[]) => s + p[c], 0) / data.state.v.length);
		// τ = 100 leaves the scores (spread about 4) a sliver apart: within 0.15 of the mean, on tokens 4 apart.
		expect(Math.abs(Number(await readout(page, 'output_x')) - mean[0])).toBeLessThan(0.15);
		expect(Math.abs(Number(await readout(page, 'output_y')) - mean[1])).toBeLessThan(0.15);
	});

	test('the causal mask: zero weight above the diagonal, the first output is the first token', async ({ page, open }) => {
		await open(`${PAGE}?causal=1`);
		await waitForEngine(page);
		expect(Number(await readout(page, 'max_weight'))).toBe(1);
		const data = await exported(page);
		(data.state.weights as number[][]).forEach((row, i) => row.forEach((w, j) => j > i && expect(w).toBe(0)));
		expect(data.state.output[0]).toEqual(data.state.points[0]);
	});

	test('why √d: with d = 256 unscaled the weights are nearly one-hot; dividing by √d softens them', async ({ page, open }) => {
		await open(`${PAGE}?preset=match&projection=random&d=256&scaled=0`);
		await waitForEngine(page);
		const unscaled = Number(await readout(page, 'score_sd'));
		expect(Number(await readout(page, 'max_weight'))).toBeGreaterThan(0.95);
		await page.getByLabel('Divide scores by √d').check();
		await expect.poll(async () => Number(await readout(page, 'score_sd'))).toBeLessThan(unscaled / 10);
		expect(Number(await readout(page, 'max_weight'))).toBeLessThan(0.95);
	});

	test('three heads: three weight matrices, and each output row is the heads side by side', async ({ page, open }) => {
		await open(`${PAGE}?projection=random&heads=3&d=4`);
		await waitForEngine(page);
		await expect(page.getByRole('img', { name: /matrix of attention weights of head/ })).toHaveCount(3);
		const data = await exported(page);
		expect(data.state.heads).toBe(3);
		expect(data.state.output[0]).toHaveLength(6);
		expect(data.state.q[0]).toHaveLength(12);
		expect(data.state.weights[0]).toHaveLength(18);
	});

	test('a token dragged on the plot becomes your own, in the URL, and the output follows', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		const before = await readout(page, 'output_x');
		const editor = page.getByRole('application', { name: /^Edit the tokens/ });
		await editor.scrollIntoViewIfNeeded();
		const box = (await editor.boundingBox())!;
		// Token 1 is at (2, 1.5); the plot spans x −2.66 … 2.86 and y −2.81 … 2.71.
		await page.mouse.move(box.x + box.width * 0.844, box.y + box.height * 0.219);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3, { steps: 6 });
		await page.mouse.up();
		await expect.poll(() => new URL(page.url()).searchParams.get('preset')).toBe('own');
		expect(new URL(page.url()).searchParams.get('points')!.split(';')).toHaveLength(6);
		expect(await readout(page, 'output_x')).not.toBe(before);
	});

	test('bad input: plain notices, a sane state, no NaN; no tokens at all says what to do', async ({ page, open }) => {
		await open(`${PAGE}?temperature=hot&d=9999&heads=-3&preset=own&points=1,2;x,y;3`);
		await waitForBackend(page);
		await expect(widget(page)).toContainText('temperature="hot" is not a number');
		await expect(widget(page)).toContainText('d=9999 is above the maximum 256');
		await expect(widget(page)).toContainText('skipped 2 entries');
		await expect(widget(page)).not.toContainText('NaN');
		expect(await readout(page, 'max_weight')).toBe('1');
		await open(`${PAGE}?preset=own&points=`);
		await waitForBackend(page);
		await expect(widget(page)).toContainText('No tokens');
		await expect(widget(page)).not.toContainText('NaN');
		expect(await readout(page, 'output_x')).toBe('—');
	});
});
