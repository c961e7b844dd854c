import { test, expect, notesPage, openHostPage, ORIGIN } from './fixtures';

/** An author's notes page whose own styles would restyle our buttons if they leaked in. */
function hostPage(body: string): string {
	return notesPage(body, { head: '<style>button { color: red !important; background: yellow; } body { font-family: serif; }</style>' });
}

test.describe('<ml-kmeans> web component', () => {
	test('renders the widget from attributes, runs it, and keeps its styles to itself', async ({ page }) => {
		await openHostPage(page, hostPage('<ml-kmeans k="4" seed="7" dataset="moons"></ml-kmeans>'));
		const widget = page.locator('ml-kmeans [data-concept="kmeans"]');
		await expect(widget).toHaveAttribute('data-status', 'idle');
		await expect(page.locator('ml-kmeans select[data-param="dataset"]')).toHaveValue('moons');
		await expect(page.locator('ml-kmeans').getByRole('button', { name: /^Centroid \d+ at/ })).toHaveCount(4);
		await expect(page.locator('ml-kmeans [data-backend]')).toHaveAttribute('data-backend', 'wasm');
		// The host's `button { color: red }` does not reach inside.
		const color = await page.locator('ml-kmeans').getByRole('button', { name: 'Step' }).evaluate((b) => getComputedStyle(b).color);
		expect(color).not.toBe('rgb(255, 0, 0)');
		await page.locator('ml-kmeans').getByRole('combobox', { name: 'Speed' }).selectOption('60');
		await page.locator('ml-kmeans').getByRole('button', { name: 'Play' }).click();
		await expect(widget).toHaveAttribute('data-status', 'converged');
	});

	test('a changed attribute updates the widget; a bad one gives the same notice as in a URL', async ({ page }) => {
		await openHostPage(page, hostPage('<ml-kmeans k="3"></ml-kmeans>'));
		const element = page.locator('ml-kmeans');
		await expect(element.getByRole('button', { name: /^Centroid \d+ at/ })).toHaveCount(3);
		await element.evaluate((e) => e.setAttribute('k', '5'));
		await expect(element.getByRole('button', { name: /^Centroid \d+ at/ })).toHaveCount(5);
		await element.evaluate((e) => e.setAttribute('k', '999'));
		await expect(element.locator('.notices')).toContainText('k=999 is above the maximum 12; using 12');
		await expect(element.getByRole('button', { name: /^Centroid \d+ at/ })).toHaveCount(12);
	});

	test('the host page’s font size and spacing do not leak in', async ({ page }) => {
		await openHostPage(page, hostPage('<div style="font-size:40px;letter-spacing:5px"><ml-kmeans></ml-kmeans></div>'));
		const step = page.locator('ml-kmeans').getByRole('button', { name: 'Step' });
		await expect(step).toBeVisible();
		expect(await step.evaluate((b) => getComputedStyle(b).fontSize)).toBe('16px');
		expect(await step.evaluate((b) => getComputedStyle(b).letterSpacing)).toBe('normal');
	});

	test('an element removed while its code is still loading never starts', async ({ page }) => {
		await openHostPage(
			page,
			hostPage(`<script type="module">
					await customElements.whenDefined('ml-kmeans');
					const element = document.createElement('ml-kmeans');
					document.body.append(element);
					element.remove();
					window.removed = element;
				</script>`)
		);
		await page.waitForFunction(() => (window as unknown as { removed?: Element }).removed);
		await page.waitForTimeout(2000);
		const mounted = await page.evaluate(() => (window as unknown as { removed: Element }).removed.shadowRoot?.querySelector('[data-concept]') !== null);
		expect(mounted).toBe(false);
	});

	test('its embed code points at the site, not at the host page', async ({ page }) => {
		await openHostPage(page, hostPage('<ml-kmeans k="2"></ml-kmeans>'));
		await page.locator('ml-kmeans').getByRole('button', { name: 'Copy embed code' }).click();
		const iframe = await page.locator('ml-kmeans [data-snippet="iframe"]').inputValue();
		expect(iframe).toContain(`src="${ORIGIN}/embed/kmeans/?`);
		expect(iframe).not.toContain('host-page-for-test');
	});
});

test('<ml-vanishing-gradients> trains its network in a worker loaded from the widget bundle', async ({ page }) => {
	await openHostPage(page, hostPage('<ml-vanishing-gradients depth="6" act="relu" init="he-normal"></ml-vanishing-gradients>'));
	const element = page.locator('ml-vanishing-gradients');
	await expect(element.getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
	await element.getByRole('button', { name: 'Step', exact: true }).click();
	await expect(element.locator('output[data-readout="step"]')).toHaveText('1');
	expect(Number(await element.locator('output[data-readout="ratio"]').textContent())).toBeGreaterThan(0);
});

test('a web component honours lock and hide attributes, and picks up changes to them', async ({ page }) => {
	await openHostPage(page, hostPage('<ml-kmeans k="4" lock="k" hide="dataset"></ml-kmeans>'));
	const element = page.locator('ml-kmeans');
	await expect(element.locator('input[data-param="k"]')).toBeDisabled();
	await expect(element.locator('[data-param="dataset"]')).toHaveCount(0);
	await element.evaluate((e) => e.removeAttribute('lock'));
	await expect(element.locator('input[data-param="k"]')).toBeEnabled();
});

test('a notes page with two web components and an iframe: all run, none interferes, TF.js loads once', async ({ page }) => {
	const wasm: string[] = [];
	page.on('request', (request) => {
		if (request.frame() === page.mainFrame() && /tfjs-backend-wasm.*\.wasm$/.test(request.url())) wasm.push(request.url());
	});
	const body = `<ml-kmeans k="4" seed="7"></ml-kmeans>
		<ml-gradient-descent surface="rosenbrock"></ml-gradient-descent>
		<iframe src="${ORIGIN}/embed/bias-variance/?sets=20" style="width:600px;height:300px;border:0" title="bias-variance"></iframe>
		<script>
		addEventListener('message', (event) => {
		  if (!event.data || event.data.type !== 'ml-explorables:resize') return;
		  for (const frame of document.querySelectorAll('iframe')) {
		    if (frame.contentWindow === event.source) frame.style.height = event.data.height + 'px';
		  }
		});
		</script>`;
	await openHostPage(page, hostPage(body));
	const kmeans = page.locator('ml-kmeans');
	const descent = page.locator('ml-gradient-descent');
	for (const element of [kmeans, descent]) {
		await expect(element.getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
		await element.getByRole('button', { name: 'Step', exact: true }).click();
	}
	await expect(kmeans.locator('[data-concept]')).not.toHaveAttribute('data-status', 'error');
	await expect(descent.locator('output[data-readout="step"]')).toHaveText('1');
	// The one's state is its own: changing k leaves the other widget alone.
	await kmeans.evaluate((e) => e.setAttribute('k', '6'));
	await expect(kmeans.getByRole('button', { name: /^Centroid \d+ at/ })).toHaveCount(6);
	await expect(descent.locator('output[data-readout="step"]')).toHaveText('1');
	// The iframe reports its height and the documented script applies it.
	await expect.poll(async () => (await page.locator('iframe').boundingBox())!.height).toBeGreaterThan(600);
	await expect(page.frameLocator('iframe').locator('[data-concept="bias-variance"]')).toBeVisible();
	// One TF.js for the page: its wasm file fetched once, for both components.
	expect(new Set(wasm).size).toBe(1);
	expect(wasm.length).toBe(1);
});
