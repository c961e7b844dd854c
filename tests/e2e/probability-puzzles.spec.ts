import { test, expect, widget, readout, waitForBackend } from './fixtures';

const PAGE = '/concepts/probability-puzzles/';

test.describe('probability puzzles page', () => {
	test('the numbers the interview asks for: 30 people 0.2937, 23 over ½ shared, 3 rolls 11/216, HH before TH 1/4', async ({ page, open }) => {
		await open(PAGE);
		await waitForBackend(page);
		await expect(page.locator('output[data-readout="exact"]')).toHaveText('0.2937');
		const exact = page.getByTestId('exact');
		await page.goto(`${PAGE}?people=23`);
		await expect(exact).toContainText('P(some two share) ≈ 0.5073');
		await expect(exact).toContainText('23 people are the fewest');
		await page.goto(`${PAGE}?puzzle=dice&rolls=3`);
		await expect(exact).toContainText('11/216');
		await page.goto(`${PAGE}?puzzle=coins`);
		await expect(exact).toContainText('1/4');
		await expect(page.locator('output[data-readout="exact"]')).toHaveText('0.25');
	});

	test('playing closes in on the exact answer: the interval narrows around it, and the export holds every step', async ({ page, open }) => {
		await open(`${PAGE}?puzzle=dice&rolls=3`);
		await waitForBackend(page);
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect(page.locator('output[data-readout="trials"]')).toHaveText('50000');
		const width = async () => Number(await readout(page, 'high')) - Number(await readout(page, 'low'));
		const first = await width();
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 30_000 });
		expect(await readout(page, 'trials')).toBe('1000000');
		expect(await width()).toBeLessThan(first / 3);
		const [low, high] = [Number(await readout(page, 'low')), Number(await readout(page, 'high'))];
		// Seeded: this run's interval holds 11/216 (a one-in-twenty miss would be the same every time, and caught here).
		expect(low).toBeLessThan(11 / 216);
		expect(high).toBeGreaterThan(11 / 216);
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Export data' }).click();
		const data = JSON.parse(await (await (await download).createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')));
		expect(data.state.exact.fraction).toBe('11/216');
		expect(data.history).toHaveLength(20);
		expect(data.history.at(-1).trials).toBe(1_000_000);
	});

	test('dragging the people slider moves the exact answer along the curve', async ({ page, open }) => {
		await open(PAGE);
		await waitForBackend(page);
		const slider = page.locator('input[data-param="people"]');
		const box = (await slider.boundingBox())!;
		await page.mouse.move(box.x + box.width * 0.06, box.y + box.height / 2);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 10 });
		await page.mouse.up();
		const people = Number(await slider.inputValue());
		expect(people).toBeGreaterThan(60);
		let allDifferent = 1;
		for (let k = 0; k < people; k++) allDifferent *= 1 - k / 365;
		expect(Number(await readout(page, 'exact'))).toBeCloseTo(allDifferent, 4);
	});
});
