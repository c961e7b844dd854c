import { readFile } from 'node:fs/promises';
import { test, expect, widget, readout, waitForEngine, dragSlider } from './fixtures';

const PAGE = '/concepts/gradient-descent/';

test.describe('gradient-descent page', () => {
	test('loads on wasm and plays until the bowl runs converge', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		await expect(page.locator('[data-backend]')).toHaveAttribute('data-backend', 'wasm');
		await expect(page.locator('svg[role="img"]').first()).toHaveAttribute('aria-label', /Contours of \(x² \+ 10·y²\) \/ 2/);
		await page.getByRole('combobox', { name: 'Speed' }).selectOption('60');
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged', { timeout: 30_000 });
		await expect(page.locator('[data-live]')).toContainText('Finished after');
		expect(Number(await readout(page, 'adam-distance'))).toBeLessThan(0.01);
		await expect(page.locator('output[data-readout="sgd-loss"]')).not.toHaveText('—');
	});

	test('a custom formula from the URL renders with its gradient', async ({ page, open }) => {
		await open(`${PAGE}?surface=custom&expr=${encodeURIComponent('x^2 + 10*y^2')}`);
		await waitForEngine(page);
		await expect(widget(page)).toContainText('∂f/∂x = 2 * x');
		await expect(widget(page)).toContainText('∂f/∂y = 20 * y');
		await expect(page.locator('.chart canvas').first()).toBeAttached();
		await expect(page.locator('.notices')).toHaveCount(0);
	});

	test('a bad formula in the URL gives a notice and a working widget', async ({ page, open }) => {
		await open(`${PAGE}?surface=custom&expr=${encodeURIComponent('import("fs")')}&opt=sgd`);
		await expect(page.locator('.notices')).toContainText('"import" is not allowed');
		await waitForEngine(page);
		await page.getByRole('button', { name: 'Step' }).click();
		expect(await readout(page, 'step')).toBe('1');
		await expect(page.locator('p', { hasText: 'f(x, y) =' })).toContainText('sin(x) * cos(y)');
	});

	test('typing a formula: refused text stays out with its reason, a good one applies', async ({ page, open }) => {
		await open(`${PAGE}?surface=custom`);
		await waitForEngine(page);
		const field = page.locator('input[data-param="expr"]');
		await field.fill('x^2 + evaluate("1")');
		await expect(page.locator('.control .error')).toContainText('not allowed');
		await field.press('Enter');
		expect(new URL(page.url()).searchParams.get('expr')).not.toContain('evaluate');
		await field.fill('(x-1)^2 + (y+1)^2');
		await field.press('Enter');
		await expect.poll(() => new URL(page.url()).searchParams.get('expr')).toBe('(x-1)^2 + (y+1)^2');
		await expect(widget(page)).toContainText('∂f/∂x = 2 * (x - 1)');
	});

	test('dragging the learning-rate slider redraws the paths and updates the URL', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		const path = page.locator('g[aria-label="Paths"] path').first();
		const before = await path.getAttribute('d');
		await dragSlider(page, page.locator('input[data-param="lr"]'), 0.3);
		await expect(path).not.toHaveAttribute('d', before!);
		await expect.poll(() => new URL(page.url()).searchParams.get('lr')).not.toBe('0.05');
	});

	test('picking a surface brings its own start and learning rate', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		await page.locator('select[data-param="surface"]').selectOption('rosenbrock');
		await expect.poll(() => new URL(page.url()).searchParams.get('lr')).toBe('0.001');
		expect(new URL(page.url()).searchParams.get('x0')).toBe('-1.2');
		await expect(page.getByRole('button', { name: /^Start point at \(-1\.20, 1\.00\)/ })).toBeVisible();
	});

	test('dragging the start point moves every path, and the URL', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		const handle = page.getByRole('button', { name: /^Start point at/ });
		const box = (await handle.boundingBox())!;
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await page.mouse.down();
		await page.mouse.move(box.x + 60, box.y + 80, { steps: 5 });
		await page.mouse.up();
		await expect.poll(() => new URL(page.url()).searchParams.get('x0')).not.toBe('-1.7');
	});

	test('a run that leaves the plot is marked and the others go on; all gone is diverged', async ({ page, open }) => {
		// Adam converges at step 190 of these 200; SGD leaves the plot at once.
		await open(`${PAGE}?opt=sgd,adam&lr=0.3&steps=200`);
		await waitForEngine(page);
		await page.getByRole('combobox', { name: 'Speed' }).selectOption('60');
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged');
		await expect(page.locator('[data-live]')).toContainText('SGD left the plot at step');
		await expect(page.locator('g[aria-label="Runs that blew up or left the plot"] text')).toHaveText(['✕']);

		await open(`${PAGE}?surface=saddle&opt=sgd,adam`);
		await waitForEngine(page);
		await page.getByRole('combobox', { name: 'Speed' }).selectOption('60');
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'diverged');
	});

	test('a run in which no optimizer converges ends idle and says so, not converged', async ({ page, open }) => {
		// A cone: its gradient has length 1 everywhere, so no run gets below the tolerance.
		await open(`${PAGE}?surface=custom&expr=${encodeURIComponent('(x^2+y^2)^0.5')}&steps=60`);
		await waitForEngine(page);
		await page.getByRole('combobox', { name: 'Speed' }).selectOption('60');
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(page.locator('[data-live]')).toContainText('Finished after 60 steps; no run converged.');
		await expect(widget(page)).toHaveAttribute('data-status', 'idle');
		await expect(page.getByRole('button', { name: 'Step' })).toBeDisabled();
	});

	test('a URL naming a surface brings that surface’s start and learning rate', async ({ page, open }) => {
		await open(`${PAGE}?surface=rosenbrock`);
		await waitForEngine(page);
		await expect(page.getByRole('button', { name: /^Start point at \(-1\.20, 1\.00\)/ })).toBeVisible();
		await expect(page.locator('input[data-param="lr"]')).toHaveAttribute('aria-valuetext', '0.001');
	});

	test('a "+" that a web address turned into a space is refused, not read as a product', async ({ page, open }) => {
		await open(`${PAGE}?surface=custom&expr=x^2+y^2`);
		await expect(page.locator('.notices')).toContainText('Two terms are separated only by a space');
		await expect(page.locator('.notices')).toContainText('%2B');
	});

	test('the step never runs past the paths, and a question starts its case from step 0', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		for (let i = 0; i < 30; i++) await page.getByRole('button', { name: 'Step' }).click();
		expect(await readout(page, 'step')).toBe('30');
		await page.locator('input[data-param="steps"]').fill('10'); // not a drag: the log slider's position
		await page.locator('input[data-param="steps"]').dispatchEvent('input');
		await expect.poll(async () => Number(await readout(page, 'step'))).toBeLessThanOrEqual(20);
		const question = page.locator('[data-question="ravine"]');
		await question.getByLabel('Momentum: it builds up speed along the flat direction').check();
		await question.getByRole('button', { name: 'Commit my guess' }).click();
		await question.getByRole('button', { name: 'Show me in the widget' }).click();
		await expect(page.locator('output[data-readout="step"]')).toHaveText('0');
	});

	test('Export data holds both parts with every hyperparameter used', async ({ page, open }) => {
		await open(`${PAGE}?opt=adagrad,adamw&seed=3`);
		await waitForEngine(page);
		for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step' }).click();
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export data' }).click()]);
		expect(download.suggestedFilename()).toBe('gradient-descent-3.json');
		const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
		const { state } = data;
		expect(state.surface).toBe('quadratic');
		expect(state.start).toEqual([-1.7, 1.5]);
		expect(state.schedule.name).toBe('constant');
		expect(state.optimizers.map((o: { name: string }) => o.name)).toEqual(['adagrad', 'adamw']);
		expect(state.optimizers[0].hyperparams).toEqual({ lr: 0.05, initialAccumulator: 0.1, epsilon: 1e-7 });
		expect(Object.keys(state.optimizers[1].hyperparams).sort()).toEqual(['beta1', 'beta2', 'epsilon', 'lr', 'weightDecay']);
		expect(state.optimizers[0].path[0]).toEqual([-1.7, 1.5]);
		expect(state.batch.runs.map((r: { batchSize: number }) => r.batchSize)).toEqual([200, 16, 1]);
		expect(state.batch.data).toHaveLength(200);
		expect(data.history).toHaveLength(4);
	});

	test('a "predict, then check" question sets the widget to its case', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		const question = page.locator('[data-question="too-large"]');
		await question.getByLabel('It bounces further each step and flies off').check();
		await question.getByRole('button', { name: 'Commit my guess' }).click();
		await expect(question).toContainText('Right.');
		await question.getByRole('button', { name: 'Show me in the widget' }).click();
		await expect.poll(() => new URL(page.url()).searchParams.get('lr')).toBe('0.21');
		expect(new URL(page.url()).searchParams.get('opt')).toBe('sgd');
	});
});
