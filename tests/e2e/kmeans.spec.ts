import { readFile } from 'node:fs/promises';
import { test, expect, widget, readout, waitForBackend, waitForEngine, dragSlider, notesPage, openHostPage, ORIGIN } from './fixtures';

const PAGE = '/concepts/kmeans/';

test.describe('k-means page', () => {
	test('loads with no console error, runs on the wasm backend, and a run reaches converged', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		await expect(page.locator('[data-backend]')).toHaveAttribute('data-backend', 'wasm');
		await expect(widget(page)).toHaveAttribute('data-status', 'idle');
		await page.getByRole('combobox', { name: 'Speed' }).selectOption('30');
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'converged');
		expect(Number(await readout(page, 'iteration'))).toBeGreaterThan(0);
		expect(await readout(page, 'changed')).toBe('0');
		await expect(page.locator('[data-live]')).toContainText('Converged after');
		// Play and Step are done once converged; Reset starts over.
		await expect(page.getByRole('button', { name: 'Step' })).toBeDisabled();
		await page.getByRole('button', { name: 'Reset' }).click();
		await expect(widget(page)).toHaveAttribute('data-status', 'idle');
		expect(await readout(page, 'iteration')).toBe('0');
	});

	test('Step shows the two halves: assign colours the points, update moves the centroids', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		const centroid = page.getByRole('button', { name: /^Centroid 1 at/ });
		const before = await centroid.getAttribute('aria-label');
		await page.getByRole('button', { name: 'Step' }).click();
		await expect(page.locator('[data-live]')).toContainText('Iteration 1, assign: all 300 points assigned');
		expect(await readout(page, 'changed')).toBe('300');
		expect(await centroid.getAttribute('aria-label')).toBe(before); // assign moves no centroid
		await page.getByRole('button', { name: 'Step' }).click();
		await expect(page.locator('[data-live]')).toContainText('the centroids moved');
		expect(await readout(page, 'iteration')).toBe('1');
		await expect(centroid).not.toHaveAttribute('aria-label', before!);
	});

	test('keyboard: Space plays and pauses, → steps, R resets, when the widget has focus', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		await widget(page).focus();
		await page.keyboard.press('ArrowRight');
		await expect(page.locator('output[data-readout="changed"]')).toHaveText('300');
		await page.keyboard.press('ArrowRight');
		await expect(page.locator('output[data-readout="iteration"]')).toHaveText('1');
		await page.keyboard.press('r');
		await expect(page.locator('output[data-readout="iteration"]')).toHaveText('0');
		await page.keyboard.press(' ');
		await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
		await page.keyboard.press(' ');
		await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
	});

	test('playing pauses while the widget is scrolled out of view, and goes on when it is back', async ({ page, open }) => {
		await open(`${PAGE}?dataset=uniform&n=3000&k=12&tol=0.000001`);
		await waitForEngine(page);
		await page.getByRole('combobox', { name: 'Speed' }).selectOption('8');
		await page.getByRole('button', { name: 'Play' }).click();
		await expect.poll(async () => Number(await readout(page, 'iteration'))).toBeGreaterThan(1);
		await page.locator('.site-footer').scrollIntoViewIfNeeded();
		await expect(widget(page)).not.toBeInViewport();
		await page.waitForTimeout(300); // the IntersectionObserver reports
		const hidden = await readout(page, 'iteration');
		await page.waitForTimeout(1500);
		expect(await readout(page, 'iteration')).toBe(hidden);
		await expect(widget(page)).toHaveAttribute('data-status', 'running');
		await widget(page).scrollIntoViewIfNeeded();
		await expect.poll(() => readout(page, 'iteration')).not.toBe(hidden);
	});

	test('with reduced motion the widget starts slower and never plays by itself', async ({ page, open }) => {
		await page.emulateMedia({ reducedMotion: 'reduce' });
		await open(PAGE);
		await waitForEngine(page);
		await expect(page.getByRole('combobox', { name: 'Speed' })).toHaveValue('1');
		await expect(widget(page)).toHaveAttribute('data-status', 'idle');
	});

	test('dragging the k slider changes the URL and the plot', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		const slider = page.locator('input[data-param="k"]');
		await dragSlider(page, slider, 0.55); // k from 3 to about 7
		const k = Number(await slider.inputValue());
		expect(k).toBeGreaterThan(4);
		await expect(page.getByRole('button', { name: /^Centroid \d+ at/ })).toHaveCount(k);
		await expect.poll(() => new URL(page.url()).searchParams.get('k')).toBe(String(k));
		// Every parameter and the seed are in the URL.
		const query = new URL(page.url()).searchParams;
		for (const key of ['dataset', 'n', 'centers', 'k', 'init', 'start', 'tol', 'seed']) expect(query.has(key), key).toBe(true);
	});

	test('a URL reproduces the run exactly', async ({ page, open }) => {
		const url = `${PAGE}?dataset=unequal&n=700&centers=5&k=6&init=kmeans%2B%2B&start=4&tol=0.0001&seed=123`;
		const finalInertia = async () => {
			await open(url);
			await waitForEngine(page);
			await page.getByRole('combobox', { name: 'Speed' }).selectOption('60');
			await page.getByRole('button', { name: 'Play' }).click();
			await expect(widget(page)).toHaveAttribute('data-status', 'converged');
			return [await readout(page, 'inertia'), await readout(page, 'iteration')];
		};
		const first = await finalInertia();
		expect(await finalInertia()).toEqual(first);
	});

	test('a seed typed that is not a number keeps the seed and says why', async ({ page, open }) => {
		await open(`${PAGE}?seed=7`);
		await waitForEngine(page);
		const seedBox = page.getByRole('spinbutton', { name: 'Seed' });
		await seedBox.fill('');
		await seedBox.pressSequentially('1e');
		await seedBox.press('Tab');
		await expect(page.locator('.notices')).toContainText('The seed must be a whole number');
		await expect(seedBox).toHaveValue('7');
		await expect.poll(() => new URL(page.url()).searchParams.get('seed')).toBe('7');
	});

	test('bad URL values give notices and a working widget', async ({ page, open }) => {
		await open(`${PAGE}?k=999&n=-5&dataset=%3Cscript%3Ealert(1)%3C/script%3E&tol=NaN&seed=abc`);
		const notices = page.locator('.notices');
		await expect(notices).toContainText('k=999 is above the maximum 12; using 12');
		await expect(notices).toContainText('n=-5 is below the minimum 20; using 20');
		await expect(notices).toContainText('is not one of blobs');
		await expect(notices).toContainText('tol="NaN" is not a number');
		await expect(notices).toContainText('seed="abc" is not a number');
		await waitForEngine(page);
		await expect(page.getByRole('button', { name: /^Centroid \d+ at/ })).toHaveCount(12);
		await page.getByRole('button', { name: 'Step' }).click();
		expect(await readout(page, 'changed')).toBe('20');
		// (The notice quotes "NaN" from the URL; the widget itself must never show it.)
		for (const text of await page.locator('output, svg text, [data-status-text]').allTextContents()) expect(text).not.toContain('NaN');
		// The corrected values are written back to the URL.
		await expect.poll(() => new URL(page.url()).searchParams.get('k')).toBe('12');
	});

	test('clicking the plot adds a point to the run under way, and to the URL', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		await page.getByRole('button', { name: 'Step' }).click();
		await page.getByRole('button', { name: 'Step' }).click();
		const plot = page.locator('svg[role="img"]').first();
		const box = (await plot.boundingBox())!;
		await page.mouse.click(box.x + box.width * 0.8, box.y + box.height * 0.2);
		await expect(page.getByRole('button', { name: 'Clear 1 added point' })).toBeVisible();
		await expect.poll(() => new URL(page.url()).search).toMatch(/added=0\.\d+,0\.\d+&/);
		// The run goes on: still one iteration done; the next assignment places the new point.
		expect(await readout(page, 'iteration')).toBe('1');
		await page.getByRole('button', { name: 'Step' }).click();
		expect(Number(await readout(page, 'changed'))).toBeGreaterThanOrEqual(1);
		expect(await readout(page, 'iteration')).toBe('1');
	});

	test('manual initialisation: click to place the centroids, then run', async ({ page, open }) => {
		await open(`${PAGE}?init=manual&k=2`);
		await waitForBackend(page); // Step stays disabled until the centroids are placed
		await expect(page.locator('[data-live]')).toContainText('Click the plot to place centroid 1 of 2');
		const plot = page.locator('svg[role="img"]').first();
		const box = (await plot.boundingBox())!;
		await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.3);
		await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.7);
		await expect(page.getByRole('button', { name: 'Step' })).toBeEnabled();
		await expect.poll(() => new URL(page.url()).searchParams.get('centroids')).toMatch(/^[-\d.]+,[-\d.]+;[-\d.]+,[-\d.]+$/);
	});

	test('dragging a centroid between steps moves it in the run under way, and the URL starts from there', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Step' }).click();
		const handle = page.getByRole('button', { name: /^Centroid 2 at/ });
		const box = (await handle.boundingBox())!;
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await page.mouse.down();
		await page.mouse.move(box.x + 80, box.y + 40, { steps: 6 });
		await page.mouse.up();
		await expect(page.locator('select[data-param="init"]')).toHaveValue('manual');
		await expect.poll(() => new URL(page.url()).searchParams.get('centroids')?.split(';').length).toBe(3);
		expect(await readout(page, 'iteration')).toBe('2');
		await expect(page.locator('[data-status-text]')).toContainText('You moved centroid 2.');
		await page.getByRole('button', { name: 'Step' }).click();
		await expect(page.locator('[data-status-text]')).toContainText('Iteration 3, assign');
	});

	test('Run 20 restarts shows a dot per start, and a click loads that start', async ({ page, open }) => {
		await open(`${PAGE}?dataset=blobs&n=300&centers=4&k=4&init=random&start=0&seed=8`);
		await waitForEngine(page);
		await page.getByRole('button', { name: 'Run 20 restarts' }).click();
		const dots = page.getByRole('button', { name: /^Start \d+: inertia/ });
		await expect(dots).toHaveCount(20);
		await expect(page.getByText(/different end points; the best/)).toBeVisible();
		const best = page.getByRole('button', { name: /the best found/ }).first();
		const start = (await best.getAttribute('aria-label'))!.match(/^Start (\d+)/)![1];
		await best.click();
		await expect(page.locator('input[data-param="start"]')).toHaveValue(start);
		await expect.poll(() => new URL(page.url()).searchParams.get('start')).toBe(start);
	});

	test('the k sweep shows inertia and silhouette for k = 1 … 10 and can set k', async ({ page, open }) => {
		await open(`${PAGE}?centers=4&seed=2`);
		await waitForEngine(page);
		await expect(page.getByRole('button', { name: /^k = 10: inertia/ })).toHaveCount(2);
		await page.getByRole('button', { name: /^Use k = \d+$/ }).click();
		const k = await page.locator('input[data-param="k"]').inputValue();
		await expect(page.getByText(`Highest mean silhouette: k = ${k}`)).toBeVisible();
	});

	test('Export data downloads <slug>-<seed>.json of the documented shape', async ({ page, open }) => {
		await open(`${PAGE}?seed=42&n=50`);
		await waitForEngine(page);
		await page.getByRole('button', { name: 'Step' }).click();
		await page.getByRole('button', { name: 'Step' }).click();
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export data' }).click()]);
		expect(download.suggestedFilename()).toBe('kmeans-42.json');
		const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
		expect(Object.keys(data)).toEqual(['concept', 'version', 'params', 'seed', 'state', 'history']);
		expect(data.concept).toBe('kmeans');
		expect(data.seed).toBe(42);
		expect(data.params.n).toBe(50);
		expect(data.state.points).toHaveLength(50);
		expect(data.state.centroids).toHaveLength(3);
		expect(data.state.assignments).toHaveLength(50);
		expect(data.state.iteration).toBe(1);
		expect(typeof data.state.inertia).toBe('number');
		expect(data.state.converged).toBe(false);
		expect(data.history).toEqual([{ iteration: 1, inertia: data.state.inertia, centroids: data.state.centroids }]);
	});

	test('Export image gives an SVG and a PNG of the plots', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		await page.getByRole('button', { name: 'Step' }).click();
		const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export image (SVG)' }).click()]);
		expect(svg.suggestedFilename()).toBe('kmeans-1.svg');
		const text = await readFile((await svg.path())!, 'utf8');
		expect(text).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
		expect(text).toContain('data:image/png;base64,'); // the canvas of points
		expect(text).not.toContain('var(--'); // styles resolved
		const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export image (PNG)' }).click()]);
		expect(png.suggestedFilename()).toBe('kmeans-1.png');
		const bytes = await readFile((await png.path())!);
		expect(bytes.subarray(1, 4).toString()).toBe('PNG');
		expect(bytes.length).toBeGreaterThan(10_000);
	});

	test('Copy embed code offers an iframe and a web component with every parameter', async ({ page, open }) => {
		await open(`${PAGE}?k=5&seed=7`);
		await waitForEngine(page);
		await page.getByRole('button', { name: 'Copy embed code' }).click();
		const iframe = await page.locator('[data-snippet="iframe"]').inputValue();
		expect(iframe.startsWith(`<iframe src="${ORIGIN}/embed/kmeans/?dataset=blobs&amp;n=300&amp;centers=3&amp;k=5&amp;`)).toBe(true);
		expect(iframe).toMatch(/^<iframe src="[^"]*seed=7"/);
		expect(iframe).toContain("if (!event.data || event.data.type !== 'ml-explorables:resize') return;");
		const component = await page.locator('[data-snippet="web-component"]').inputValue();
		expect(component).toContain(`<script type="module" src="${ORIGIN}/widgets/ml-explorables.js"></script>`);
		expect(component).toContain('<ml-kmeans dataset="blobs" n="300" centers="3" k="5"');
		await page.getByRole('button', { name: 'Close' }).click();
		await expect(page.getByRole('dialog')).toBeHidden();
	});

	test('a "predict, then check" question sets the widget to its case', async ({ page, open }) => {
		await open(PAGE);
		await waitForEngine(page);
		const question = page.locator('[data-question="moons"]');
		await expect(question.getByRole('button', { name: 'Commit my guess' })).toBeDisabled();
		await question.getByLabel('Yes, each moon becomes one cluster').check();
		await question.getByRole('button', { name: 'Commit my guess' }).click();
		await expect(question).toContainText('Not quite.');
		await question.getByRole('button', { name: 'Show me in the widget' }).click();
		await expect(page.locator('select[data-param="dataset"]')).toHaveValue('moons');
		await expect.poll(() => new URL(page.url()).searchParams.get('dataset')).toBe('moons');
		expect(new URL(page.url()).searchParams.get('k')).toBe('2');
	});
});

