import { test, notesPage, openHostPage } from './fixtures';

/**
 * The fixtures fail a test on an error anywhere in its browser context, whether or not the
 * test opens its page with `open`: each of these must fail.
 */
test.describe('every test fails on an error', () => {
	const cases: [string, string][] = [
		['thrown in the page', '<script>throw new Error("in the page")</script>'],
		['thrown in an iframe', '<iframe srcdoc="<script>throw new Error(&quot;in a frame&quot;)</script>"></iframe>'],
		['thrown in a worker', '<script>new Worker(URL.createObjectURL(new Blob(["throw new Error(\'in a worker\')"])));</script>'],
		['logged by a popup', '<script>window.open("about:blank").console.error("in a popup")</script>']
	];
	for (const [where, body] of cases) {
		test(`an error ${where}`, async ({ page }) => {
			test.fail();
			await openHostPage(page, notesPage(body, { widgets: false }));
			// Worker errors and popups arrive a little after the load.
			await page.waitForTimeout(500);
		});
	}
});
