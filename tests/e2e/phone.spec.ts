import type { CDPSession, Locator, Page } from '@playwright/test';
import { test, expect, expectNoSidewaysScroll, waitForBackend, waitForEngine, widget } from './fixtures';
import { CONCEPTS } from './concepts';

// A student's phone: 360 px wide, touch only. Every concept page must fit its width, give a
// finger 44 px targets, and play and take a slider by touch.
test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

/** The smallest a finger's target may be (WCAG 2.5.5), less half a pixel of rounding. */
const TARGET = 43.5;

/** Every control on the page smaller than a finger, described. Links in running text are exempt (WCAG's inline exception). */
function smallTargets(page: Page): Promise<string[]> {
	return page.evaluate((target) => {
		const visible = (r: DOMRect) => r.width > 0 && r.height > 0;
		const describe = (element: Element, r: DOMRect) =>
			`${element.tagName.toLowerCase()} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 30)}" ${r.width.toFixed(0)}×${r.height.toFixed(0)}`;
		const small: string[] = [];
		const controls = document.querySelectorAll('button, select, summary, input, header a, [role="button"]');
		for (const element of controls) {
			if (element.closest('.visually-hidden, [hidden]') || element.matches('.skip')) continue;
			const input = element as HTMLInputElement;
			// A check box or radio button is hit through its label.
			const box = element.matches('input[type="checkbox"], input[type="radio"]') ? (input.closest('label') ?? element) : element;
			const r = box.getBoundingClientRect();
			if (!visible(r)) continue;
			// A slider's track is a long, thin target: its height is what a finger must hit.
			const tooSmall = element.matches('input[type="range"]') ? r.height < target : r.height < target || r.width < target;
			if (tooSmall) small.push(describe(box, r));
		}
		return small;
	}, TARGET);
}

/** A touch gesture through Chromium's input domain: press at `from`, slide to `to`, lift. */
async function touchDrag(cdp: CDPSession, from: { x: number; y: number }, to: { x: number; y: number }) {
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
	for (let i = 1; i <= 8; i++) {
		const t = i / 8;
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t }] });
	}
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function centre(locator: Locator) {
	await locator.scrollIntoViewIfNeeded();
	const box = (await locator.boundingBox())!;
	return { x: box.x + box.width / 2, y: box.y + box.height / 2, box };
}

test('the gallery fits a phone, with targets for a finger', async ({ page, open }) => {
	await open('/');
	await expectNoSidewaysScroll(page);
	expect(await smallTargets(page)).toEqual([]);
});

for (const { slug, title } of CONCEPTS) {
	test(`${title} on a phone: no sideways scroll, 44 px targets, play and a slider by touch`, async ({ page, open }) => {
		await open(`/concepts/${slug}/`);
		await waitForBackend(page);
		await expectNoSidewaysScroll(page);
		expect(await smallTargets(page)).toEqual([]);

		const play = page.getByRole('button', { name: 'Play', exact: true });
		const pause = page.getByRole('button', { name: 'Pause', exact: true });
		if (await pause.isVisible()) await pause.tap();
		if ((await play.count()) > 0 && (await play.isEnabled())) {
			await play.tap();
			await pause.tap();
			await expect(play).toBeVisible();
		}

		const slider = page.locator('input[type="range"][data-param]:visible').first();
		if ((await slider.count()) > 0) {
			const before = await slider.inputValue();
			const { box } = await centre(slider);
			const min = Number(await slider.getAttribute('min'));
			const max = Number(await slider.getAttribute('max'));
			const at = (Number(before) - min) / (max - min);
			const cdp = await page.context().newCDPSession(page);
			const y = box.y + box.height / 2;
			await touchDrag(cdp, { x: box.x + at * box.width, y }, { x: box.x + (at > 0.5 ? 0.1 : 0.9) * box.width, y });
			await expect.poll(() => slider.inputValue()).not.toBe(before);
		}
		// What playing and the new value drew fits too.
		await expectNoSidewaysScroll(page);
		await expect(widget(page)).not.toContainText('NaN');
	});
}

test.describe('dragging on a plot by touch', () => {
	test('a finger drags a point of your own and the URL keeps it; a swipe from empty plot scrolls the page', async ({ page, open }) => {
		await open('/concepts/logistic-regression/?preset=own&points=0,0,0;1,1,1;0.5,0.2,0');
		await waitForEngine(page);
		const editor = page.getByRole('application', { name: /^Edit the points/ });
		const { box } = await centre(editor);
		// The plot pads each side by 10% of the data's range: (0, 0) sits at 1/12 of the box from its bottom left.
		const point = { x: box.x + box.width / 12, y: box.y + (box.height * 11) / 12 };
		const cdp = await page.context().newCDPSession(page);
		// A few pixels off: a finger picks the point anyway.
		await touchDrag(cdp, { x: point.x + 8, y: point.y - 8 }, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
		await expect.poll(() => new URL(page.url()).searchParams.get('points')?.split(';')[0]).not.toBe('0,0,0');
		expect(new URL(page.url()).searchParams.get('points')!.split(';')).toHaveLength(3);

		const scrolled = await page.evaluate(() => scrollY);
		const empty = { x: box.x + box.width * 0.9, y: box.y + box.height * 0.7 };
		await touchDrag(cdp, empty, { x: empty.x, y: empty.y - 200 });
		await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(scrolled + 50);
		expect(new URL(page.url()).searchParams.get('points')!.split(';')).toHaveLength(3);
	});

	test('a finger drags a k-means centroid', async ({ page, open }) => {
		await open('/concepts/kmeans/');
		await waitForEngine(page);
		const handle = page.getByRole('button', { name: /^Centroid 2 at/ });
		const { x, y } = await centre(handle);
		const cdp = await page.context().newCDPSession(page);
		await touchDrag(cdp, { x: x + 12, y }, { x: x - 40, y: y + 30 });
		await expect(page.locator('select[data-param="init"]')).toHaveValue('manual');
		await expect.poll(() => new URL(page.url()).searchParams.get('centroids')?.split(';').length).toBe(3);
	});
});
