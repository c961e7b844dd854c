import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium where it is installed (machines without Playwright's own download);
// Playwright's bundled browser everywhere else.
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const useDebianChromium = existsSync(DEBIAN_CHROMIUM);
// E2E_PORT moves both servers (it and the next port), so two checkouts can test at once.
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 60_000,
	expect: { timeout: 15_000 },
	fullyParallel: true,
	workers: 2,
	retries: process.env.CI ? 1 : 0,
	reporter: [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
		trace: 'retain-on-failure',
		// The site's service worker would answer requests before page.route() sees them; the
		// offline test turns it back on.
		serviceWorkers: 'block',
		...devices['Desktop Chrome'],
		launchOptions: useDebianChromium
			? {
					executablePath: DEBIAN_CHROMIUM,
					args: [
						'--no-sandbox',
						'--disable-gpu',
						'--disable-quic',
						'--no-first-run',
						'--disable-background-networking',
						'--disable-component-update',
						'--disable-sync'
					]
				}
			: {}
	},
	webServer: [
		{
			// The built site, as `npm start` serves it; `npm run test:e2e` builds first.
			command: `node scripts/serve.js --port ${port}`,
			port,
			reuseExistingServer: false,
			timeout: 60_000
		},
		{
			// The same files under a folder: the site must work from any base path.
			command: `node scripts/serve.js --port ${port + 1} --base /some/folder/`,
			url: `http://localhost:${port + 1}/some/folder/`,
			reuseExistingServer: false,
			timeout: 60_000
		}
	]
});