test.describe('gallery and embed', () => {
	test('the gallery lists k-means with a preview and loads no TF.js', async ({ page, open }) => {
		const requests: string[] = [];
		page.on('request', (request) => requests.push(request.url()));
		await open('/');
		const card = page.locator('[data-concept-link="kmeans"]');
		await expect(card).toContainText('k-means convergence');
		await expect(card.locator('svg[role="img"]')).toBeVisible();
		expect(requests.filter((url) => /tfjs|\.wasm/.test(url))).toEqual([]);
		const sources = await Promise.all(
			requests.filter((url) => url.endsWith('.js')).map(async (url) => (await page.request.get(url)).text())
		);
		expect(sources.some((source) => source.includes('tfjs-core') || source.includes('registerKernel'))).toBe(false);
		await card.click();
		await expect(page).toHaveURL(/\/concepts\/kmeans\/$/);
	});

	test('the embed page shows the bare widget and posts its height to the host', async ({ page, open }) => {
		await open('/embed/kmeans/?k=4');
		await expect(page.locator('.site-header')).toHaveCount(0);
		await waitForEngine(page);
		await openHostPage(
			page,
			notesPage(
				`<script>window.heights = []; addEventListener('message', (e) => { if (e.data && e.data.type === 'ml-explorables:resize') heights.push(e.data.height); });</script>
			<iframe src="${ORIGIN}/embed/kmeans/?k=4" style="width:400px;height:300px" title="k-means"></iframe>`,
				{ widgets: false }
			)
		);
		await expect.poll(() => page.evaluate(() => (window as unknown as { heights: number[] }).heights.at(-1) ?? 0)).toBeGreaterThan(800);
	});

	test('the copied iframe snippet resizes its frame to the widget', async ({ page, open }) => {
		await open('/concepts/kmeans/?k=4');
		await waitForEngine(page);
		await page.getByRole('button', { name: 'Copy embed code' }).click();
		const snippet = await page.locator('[data-snippet="iframe"]').inputValue();
		await openHostPage(page, notesPage(`<div style="width:700px">${snippet}</div>`, { widgets: false }));
		await expect.poll(() => page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height)).toBeGreaterThan(1000);
	});

	test('the embed page fits a 320 px wide frame', async ({ page, open }) => {
		await page.setViewportSize({ width: 320, height: 800 });
		await open('/embed/kmeans/');
		await waitForEngine(page);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow).toBeLessThanOrEqual(0);
	});
});
