import type { Page } from '@playwright/test';
import { test, expect, waitForBackend, notesPage, openHostPage } from './fixtures';
import { CONCEPTS, ONE_PER_TOPIC } from './concepts';

/**
 * Every widget used with the keyboard alone: no clicks, no `focus()` — Tab, Shift+Tab,
 * arrows, Space and Enter, as a reader without a mouse would.
 */

/** What Tab should stop on inside a widget: every enabled, visible control. */
const FOCUSABLE = 'input, select, textarea, button, summary, [tabindex="0"]';

/** Presses Tab (or Shift+Tab) until the focused element matches `selector` (and has `text`, when given). */
async function tabTo(page: Page, selector: string, { text, backwards = false, max = 300 }: { text?: string; backwards?: boolean; max?: number } = {}) {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
		const found = await page.evaluate(
			([selector, text]) => {
				const element = document.activeElement;
				return Boolean(element?.matches(selector) && (text === null || element.textContent?.trim() === text));
			},
			[selector, text ?? null] as const
		);
		if (found) return;
	}
	throw new Error(`Tab never reached ${selector}${text ? ` "${text}"` : ''}`);
}

/** Marks every element that receives focus, and notes those with no visible focus ring. */
async function watchFocus(page: Page) {
	await page.evaluate(() => {
		document.addEventListener('focusin', (event) => {
			const element = event.target as Element;
			element.setAttribute('data-kb-seen', '');
			if (element instanceof HTMLElement && getComputedStyle(element).outlineStyle === 'none') element.setAttribute('data-kb-no-ring', '');
		});
	});
}

const liveText = (page: Page) => page.locator('[data-concept] [data-live]').textContent();

