import { test, expect, widget, readout, waitForEngine, dragSlider } from './fixtures';

const PAGE = '/concepts/transformer-cost/';

async function exportOf(page: import('@playwright/test').Page) {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export data' }).click();
	const chunks = await (await (await download).createReadStream()).toArray();
	return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const opsChart = (page: import('@playwright/test').Page) => page.getByRole('img', { name: /^Operations of one layer/ });

test.describe('transformer-cost page', () => {
	test('d = 1000 and a 30-token sentence: the interview’s numbers, and Step moves the marker up the curves', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		expect(await readout(page, 'attention_leading')).toBe('900000');
		expect(await readout(page, 'rnn_leading')).toBe('30000000');
		expect(await readout(page, 'attention_flops')).toBe('1800900');
		expect(await readout(page, 'rnn_flops')).toBe('60030000');
		expect(await readout(page, 'flops_ratio')).toBe('0.03');
		expect(await readout(page, 'crossover_t')).toBe('1000');
		await expect(page.locator('[data-ratio="attention-cheaper"]')).toContainText('T/d = 30/1000');
		const dots = opsChart(page).locator('[aria-label="Values at the marker"] circle');
		await expect(dots).toHaveCount(5);
		const before = await dots.first().getAttribute('cx');
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect(page.locator('output[data-readout="t"]')).toHaveText('36');
		expect(await dots.first().getAttribute('cx')).not.toBe(before);
		const data = await exportOf(page);
		expect(data.state.t).toBe(36);
		expect(data.state.measured).toBeNull();
		expect(data.history.map((h: { t: number }) => h.t)).toEqual([30, 36]);
		expect(data.history[0]).toEqual({ t: 30, attention_flops: 1800900, rnn_flops: 60030000 });
	});

	test('Play sweeps T to the longest length and stops; attention ends 100 times dearer', async ({ page, open }) => {
		await open(`${PAGE}?t=20000`);
		await waitForEngine(page);
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 30_000 });
		expect(await readout(page, 't')).toBe('100000');
		expect(await readout(page, 'flops_ratio')).toBe('100');
		await expect(page.locator('[data-ratio="rnn-cheaper"]')).toBeVisible();
		await expect(widget(page)).not.toContainText('NaN');
	});

	test('at T = d the two layers cost exactly the same; dragging d redraws the curves', async ({ page, open }) => {
		await open(`${PAGE}?t=1000&d=1000`);
		await waitForEngine(page);
		await expect(page.locator('[data-ratio="equal"]')).toBeVisible();
		expect(await readout(page, 'attention_flops')).toBe(await readout(page, 'rnn_flops'));
		const rnnPath = opsChart(page).locator('path[stroke="var(--cat-2)"]');
		const before = await rnnPath.getAttribute('d');
		await dragSlider(page, page.locator('input[data-param="d"]'), 0.2);
		await expect(page.locator('[data-ratio="equal"]')).toHaveCount(0);
		await expect.poll(() => rnnPath.getAttribute('d')).not.toBe(before);
		const d = Number(await readout(page, 'crossover_t'));
		expect(d).toBeLessThan(1000);
		await expect(opsChart(page)).toHaveAccessibleName(new RegExp(`cross at T = d = ${d}\\.`));
	});

	test('timing a real attention layer: positive times that grow with T, and the export marks them as measured', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		await expect(page.locator('[data-measured="none"]')).toBeVisible();
		expect(await readout(page, 'measured_ns_per_op')).toBe('—');
		await page.locator('[data-measure]').click();
		await expect(page.locator('[data-measured="done"]')).toBeVisible({ timeout: 60_000 });
		expect(Number(await readout(page, 'measured_ns_per_op'))).toBeGreaterThan(0);
		await expect(page.locator('[data-measure]')).toBeDisabled();
		const { measured } = (await exportOf(page)).state;
		expect(measured.note).toMatch(/measured/);
		expect(measured.complete).toBe(true);
		expect(measured.d).toBe(64);
		expect(measured.timings.length).toBeGreaterThanOrEqual(3);
		for (const { ms } of measured.timings) expect(Number.isFinite(ms) && ms > 0).toBe(true);
		// Roughly increasing: the longest length timed is at least 64 times the work of the shortest.
		expect(measured.timings.at(-1).ms).toBeGreaterThan(measured.timings[0].ms);
		await expect(page.getByRole('img', { name: /^Measured milliseconds/ }).locator('circle')).toHaveCount(measured.timings.length);
		await expect(widget(page)).not.toContainText('NaN');
	});
});
