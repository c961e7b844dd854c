// What the bench scripts share: building and serving the site, the browser, and opening a
// widget page ready to play.
import { execSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
/** Debian's Chromium where it is installed, Playwright's own browser elsewhere. */
export const launchOptions = existsSync(DEBIAN_CHROMIUM)
	? { executablePath: DEBIAN_CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] }
	: {};

export const log = (message) => process.stderr.write(`${message}\n`);

/** The whole build (`npm run build`), unless the command line says --no-build. */
export function buildUnlessAsked() {
	if (process.argv.includes('--no-build')) return;
	log('Building the site …');
	execSync('npm run build', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Serves build/ on `port` as `npm run preview` does; resolves once it answers. */
export async function serveSite(port, timeoutMs = 60_000) {
	const server = spawn(process.execPath, [`${root}scripts/serve.js`, '--port', String(port)], { cwd: root, stdio: 'ignore' });
	const url = `http://localhost:${port}/`;
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		try {
			if ((await fetch(url)).ok) return server;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	server.kill();
	throw new Error(`${url} did not start`);
}

/**
 * A new 1280 × 900 page at `url`, hydrated and with its simulation backend chosen;
 * `beforeLoad(page)` may add init scripts and listeners first.
 */
export async function openWidget(browser, url, beforeLoad = () => {}) {
	const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	await beforeLoad(page);
	await page.goto(url);
	await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
	await page.locator('[data-backend]:not([data-backend=""])').waitFor();
	return page;
}

/**
 * Waits until the widget's Play is enabled; one that opens finished (everything already
 * shown) is reset first. False for a widget that does not animate.
 */
export async function makePlayable(page) {
	const play = page.getByRole('button', { name: 'Play', exact: true });
	const enabled = (timeout) =>
		play
			.and(page.locator(':enabled'))
			.waitFor({ timeout })
			.then(() => true, () => false);
	if (await enabled(20_000)) return true;
	await page.getByRole('button', { name: 'Reset', exact: true }).click();
	return enabled(5000);
}

/**
 * Runs in the page (`page.evaluate(keepPlaying, ms)`): presses Play, and Reset + Play
 * whenever the run finishes, for `ms` milliseconds (for ever when null).
 */
export function keepPlaying(ms) {
	const widget = document.querySelector('[data-concept]');
	const button = (name) => [...widget.querySelectorAll('button')].find((b) => b.textContent.trim() === name);
	const end = ms === null ? Infinity : performance.now() + ms;
	button('Play').click();
	const watch = () => {
		if (performance.now() > end) return;
		const status = widget.dataset.status;
		if (status === 'converged' || status === 'diverged' || (status === 'idle' && button('Play'))) {
			button('Reset').click();
			button('Play')?.click();
		}
		setTimeout(watch, 100);
	};
	watch();
}
