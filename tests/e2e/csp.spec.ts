import { test as plain } from '@playwright/test';
import { test, expect, waitForBackend } from './fixtures';
import { CONCEPTS } from './concepts';

/**
 * Every built page carries a Content-Security-Policy that allows the site's own origin only
 * (plus 'wasm-unsafe-eval' for TF.js's wasm backend), and the widgets work under it. The
 * other browser tests run under the same policy: a violation is a console error, which
 * fails them.
 */
const PAGES = ['/', '/embed/', ...CONCEPTS.flatMap(({ slug }) => [`/concepts/${slug}/`, `/embed/${slug}/`])];

function policyOf(html: string): Map<string, string[]> {
	const content = html.match(/<meta http-equiv="content-security-policy" content="([^"]*)"/)?.[1];
	expect(content, 'a CSP <meta> tag').toBeTruthy();
	return new Map(
		content!
			.split(';')
			.map((directive) => directive.trim().split(/\s+/))
			.filter((parts) => parts[0])
			.map(([name, ...sources]) => [name, sources])
	);
}

for (const path of PAGES) {
	test(`${path} allows nothing from other origins`, async ({ page }) => {
		const policy = policyOf(await (await page.request.get(path)).text());
		expect(policy.get('default-src')).toEqual(["'self'"]);
		const scripts = policy.get('script-src')!;
		expect(scripts.filter((source) => !source.startsWith("'sha256-"))).toEqual(["'self'", "'wasm-unsafe-eval'"]);
		expect(policy.get('object-src')).toEqual(["'none'"]);
		for (const [name, sources] of policy) {
			// Keywords, hashes and in-page URLs only: no host, no scheme that reaches one.
			const hosts = sources.filter((source) => !/^'[^']+'$/.test(source) && source !== 'data:' && source !== 'blob:');
			expect(hosts, `${name} names no host`).toEqual([]);
			expect(sources, `${name} allows no inline script or eval`).not.toContain("'unsafe-eval'");
			if (name.startsWith('script')) expect(sources).not.toContain("'unsafe-inline'");
		}
	});
}

for (const { slug } of CONCEPTS) {
	test(`${slug}: the widget starts, steps and exports a PNG with no policy violation`, async ({ page, open }) => {
		await page.addInitScript(() => {
			(window as unknown as { violations: string[] }).violations = [];
			document.addEventListener('securitypolicyviolation', (event) =>
				(window as unknown as { violations: string[] }).violations.push(`${event.violatedDirective} ${event.blockedURI}`)
			);
		});
		await open(`/concepts/${slug}/`);
		await waitForBackend(page);
		const step = page.getByRole('button', { name: 'Step', exact: true });
		if (await step.isEnabled()) await step.click();
		await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export image (PNG)' }).click()]);
		expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
	});
}

// Not through the fixtures: the refused script is logged as a console error, on purpose.
plain('the policy is enforced: an injected inline script does not run', async ({ page }) => {
	await page.goto('/concepts/kmeans/');
	const outcome = await page.evaluate(
		() =>
			new Promise<{ ran: boolean; refused: string }>((resolve) => {
				document.addEventListener('securitypolicyviolation', (event) => resolve({ ran: 'injected' in window, refused: event.violatedDirective }));
				const script = document.createElement('script');
				script.textContent = 'window.injected = true';
				document.body.append(script);
			})
	);
	expect(outcome).toEqual({ ran: false, refused: 'script-src-elem' });
});