for (const { slug, title } of CONCEPTS) {
	test(`${title}: every control by Tab, a slider by arrows, run and step by keys, data tables, the status read out`, async ({ page, open }) => {
		test.setTimeout(120_000);
		await open(`/concepts/${slug}/`);
		await waitForBackend(page);
		const root = page.locator('[data-concept]');
		await expect(page.locator('[data-concept] [data-status-text]')).not.toContainText('Starting TF.js');
		await watchFocus(page);
		// Background work (k-means' choice of k) adds focusable points when it finishes: wait
		// until the widget's focusable elements stop changing, or the walk below can pass them by
		// (on a loaded machine a job's chart, cross-validation's, can come more than 1.5 s apart).
		let [count, stableSince] = [-1, Date.now()];
		for (const end = Date.now() + 20_000; Date.now() < end && Date.now() - stableSince < 2500; await page.waitForTimeout(250)) {
			const now = await root.locator(FOCUSABLE).count();
			if (now !== count) [count, stableSince] = [now, Date.now()];
		}

		// Tab from the top of the page through the whole widget and out of it again.
		await tabTo(page, '[data-concept]');
		let left = false;
		for (let i = 0; i < 400 && !left; i++) {
			await page.keyboard.press('Tab');
			left = await page.evaluate(() => !document.activeElement?.closest('[data-concept]'));
		}
		expect(left, 'Tab leaves the widget (no focus trap)').toBe(true);
		const missed = await root.evaluate((widget, selector) => {
			return [...widget.querySelectorAll(selector)]
				.filter((el) => !el.matches(':disabled') && (el as HTMLElement).checkVisibility?.() !== false && !el.hasAttribute('data-kb-seen'))
				.map((el) => el.outerHTML.slice(0, 120));
		}, FOCUSABLE);
		expect(missed, 'controls Tab never reached').toEqual([]);
		expect(await root.locator('[data-kb-no-ring]').evaluateAll((els) => els.map((el) => el.outerHTML.slice(0, 120))), 'focused without a focus ring').toEqual([]);
		await page.keyboard.press('Shift+Tab');
		await expect(page.locator('[data-concept] :focus')).toHaveCount(1);

		// Every chart has its numbers behind "Show data".
		const charts = await root.locator('svg[role="img"]').count();
		expect(charts).toBeGreaterThan(0);
		await expect(root.locator('details[data-table]')).toHaveCount(charts);

		// A slider, moved with the arrow keys, changes the run and the URL.
		await tabTo(page, '[data-concept]', { backwards: true });
		await tabTo(page, '[data-concept] input[type="range"][data-param]');
		const slider = page.locator('[data-concept] input[type="range"][data-param]:focus');
		const key = (await slider.getAttribute('data-param'))!;
		const before = new URL(page.url()).searchParams.get(key);
		const atMax = (await slider.inputValue()) === (await slider.getAttribute('max'));
		const statusBefore = await page.locator('[data-concept] [data-status-text]').textContent();
		// A log slider has 1000 positions: a few presses may round to the same value.
		for (let i = 0; i < 25 && new URL(page.url()).searchParams.get(key) === before; i++) {
			await page.keyboard.press(atMax ? 'ArrowLeft' : 'ArrowRight');
			await page.waitForTimeout(100);
		}
		await expect.poll(() => new URL(page.url()).searchParams.get(key), { message: `${key} in the URL` }).not.toBe(before);
		await expect(slider).toBeFocused();

		// Back on the widget itself: R resets, → steps, Space plays and pauses.
		await tabTo(page, '[data-concept]', { backwards: true });
		await page.keyboard.press('r');
		const step = page.getByRole('button', { name: 'Step', exact: true });
		// The network widgets rebuild their networks in a worker after a reset.
		await expect(page.locator('[data-concept] [data-status-text]')).not.toContainText('Starting TF.js');
		const steppable = await expect(step)
			.toBeEnabled({ timeout: 5000 })
			.then(() => true)
			.catch(() => false);
		if (steppable) {
			const atStart = await liveText(page);
			await page.keyboard.press('ArrowRight');
			await expect.poll(() => liveText(page), { message: 'the live region after →' }).not.toBe(atStart);
			await expect(page.locator('[data-concept] [data-live]')).not.toBeEmpty();
			await page.keyboard.press(' ');
			await expect(root).toHaveAttribute('data-status', /running|converged|diverged/);
			await page.keyboard.press(' ');
			await expect(root).not.toHaveAttribute('data-status', 'running');
			await expect(page.locator('[data-concept] [data-live]')).not.toBeEmpty();

			// The same with the buttons, reached by Tab and pressed with Enter and Space.
			await page.keyboard.press('r');
			await tabTo(page, '[data-concept] button', { text: 'Step' });
			const afterReset = await liveText(page);
			await page.keyboard.press('Enter');
			await expect.poll(() => liveText(page), { message: 'the live region after Step' }).not.toBe(afterReset);
			await expect(step).toBeFocused();
			await tabTo(page, '[data-concept] button', { text: 'Play', backwards: true });
			await page.keyboard.press(' ');
			await expect(root).toHaveAttribute('data-status', /running|converged|diverged/);
			await page.keyboard.press(' ');
			await expect(root).not.toHaveAttribute('data-status', 'running');
		} else {
			// Nothing to step (the correlation widget computes at once): the slider's change is what the status reports.
			await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeDisabled();
			await expect.poll(() => page.locator('[data-concept] [data-status-text]').textContent()).not.toBe(statusBefore);
			await expect(page.locator('[data-concept] [data-live]')).not.toBeEmpty();
		}

		// "Show data", opened with Space, lists rows under headers; Enter closes it.
		await tabTo(page, '[data-concept] details[data-table] > summary');
		const details = page.locator('[data-concept] details[data-table]:has(> summary:focus)');
		await page.keyboard.press(' ');
		await expect(details).toHaveAttribute('open', '');
		await expect(details.locator('caption')).not.toBeEmpty();
		await expect(details.locator('thead th[scope="col"]').first()).toBeVisible();
		expect(await details.locator('tbody th[scope="row"]').count()).toBeGreaterThan(0);
		await page.keyboard.press('Enter');
		await expect(details).not.toHaveAttribute('open', '');
	});
}

/** Presses Tab until a "Show data" summary has focus (inside a shadow root too), then opens it with Space. */
async function openFirstTable(page: Page, scope: string) {
	const focused = page.locator(`${scope} details[data-table] > summary:focus`);
	for (let i = 0; i < 300 && (await focused.count()) === 0; i++) await page.keyboard.press('Tab');
	await expect(focused).toHaveCount(1);
	await page.keyboard.press(' ');
	const details = page.locator(`${scope} details[data-table][open]`);
	await expect(details.locator('tbody th[scope="row"]').first()).toBeVisible();
	// Its styles came along (a web component keeps them in its shadow root).
	expect(await details.locator('thead th').first().evaluate((th) => getComputedStyle(th).position)).toBe('sticky');
}

for (const { slug, title } of ONE_PER_TOPIC) {
	test(`${title}: "Show data" opens by keyboard in an embed and in a web component`, async ({ page, open }) => {
		await open(`/embed/${slug}/`);
		await waitForBackend(page);
		await openFirstTable(page, '[data-concept]');

		await openHostPage(page, notesPage(`<ml-${slug}></ml-${slug}>`));
		await expect(page.locator(`ml-${slug} [data-backend]:not([data-backend=""])`)).toBeAttached();
		await openFirstTable(page, `ml-${slug}`);
	});
}
