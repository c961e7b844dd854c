import { test, expect, readout, waitForEngine, widget, dragSlider } from './fixtures';
import type { Page } from '@playwright/test';

const PAGE = '/concepts/decision-tree/';

async function exported(page: Page) {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export data' }).click();
	return JSON.parse(Buffer.concat(await (await (await download).createReadStream()).toArray()).toString('utf8'));
}

const H = (p: number) => (p <= 0 || p >= 1 ? 0 : -(p * Math.log2(p) + (1 - p) * Math.log2(1 - p)));

/** The root's best information gain, by trying every midpoint of both features directly. */
function bestRootGain(points: number[][]): number {
	const n = points.length;
	const share = (list: number[][]) => (list.length ? list.filter((p) => p[2] === 1).length / list.length : 0);
	const parent = H(share(points));
	let best = 0;
	for (const f of [0, 1]) {
		const values = [...new Set(points.map((p) => p[f]))].sort((a, b) => a - b);
		for (let k = 0; k + 1 < values.length; k++) {
			const t = (values[k] + values[k + 1]) / 2;
			const left = points.filter((p) => p[f] <= t);
			const right = points.filter((p) => p[f] > t);
			best = Math.max(best, parent - (left.length / n) * H(share(left)) - (right.length / n) * H(share(right)));
		}
	}
	return best;
}

test.describe('decision tree page', () => {
	test('the root’s entropy and best gain match a direct computation from the export; each Step adds a region', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		const regions = page.locator('g[aria-label="regions"] path');
		await expect(regions).toHaveCount(1);
		const data = await exported(page);
		expect(data.state.points).toHaveLength(120);
		expect(data.state.points.every((p: number[]) => p.length === 3 && (p[2] === 0 || p[2] === 1))).toBe(true);
		const share = data.state.points.filter((p: number[]) => p[2] === 1).length / 120;
		expect(Number(await readout(page, 'entropy'))).toBeCloseTo(H(share), 3);
		expect(Number(await readout(page, 'information_gain'))).toBeCloseTo(bestRootGain(data.state.points), 3);
		const step = page.getByRole('button', { name: 'Step', exact: true });
		await step.click();
		await expect(regions).toHaveCount(2);
		await step.click();
		await expect(regions).toHaveCount(3);
		const after = await exported(page);
		expect(after.state.splits).toHaveLength(2);
		expect(after.state.splits[0].node).toBe(0);
		expect(after.state.splits[0].informationGain).toBeCloseTo(bestRootGain(data.state.points), 5);
		expect(after.state.trainAccuracy).toBeCloseTo(Number(await readout(page, 'train_accuracy')), 3);
	});

	test('max depth dragged with the mouse: Play grows the tree to that depth and stops; accuracy against depth is drawn', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		const slider = page.locator('input[data-param="maxDepth"]');
		await slider.scrollIntoViewIfNeeded();
		await dragSlider(page, slider, 0.12);
		await expect.poll(async () => Number(await slider.inputValue())).toBeLessThan(4);
		const depth = Number(await slider.inputValue());
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 30_000 });
		expect(Number(await readout(page, 'depth'))).toBeLessThanOrEqual(depth);
		await expect(widget(page)).toContainText('Finished');
		await expect(page.getByRole('img', { name: /^Accuracy of trees of depth 0 to 12/ })).toBeVisible({ timeout: 15_000 });
		const data = await exported(page);
		expect(data.state.accuracyByDepth).toHaveLength(13);
		expect(data.state.testAccuracy).toBeCloseTo(Number(await readout(page, 'test_accuracy')), 3);
	});

	test('pasted CSV with a class column: no test set said plainly, one split separates the classes; a dragged point moves in the URL', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		await page.getByLabel('CSV text').fill('x,y,class\n0,0,0\n1,1,0\n2,2,1\n3,3,1\n');
		await page.getByRole('button', { name: 'Use pasted data' }).click();
		await expect.poll(() => new URL(page.url()).searchParams.get('preset')).toBe('own');
		await expect(widget(page)).toContainText('no fresh test set');
		expect(Number(await readout(page, 'entropy'))).toBe(1);
		expect(Number(await readout(page, 'information_gain'))).toBe(1);
		expect(await readout(page, 'test_accuracy')).toBe('—');
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged');
		expect(Number(await readout(page, 'train_accuracy'))).toBe(1);

		// The plot pads each side by 10% of the range: x and y run from −0.3 to 3.3.
		const editor = page.getByRole('application', { name: /^Edit the points/ });
		await editor.scrollIntoViewIfNeeded();
		const box = (await editor.boundingBox())!;
		const at = (x: number, y: number) => [box.x + ((x + 0.3) / 3.6) * box.width, box.y + (1 - (y + 0.3) / 3.6) * box.height] as const;
		await page.mouse.move(...at(0, 0));
		await page.mouse.down();
		await page.mouse.move(...at(0, 3), { steps: 8 });
		await page.mouse.up();
		await expect.poll(() => new URL(page.url()).searchParams.get('points')!.split(';')[0]).toMatch(/^0(\.\d+)?,(2\.[5-9]|3)[\d.]*,0$/);
	});

	test('one class only, and all points in one place: a plain notice, Step disabled, no NaN', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		await page.getByLabel('CSV text').fill('x,y,class\n1,2,0\n2,3,0\n3,1,0\n');
		await page.getByRole('button', { name: 'Use pasted data' }).click();
		await expect(widget(page)).toContainText('Every point is class A');
		await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeDisabled();
		await expect(page.locator('[data-concept]')).not.toContainText('NaN');
		await page.getByLabel('CSV text').fill('x,y,class\n1,1,0\n1,1,1\n1,1,0\n');
		await page.getByRole('button', { name: 'Use pasted data' }).click();
		await expect(widget(page)).toContainText('No threshold helps');
		await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeDisabled();
		await expect(page.locator('[data-concept]')).not.toContainText('NaN');
	});
});
