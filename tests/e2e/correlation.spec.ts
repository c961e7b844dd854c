import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, widget, readout, waitForBackend } from './fixtures';

const PAGE = '/concepts/correlation/';

/** Waits until the coefficients and their bootstrap intervals are shown. */
async function settled(page: Page) {
	await waitForBackend(page);
	await expect(widget(page)).toHaveAttribute('data-status', 'converged');
}

async function coefficients(page: Page) {
	return Promise.all(['n', 'pearson', 'spearman', 'kendall'].map((name) => readout(page, name)));
}

/** Screen position of a data point in the data plot, from the plot's own domain (8% padding around the points). */
async function screenPoint(page: Page, [x, y]: [number, number], [x0, x1]: [number, number], [y0, y1]: [number, number]) {
	const box = (await page.getByRole('application', { name: /^Edit the points/ }).boundingBox())!;
	const pad = (lo: number, hi: number) => [lo - (hi - lo) * 0.08, hi + (hi - lo) * 0.08];
	const [a, b] = pad(x0, x1);
	const [c, d] = pad(y0, y1);
	return { x: box.x + ((x - a) / (b - a)) * box.width, y: box.y + (1 - (y - c) / (d - c)) * box.height };
}

test.describe('correlation page', () => {
	test('the presets give their documented readouts: Anscombe’s r = 0.816 four times, eˣ with Spearman and Kendall exactly 1', async ({ page, open }) => {
		await open(PAGE);
		await settled(page);
		const preset = page.locator('select[data-param="preset"]');
		const anscombe = { 'anscombe-1': '0.8164', 'anscombe-2': '0.8162', 'anscombe-3': '0.8163', 'anscombe-4': '0.8165' };
		for (const [name, r] of Object.entries(anscombe)) {
			await preset.selectOption(name);
			await expect(page.locator('output[data-readout="pearson"]')).toHaveText(r);
			expect(await readout(page, 'n')).toBe('11');
		}
		await preset.selectOption('anscombe-1');
		await expect(page.locator('output[data-readout="spearman"]')).toHaveText('0.8182');
		await expect(page.locator('output[data-readout="kendall"]')).toHaveText('0.6364');
		await preset.selectOption('exp');
		await expect(page.locator('output[data-readout="spearman"]')).toHaveText('1');
		await expect(page.locator('output[data-readout="kendall"]')).toHaveText('1');
		expect(Number(await readout(page, 'pearson'))).toBeLessThan(0.3);
		await expect(page.locator('[data-reading]')).toContainText('Monotonic but not straight: Spearman (1) > Pearson');
		await expect.poll(() => new URL(page.url()).searchParams.get('preset')).toBe('exp');
	});

	test('pasted CSV with bad lines: they are reported by line number and the rest is used', async ({ page, open }) => {
		await open(PAGE);
		await settled(page);
		await page.getByLabel('CSV text').fill('x;y\n1;2\n2;abc\n3,5;4\n\n4;3;7\n5;6\n');
		await page.getByRole('button', { name: 'Use pasted data' }).click();
		const report = page.locator('[data-csv-report]');
		await expect(report).toContainText('Read 3 points from the pasted text (columns separated by semicolons, first line taken as a header)');
		await expect(report).toContainText('Line 3: "abc" is not a number');
		await expect(report).toContainText('Line 6: 3 columns, not 2');
		await expect(page.locator('output[data-readout="n"]')).toHaveText('3');
		await expect.poll(() => new URL(page.url()).searchParams.get('points')).toBe('1,2;3.5,4;5,6');
		// The pasted points stay when another parameter changes.
		await page.locator('input[data-param="seed"]').fill('7');
		await page.locator('input[data-param="seed"]').press('Enter');
		await expect.poll(() => new URL(page.url()).searchParams.get('seed')).toBe('7');
		await expect(page.locator('output[data-readout="n"]')).toHaveText('3');
		const preset = page.locator('select[data-param="preset"]');
		await preset.selectOption('linear');
		await expect(page.locator('output[data-readout="n"]')).toHaveText('50');
		await preset.selectOption('own');
		await expect(page.locator('output[data-readout="n"]')).toHaveText('3');
	});

	test('an uploaded CSV file is used, and the same file can be uploaded again', async ({ page, open }) => {
		await open(PAGE);
		await settled(page);
		const file = { name: 'heights.csv', mimeType: 'text/csv', buffer: Buffer.from('height,weight\n1.5,60\n1.7,71\n1.8,80\n1.9,85\n') };
		const input = page.getByLabel('Upload a CSV file');
		await input.setInputFiles(file);
		await expect(page.locator('[data-csv-report]')).toContainText('Read 4 points from heights.csv');
		await expect(page.locator('output[data-readout="n"]')).toHaveText('4');
		await expect.poll(() => new URL(page.url()).searchParams.get('points')).toBe('1.5,60;1.7,71;1.8,80;1.9,85');
		// Emptied: a browser fires no change for the file the input already holds.
		await expect(input).toHaveValue('');
		await page.getByRole('button', { name: 'Remove the most influential point' }).click();
		await expect(page.locator('output[data-readout="n"]')).toHaveText('3');
		await input.setInputFiles(file);
		await expect(page.locator('output[data-readout="n"]')).toHaveText('4');
		await expect.poll(() => new URL(page.url()).searchParams.get('points')).toBe('1.5,60;1.7,71;1.8,80;1.9,85');
	});

	test('pasted timestamps keep every digit: 300 minutes against a counter give Pearson 1', async ({ page, open }) => {
		await open(PAGE);
		await settled(page);
		const lines = Array.from({ length: 300 }, (_, i) => `${1700000000 + 60 * i},${i}`);
		// The last line repeats the second point, beyond the digits a number holds.
		await page.getByLabel('CSV text').fill(['time,count', ...lines, '1700000060.00000000001,1'].join('\n'));
		await page.getByRole('button', { name: 'Use pasted data' }).click();
		await expect(page.locator('[data-csv-report]')).toContainText('1 value differs from an earlier one of the column only after about 16 significant digits');
		await expect(page.locator('output[data-readout="n"]')).toHaveText('301');
		await expect.poll(() => new URL(page.url()).searchParams.get('points')).toMatch(/^1700000000,0;1700000060,1;/);
		await page.reload();
		await settled(page);
		expect(await readout(page, 'pearson')).toBe('1');
	});

	test('dragging a point with the mouse changes the readouts, and the URL keeps the moved point', async ({ page, open }) => {
		await open(`${PAGE}?preset=anscombe-3`);
		await settled(page);
		expect(await readout(page, 'pearson')).toBe('0.8163');
		const from = await screenPoint(page, [13, 12.74], [4, 14], [5.39, 12.74]);
		const to = await screenPoint(page, [13, 8.7], [4, 14], [5.39, 12.74]);
		await page.mouse.move(from.x, from.y);
		await page.mouse.down();
		await page.mouse.move(to.x, to.y, { steps: 10 });
		// Mid-drag the readouts already follow the pointer.
		await expect.poll(async () => Number(await readout(page, 'pearson'))).toBeGreaterThan(0.95);
		await page.mouse.up();
		await expect.poll(() => new URL(page.url()).searchParams.get('preset')).toBe('own');
		expect(new URL(page.url()).searchParams.get('points')).toContain(';13,8.');
		await settled(page);
		expect(Number(await readout(page, 'pearson-low'))).toBeGreaterThan(0.9);
	});

	test('click adds a point, shift-click removes it; the Delete key removes the picked point', async ({ page, open }) => {
		await open(`${PAGE}?preset=anscombe-1`);
		await settled(page);
		const empty = await screenPoint(page, [13.5, 5], [4, 14], [4.26, 10.84]);
		await page.mouse.click(empty.x, empty.y);
		await expect(page.locator('output[data-readout="n"]')).toHaveText('12');
		await page.keyboard.down('Shift');
		await page.mouse.click(empty.x, empty.y);
		await page.keyboard.up('Shift');
		await expect(page.locator('output[data-readout="n"]')).toHaveText('11');
		const editor = page.getByRole('application', { name: /^Edit the points/ });
		await editor.focus();
		await page.keyboard.press(']');
		await page.keyboard.press('Delete');
		await expect(page.locator('output[data-readout="n"]')).toHaveText('10');
		// The editor owns its keys: R there is not the widget's Reset (it would throw the edits away).
		await page.keyboard.press('r');
		await page.keyboard.press(' ');
		await expect(page.locator('output[data-readout="n"]')).toHaveText('10');
	});

	test('hovering a point names it under the rank plot', async ({ page, open }) => {
		await open(`${PAGE}?preset=anscombe-3`);
		await settled(page);
		const p = await screenPoint(page, [13, 12.74], [4, 14], [5.39, 12.74]);
		await page.mouse.move(p.x, p.y);
		await expect(widget(page)).toContainText('Point 3: (13, 12.74), ranks 10 and 11');
	});

	test('"Add an outlier" and "Remove the most influential point"', async ({ page, open }) => {
		await open(`${PAGE}?preset=outlier`);
		await settled(page);
		const before = Number(await readout(page, 'pearson'));
		await page.getByRole('button', { name: 'Remove the most influential point' }).click();
		await expect(page.locator('output[data-readout="n"]')).toHaveText('29');
		expect(Math.abs(Number(await readout(page, 'pearson')))).toBeLessThan(before - 0.3);
		await page.getByRole('button', { name: 'Add an outlier' }).click();
		await expect(page.locator('output[data-readout="n"]')).toHaveText('30');
		// Reset goes back to the preset.
		await page.getByRole('button', { name: 'Reset' }).click();
		await expect.poll(() => new URL(page.url()).searchParams.get('preset')).toBe('outlier');
		await expect(page.locator('output[data-readout="pearson"]')).toHaveText(String(before));
	});

	test('the same URL gives the same numbers, intervals included', async ({ page, open }) => {
		const url = `${PAGE}?preset=generated&rho=-0.4&n=300&transform=cube&noise=0.3&resamples=500&seed=5`;
		const numbers = async () => {
			await open(url);
			await settled(page);
			return Promise.all(['pearson', 'spearman', 'kendall', 'pearson-low', 'spearman-high', 'kendall-low'].map((n) => readout(page, n)));
		};
		const first = await numbers();
		expect(Number(first[0])).toBeLessThan(0);
		expect(await numbers()).toEqual(first);
		const own = `${PAGE}?preset=own&points=1,2;2,4.5;3,3;4,8;5,7`;
		await open(own);
		await settled(page);
		expect(await coefficients(page)).toEqual(['5', '0.834', '0.8', '0.6']);
	});

	test('bad values give notices and a working widget, and too few points are said in words', async ({ page, open }) => {
		await open(`${PAGE}?preset=spline&rho=3&n=2&resamples=abc&transform=sqrt`);
		const notices = page.locator('.notices');
		await expect(notices).toContainText('preset="spline" is not one of');
		await expect(notices).toContainText('rho=3 is above the maximum 1; using 1');
		await expect(notices).toContainText('n=2 is below the minimum 5; using 5');
		await expect(notices).toContainText('resamples="abc" is not a number; using 1000');
		await settled(page);
		for (const text of await page.locator('output').allTextContents()) expect(text).not.toMatch(/NaN|Infinity/);
		await open(`${PAGE}?preset=own&points=1,2;x,4;3,5`);
		await expect(page.locator('.notices')).toContainText('points: skipped 1 entry that is not an "x,y" pair');
		await settled(page);
		await expect(page.locator('[data-reading]')).toHaveText('Correlation needs at least 3 points; there are 2.');
		expect(await readout(page, 'pearson')).toBe('—');
		await open(`${PAGE}?preset=own&points=2,1;2,5;2,3`);
		await expect(page.locator('[data-reading]')).toContainText('Every x is 2');
		for (const text of await page.locator('output').allTextContents()) expect(text).not.toMatch(/NaN|Infinity/);
	});

	test('denormal coordinates draw an axis with numbers (d3’s ticks threw on them)', async ({ page, open }) => {
		await open(`${PAGE}?preset=own&points=5e-324,1;1e-320,2;2e-320,3;3e-320,1`);
		await settled(page);
		expect(await readout(page, 'n')).toBe('4');
		expect(await readout(page, 'spearman')).toMatch(/^-?\d/);
		const xTicks = page.locator('svg[aria-label^="Scatter plot of the data"] .axis').first().locator('text:not(.label)');
		expect((await xTicks.allTextContents()).filter((t) => /^-?\d(\.\d+)?e-3\d\d$|^0$/.test(t)).length).toBeGreaterThanOrEqual(3);
	});

	test('the share dialog warns when the link grows too long for many servers, and points to the data file', async ({ page, open }) => {
		await open(`${PAGE}?preset=anscombe-1`);
		await settled(page);
		await page.getByRole('button', { name: 'Copy embed code' }).click();
		await expect(page.getByRole('dialog')).toBeVisible();
		await expect(page.locator('[data-long-link]')).toHaveCount(0);
		await page.getByRole('button', { name: 'Close' }).click();
		// 1000 points: about 17 000 characters of URL.
		const lines = Array.from({ length: 1000 }, (_, i) => `${(i * 0.731).toFixed(3)},${(Math.sin(i) * 100).toFixed(4)}`);
		await page.getByLabel('CSV text').fill(lines.join('\n'));
		await page.getByRole('button', { name: 'Use pasted data' }).click();
		await expect(page.locator('output[data-readout="n"]')).toHaveText('1000');
		await page.getByRole('button', { name: 'Copy embed code' }).click();
		const length = (await page.locator('.link a').getAttribute('href'))!.length;
		expect(length).toBeGreaterThan(15_000);
		const warning = page.locator('[data-long-link]');
		await expect(warning).toContainText(`This link is ${length.toLocaleString('en')} characters long`);
		await expect(warning).toContainText('Export data');
	});

	test('Export data has the documented shape; Export CSV holds the points', async ({ page, open }) => {
		await open(`${PAGE}?preset=anscombe-2&seed=4`);
		await settled(page);
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export data' }).click()]);
		expect(download.suggestedFilename()).toBe('correlation-4.json');
		const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
		expect(exported.concept).toBe('correlation');
		const { state } = exported;
		expect(Object.keys(state)).toEqual(['points', 'pearson', 'spearman', 'kendall', 'ranksX', 'ranksY', 'intervals', 'bootstrapCounts']);
		expect(state.points).toHaveLength(11);
		expect(state.points[0]).toEqual([10, 9.14]);
		expect(state.pearson).toBeCloseTo(0.8162, 4);
		expect(state.ranksX).toHaveLength(11);
		expect(state.ranksX[0]).toBe(7);
		expect(Object.keys(state.intervals)).toEqual(['pearson', 'spearman', 'kendall']);
		for (const k of ['pearson', 'spearman', 'kendall']) {
			expect(state.intervals[k]).toHaveLength(2);
			expect(state.intervals[k][0]).toBeLessThanOrEqual(state.intervals[k][1]);
		}
		const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
		expect(csv.suggestedFilename()).toBe('correlation-4.csv');
		const lines = (await readFile((await csv.path())!, 'utf8')).trim().split('\n');
		expect(lines[0]).toBe('x,y');
		expect(lines[1]).toBe('10,9.14');
		expect(lines).toHaveLength(12);
	});
});
