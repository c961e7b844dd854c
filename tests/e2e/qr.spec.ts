import { test, expect, waitForBackend, waitForEngine, dragSlider, scanQr as scan } from './fixtures';

test.describe('QR codes for phones in the room', () => {
	test('the share dialog’s code opens this very run on the concept page', async ({ page, open }) => {
		await open('/concepts/gradient-descent/?seed=7');
		await waitForEngine(page);
		await dragSlider(page, page.locator('input[type="range"][data-param]').first(), 0.8);
		await page.getByRole('button', { name: 'Copy embed code' }).click();
		const code = page.getByRole('img', { name: 'QR code of the link to this run' });
		await expect(code).toBeVisible();
		const link = new URL((await scan(code))!);
		expect(link.pathname).toBe('/concepts/gradient-descent/');
		expect(link.searchParams.get('seed')).toBe('7');
		// Every parameter of the page is in it, the slider's new value too.
		const pageQuery = new URL(page.url()).searchParams;
		for (const [key, value] of pageQuery) expect(link.searchParams.get(key), key).toBe(value);
	});

	test('presenter mode offers a large code of the current run', async ({ page, open }) => {
		await open('/concepts/kmeans/?seed=3&k=4');
		await waitForEngine(page);
		const button = page.getByRole('button', { name: 'QR code for the room' });
		await expect(button).toBeHidden();
		await page.keyboard.press('f');
		await button.click();
		const dialog = page.locator('dialog[data-dialog="room-qr"]');
		await expect(dialog).toBeVisible();
		const code = dialog.getByRole('img', { name: 'QR code of the link to this run' });
		const box = (await code.boundingBox())!;
		expect(box.width).toBeGreaterThan(300);
		const link = new URL((await scan(code))!);
		expect(link.pathname).toBe('/concepts/kmeans/');
		expect(link.searchParams.get('k')).toBe('4');
		expect(link.searchParams.get('seed')).toBe('3');
		await dialog.getByRole('button', { name: 'Close' }).click();
		await expect(dialog).toBeHidden();
	});

	test('a link too long for a code says so instead', async ({ page, open }) => {
		const points = Array.from({ length: 400 }, (_, i) => `${(i * 1.2345).toFixed(4)},${((i * 7.77) % 13).toFixed(4)}`).join(';');
		await open(`/concepts/correlation/?preset=own&points=${points}`);
		await waitForBackend(page);
		await page.getByRole('button', { name: 'Copy embed code' }).click();
		await expect(page.locator('[data-qr-too-long]')).toContainText('more than a QR code holds');
	});
});
