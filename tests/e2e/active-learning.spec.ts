import { test, expect, readout, waitForEngine, widget } from './fixtures';
import type { Page } from '@playwright/test';

const PAGE = '/concepts/active-learning/';

async function exported(page: Page) {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export data' }).click();
	return JSON.parse(Buffer.concat(await (await (await download).createReadStream()).toArray()).toString('utf8'));
}

/** The plot's range on one axis: the points' extent padded by a tenth on each side. */
function padded(values: number[]): [number, number] {
	const [lo, hi] = [Math.min(...values), Math.max(...values)];
	return [lo - (hi - lo) * 0.1, hi + (hi - lo) * 0.1];
}

const entropy = (p: number[]) => -p.reduce((s, q) => s + (q > 0 ? q * Math.log(q) : 0), 0);

test.describe('active learning page', () => {
	test('Step labels the strategy’s query, whose scores match the exported probabilities; a click on a grey point labels that point', async ({ page, open }) => {
		await open(`${PAGE}?repeats=3&budget=12`);
		await waitForEngine(page);
		expect(Number(await readout(page, 'labels'))).toBe(4);
		const data = await exported(page);
		expect(data.state.points).toHaveLength(150);
		expect(data.state.labelled).toHaveLength(4);
		expect(Number(await readout(page, 'accuracy'))).toBeCloseTo(data.state.accuracy, 2);

		// The smallest margin |p_A − p_B| among the unlabelled points is the next query.
		const margins = data.state.probabilities.map((p: number[], i: number) => (data.state.labelled.includes(i) ? Infinity : Math.abs(p[0] - p[1])));
		expect(margins[data.state.nextQuery]).toBeCloseTo(Math.min(...margins), 9);
		const p: number[] = data.state.probabilities[data.state.nextQuery];
		const note = page.locator('[data-query-note]');
		await expect(note).toContainText(`entropy ${String(Number(entropy(p).toPrecision(3)))}`);
		await expect(note).toContainText(`least confidence ${String(Number((1 - Math.max(...p)).toPrecision(3)))}`);

		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect.poll(async () => Number(await readout(page, 'labels'))).toBe(5);
		const after = await exported(page);
		expect(after.state.labelled.at(-1)).toBe(data.state.nextQuery);
		expect(after.history.at(-1)).toMatchObject({ labels: 5, point: data.state.nextQuery, by: 'margin' });

		// You as the strategy: click the unlabelled point farthest to the right.
		const points: number[][] = after.state.points;
		const [x0, x1] = padded(points.map((q) => q[0]));
		const [y0, y1] = padded(points.map((q) => q[1]));
		const target = points.map((_, i) => i).filter((i) => !after.state.labelled.includes(i)).sort((a, b) => points[b][0] - points[a][0])[0];
		const picker = page.getByRole('application', { name: /^Label a point yourself/ });
		await picker.scrollIntoViewIfNeeded();
		const box = (await picker.boundingBox())!;
		await page.mouse.click(box.x + ((points[target][0] - x0) / (x1 - x0)) * box.width, box.y + (1 - (points[target][1] - y0) / (y1 - y0)) * box.height);
		await expect.poll(async () => Number(await readout(page, 'labels'))).toBe(6);
		const clicked = await exported(page);
		expect(clicked.state.labelled.at(-1)).toBe(target);
		expect(clicked.history.at(-1)).toMatchObject({ point: target, by: 'you' });

		// The same by keys: [ picks a grey point, Enter labels it.
		await picker.focus();
		await page.keyboard.press(']');
		await page.keyboard.press('Enter');
		await expect.poll(async () => Number(await readout(page, 'labels'))).toBe(7);

		// Your labels are in the link, with the strategy's before them: a reload reopens this very run.
		const labelledNow = (await exported(page)).state.labelled as number[];
		await expect.poll(() => new URL(page.url()).searchParams.get('labelled')).toBe(labelledNow.slice(4).join(','));
		const accuracy = await readout(page, 'accuracy');
		await page.reload();
		await waitForEngine(page);
		await expect.poll(async () => Number(await readout(page, 'labels'))).toBe(7);
		expect(await readout(page, 'accuracy')).toBe(accuracy);
		const reopened = await exported(page);
		expect(reopened.state.labelled).toEqual(labelledNow);
		expect(reopened.history.map((h: { by: string }) => h.by)).toEqual(['start', 'margin', 'you', 'you']);
		// Reset starts again from the seed's four, and the link forgets the list.
		await page.getByRole('button', { name: 'Reset', exact: true }).click();
		await expect.poll(async () => Number(await readout(page, 'labels'))).toBe(4);
		await expect.poll(() => new URL(page.url()).searchParams.has('labelled')).toBe(false);
	});

	test('the comparison runs in the background: four strategies averaged over seeds; with two classes the uncertainty curves coincide', async ({ page, open }) => {
		await open(`${PAGE}?repeats=4&budget=14`);
		await waitForEngine(page);
		await expect(page.locator('[data-comparison-note]')).toContainText('mean over 4 seeds', { timeout: 60_000 });
		await expect(page.locator('[data-comparison-note]')).toContainText('lie on top of each other');
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 30_000 });
		expect(Number(await readout(page, 'labels'))).toBe(14);
		await expect(widget(page)).toContainText('Finished');
		const data = await exported(page);
		const curves = data.state.comparison.curves;
		expect(curves.map((c: { strategy: string }) => c.strategy)).toEqual(['random', 'least', 'margin', 'entropy']);
		expect(data.state.comparison.labels).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
		expect(curves[2].mean).toEqual(curves[1].mean);
		expect(curves[3].mean).toEqual(curves[1].mean);
		expect(data.history.map((h: { labels: number }) => h.labels)).toEqual(data.state.comparison.labels);
		await expect(page.locator('[data-concept]')).not.toContainText('NaN');
	});

	test('three classes: a third colour and scores that differ; pasted points of one class get a plain notice; editing adds a point to the URL', async ({ page, open }) => {
		await open(`${PAGE}?preset=three&features=linear&strategy=entropy&repeats=3`);
		await waitForEngine(page);
		expect(Number(await readout(page, 'labels'))).toBe(6);
		await expect(page.getByText('labelled C')).toBeVisible();
		const data = await exported(page);
		expect(data.state.classes).toBe(3);
		const entropies = data.state.probabilities.map((p: number[], i: number) => (data.state.labelled.includes(i) ? -Infinity : entropy(p)));
		expect(entropies[data.state.nextQuery]).toBeCloseTo(Math.max(...entropies), 9);

		await page.getByLabel('CSV text').fill('x,y,class\n0,0,0\n1,1,0\n2,0,0\n3,3,0\n');
		await page.getByRole('button', { name: 'Use pasted data' }).click();
		await expect.poll(() => new URL(page.url()).searchParams.get('preset')).toBe('own');
		await expect(widget(page)).toContainText('Every point is class A');
		await expect(widget(page)).toContainText('all the points');
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 15_000 });
		expect(Number(await readout(page, 'accuracy'))).toBe(1);
		await expect(page.locator('[data-concept]')).not.toContainText('NaN');

		await page.getByRole('button', { name: 'edits the points' }).click();
		await page.getByRole('button', { name: 'C', exact: true }).click();
		const editor = page.getByRole('application', { name: /^Edit the points/ });
		await editor.scrollIntoViewIfNeeded();
		const box = (await editor.boundingBox())!;
		await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.2);
		await expect.poll(() => new URL(page.url()).searchParams.get('points')?.split(';').length).toBe(5);
		expect(new URL(page.url()).searchParams.get('points')!.split(';')[4]).toMatch(/,2$/);
		await expect(widget(page)).not.toContainText('Every point is class A');
	});
});
