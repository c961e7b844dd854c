import { test, expect, ORIGIN, openHostPage } from './fixtures';

test.describe('what readers may change', () => {
	test('an embed with lock and hide lists: locked controls are disabled, hidden ones absent, and they stay in the URL', async ({ page, open }) => {
		await open('/embed/kmeans/?k=5&lock=k,seed&hide=dataset,init');
		await expect(page.locator('input[data-param="k"]')).toBeDisabled();
		await expect(page.locator('input[data-param="seed"]')).toBeDisabled();
		await expect(page.getByRole('button', { name: 'New seed' })).toBeDisabled();
		await expect(page.locator('[data-param="dataset"]')).toHaveCount(0);
		await expect(page.locator('[data-param="init"]')).toHaveCount(0);
		await expect(page.locator('input[data-param="centers"]')).toBeEnabled();
		// The reader changes an open control: the URL keeps the author's lists.
		await page.locator('input[data-param="centers"]').fill('5');
		await expect.poll(() => new URL(page.url()).searchParams.get('centers')).toBe('5');
		expect(new URL(page.url()).searchParams.get('lock')).toBe('k,seed');
		expect(new URL(page.url()).searchParams.get('hide')).toBe('dataset,init');
		// The run still works with its locked value.
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await expect(page.locator('[data-concept]')).not.toHaveAttribute('data-status', 'error');
	});

	test('the share dialog writes the chosen locks and hides into both snippets', async ({ page, open }) => {
		await open('/concepts/kmeans/?k=4&seed=7');
		await page.getByRole('button', { name: 'Copy embed code' }).click();
		await page.getByText('What readers may change').click();
		await page.locator('select[data-access="k"]').selectOption('locked');
		await page.locator('select[data-access="dataset"]').selectOption('hidden');
		const iframe = await page.locator('[data-snippet="iframe"]').inputValue();
		expect(iframe).toContain('lock=k');
		expect(iframe).toContain('hide=dataset');
		expect(iframe).toContain(`src="${ORIGIN}/embed/kmeans/?`);
		const component = await page.locator('[data-snippet="web-component"]').inputValue();
		expect(component).toContain(' lock="k"');
		expect(component).toContain(' hide="dataset"');
		// The snippet's own address opens a widget that honours them.
		const src = iframe.match(/src="([^"]+)"/)![1].replaceAll('&amp;', '&');
		await page.goto(src);
		await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
		await expect(page.locator('input[data-param="k"]')).toBeDisabled();
		await expect(page.locator('[data-param="dataset"]')).toHaveCount(0);
	});

	test('bad lists give a notice and lock nothing unknown', async ({ page, open }) => {
		await open('/embed/kmeans/?lock=nothing,k');
		await expect(page.locator('.notices')).toContainText('lock: "nothing" is not a parameter of this widget; ignored');
		await expect(page.locator('input[data-param="k"]')).toBeDisabled();
	});
});

test.describe('the embed help page', () => {
	test('gives copy-ready code for each place, for the chosen widget, and a live preview sized by the host script', async ({ page, open }) => {
		await open('/embed/');
		await page.locator('select[data-embed-concept]').selectOption('weight-init');
		const snippet = (id: string) => page.locator(`[data-snippet="${id}"]`).inputValue();
		expect(await snippet('html')).toContain(`<iframe src="${ORIGIN}/embed/weight-init/?seed=1"`);
		expect(await snippet('html')).toContain("event.data.type !== 'ml-explorables:resize'");
		expect(await snippet('web-component')).toContain('<ml-weight-init seed="1"></ml-weight-init>');
		expect(await snippet('jupyter')).toContain(`IFrame("${ORIGIN}/embed/weight-init/?seed=1", width="100%", height=900)`);
		expect(await snippet('markdown')).toContain('```{=html}');
		expect(await snippet('reveal')).toContain('data-preload');
		expect(await snippet('notion')).toBe(`${ORIGIN}/embed/weight-init/?seed=1`);
		const preview = page.locator('iframe[data-embed-preview]');
		await expect(preview).toHaveAttribute('src', `${ORIGIN}/embed/weight-init/?seed=1`);
		await expect.poll(async () => (await preview.boundingBox())!.height).not.toBe(900);
		await expect(page.frameLocator('iframe[data-embed-preview]').locator('[data-concept="weight-init"]')).toBeVisible();
	});

	test('the live preview takes its height from the preview only, and only a sane one', async ({ page, open }) => {
		await open('/embed/');
		const preview = page.locator('iframe[data-embed-preview]');
		// Settled, so that the preview's own height messages are over.
		await expect(page.frameLocator('iframe[data-embed-preview]').locator('[data-concept]')).toHaveAttribute('data-status', /idle|converged/);
		await expect(page.frameLocator('iframe[data-embed-preview]').locator('[data-backend]:not([data-backend=""])')).toBeVisible();
		const height = () => preview.evaluate((frame: HTMLIFrameElement) => frame.style.height);
		// From this page itself and from another frame on it: ignored.
		const message = { type: 'ml-explorables:resize', height: 1e9 };
		await page.evaluate((data) => postMessage(data, '*'), message);
		await page.evaluate(() => document.body.append(Object.assign(document.createElement('iframe'), { src: '/favicon.svg', name: 'other' })));
		await expect.poll(() => page.frame('other')?.url()).toContain('favicon.svg');
		await page.frame('other')!.evaluate((data) => parent.postMessage(data, '*'), message);
		await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
		expect(parseFloat(await height())).toBeLessThan(5000);
		// From the preview: clamped; a height that is not a number is ignored.
		const inPreview = (await (await preview.elementHandle())!.contentFrame())!;
		await inPreview.evaluate(() => parent.postMessage({ type: 'ml-explorables:resize', height: 'tall' }, '*'));
		await inPreview.evaluate((data) => parent.postMessage(data, '*'), message);
		await expect.poll(height).toBe('8000px');
	});
});

test.describe('Svelte users', () => {
	test('the package exports the Explorable component, built without $lib paths, and it renders a working widget', async ({ page, open }) => {
		const { readFile, stat } = await import('node:fs/promises');
		const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
		const entry = new URL(`../../${pkg.exports['.'].svelte}`, import.meta.url);
		const index = await readFile(entry, 'utf8');
		expect(index).toContain("export { default as Explorable } from './Explorable.svelte'");
		expect(await readFile(new URL('../../dist/Explorable.svelte', import.meta.url), 'utf8')).not.toContain('$lib');
		expect((await stat(new URL(`../../${pkg.exports['./widgets']}`, import.meta.url))).size).toBeGreaterThan(0);

		await open('/embed/');
		await page.locator('select[data-embed-concept]').selectOption('correlation');
		expect(await page.locator('[data-snippet="svelte"]').inputValue()).toContain('<Explorable concept="correlation" seed={1} />');
		const widget = page.locator('[data-component-preview] [data-concept="correlation"]');
		await expect(widget).toBeVisible();
		await expect(widget.locator('output[data-readout="pearson"]')).not.toHaveText('—');
	});
});

test.describe('hosts that sandbox or discover', () => {
	for (const slug of ['kmeans', 'vanishing-gradients']) {
		test(`${slug} runs in an iframe sandboxed without allow-same-origin (WordPress), and sizes it the WordPress way`, async ({ page }) => {
			await openHostPage(
				page,
				`<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Host</title></head><body>
				<iframe sandbox="allow-scripts" src="${ORIGIN}/embed/${slug}/?seed=3#?secret=Ab12Cd34Ef" title="widget" style="width:900px;height:500px"></iframe>
				<script>window.heights = []; addEventListener('message', (e) => { if (e.data && e.data.message === 'height' && e.data.secret === 'Ab12Cd34Ef') window.heights.push(e.data.value); });</script>
				</body></html>`
			);
			const frame = page.frameLocator('iframe');
			const status = frame.locator('[data-status-text]');
			await expect(frame.getByRole('button', { name: 'Step', exact: true })).toBeEnabled({ timeout: 30_000 });
			const before = await status.textContent();
			await frame.getByRole('button', { name: 'Step', exact: true }).click();
			await expect(status).not.toHaveText(before!);
			await expect(frame.locator('[data-concept]')).not.toHaveAttribute('data-status', 'error');
			await expect.poll(() => page.evaluate(() => (window as unknown as { heights: number[] }).heights.length)).toBeGreaterThan(0);
		});
	}

	test('every concept page names its oEmbed answer, and the answer embeds that concept', async ({ page, open, request }) => {
		await open('/concepts/kmeans/');
		const href = await page.locator('link[rel="alternate"][type="application/json+oembed"]').getAttribute('href');
		expect(href).toMatch(/\/oembed\/kmeans\.json$/);
		// The build writes full addresses from SITE_URL; here it is served at ORIGIN.
		const answer = await (await request.get(`${ORIGIN}/oembed/kmeans.json`)).json();
		expect(answer).toMatchObject({ version: '1.0', type: 'rich' });
		expect(answer.title).toBeTruthy();
		expect(answer.html).toContain('/embed/kmeans/?seed=');
		await open('/embed/kmeans/');
		await expect(page.locator('link[type="application/json+oembed"]')).toHaveAttribute('href', href!);
	});
});
