// `npm run soak`: every concept's widget plays for 10 minutes (all at once, one page each,
// reset and played again whenever it finishes; a widget that does not animate has a slider
// moved to and fro instead). Every 30 s, after a garbage collection, the page's JS heap and the
// live TF.js tensors (the page's and its training workers', through the test-only probe)
// are sampled. Prints the slope of each per minute and writes bench/soak.json.
// Options: --minutes N (default 10), --no-build.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { buildUnlessAsked, keepPlaying, launchOptions, log, makePlayable, openWidget, root, serveSite } from './site.js';

const PORT = 4178;
const SAMPLE_EVERY_MS = 30_000;
const minutesArg = process.argv.indexOf('--minutes');
const MINUTES = minutesArg > 0 ? Number(process.argv[minutesArg + 1]) : 10;

/** Least-squares slope of y against x. */
function slope(xs, ys) {
	const n = xs.length;
	const mx = xs.reduce((a, b) => a + b, 0) / n;
	const my = ys.reduce((a, b) => a + b, 0) / n;
	let sxy = 0;
	let sxx = 0;
	for (let i = 0; i < n; i++) {
		sxy += (xs[i] - mx) * (ys[i] - my);
		sxx += (xs[i] - mx) ** 2;
	}
	return sxx > 0 ? sxy / sxx : 0;
}

/** Opens the widget and keeps it busy until the page closes. */
async function start(browser, slug) {
	const errors = [];
	const page = await openWidget(browser, `http://localhost:${PORT}/concepts/${slug}/`, async (page) => {
		await page.addInitScript(() => (window.mlExplorablesProbe = {}));
		page.on('pageerror', (error) => errors.push(error.message));
		page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
	});
	await page.locator('[data-concept]').scrollIntoViewIfNeeded();
	let mode = 'playing';
	if (await makePlayable(page)) await page.evaluate(keepPlaying, null);
	else {
		mode = await page.evaluate(() => {
			const slider = document.querySelector('[data-concept] input[type="range"]');
			let up = true;
			setInterval(() => {
				const value = Number(slider.value);
				slider.value = String(up ? Math.min(Number(slider.max), value + Number(slider.step || 1)) : Math.max(Number(slider.min), value - Number(slider.step || 1)));
				up = !up;
				slider.dispatchEvent(new Event('input', { bubbles: true }));
				slider.dispatchEvent(new Event('change', { bubbles: true }));
			}, 500);
			return `moving the ${slider.dataset.param} slider`;
		});
	}
	const cdp = await page.context().newCDPSession(page);
	return { slug, page, cdp, mode, errors, samples: [] };
}

async function sample(run, t0) {
	await run.cdp.send('HeapProfiler.collectGarbage');
	const { usedSize } = await run.cdp.send('Runtime.getHeapUsage');
	const tensors = await run.page.evaluate(() => window.mlExplorablesProbe.tensors?.() ?? null);
	run.samples.push({ minute: (Date.now() - t0) / 60_000, heapMB: usedSize / 2 ** 20, tensors });
}

async function main() {
	buildUnlessAsked();
	const concepts = JSON.parse(readFileSync(`${root}build/concepts.json`, 'utf8'));
	const server = await serveSite(PORT);
	const browser = await chromium.launch(launchOptions);
	try {
		const runs = [];
		for (const { slug } of concepts) runs.push(await start(browser, slug));
		log(`Soaking ${runs.length} widgets for ${MINUTES} min …`);
		const t0 = Date.now();
		while (Date.now() - t0 < MINUTES * 60_000) {
			for (const run of runs) await sample(run, t0);
			log(`  ${((Date.now() - t0) / 60_000).toFixed(1)} min: ${runs.map((r) => `${r.slug} ${r.samples.at(-1).heapMB.toFixed(1)} MB, ${r.samples.at(-1).tensors} tensors`).join('; ')}`);
			await new Promise((r) => setTimeout(r, SAMPLE_EVERY_MS));
		}
		for (const run of runs) await sample(run, t0);

		const rows = runs.map(({ slug, mode, errors, samples }) => {
			const minutes = samples.map((s) => s.minute);
			const withTensors = samples.filter((s) => s.tensors !== null);
			return {
				slug,
				mode,
				errors,
				samples,
				heapSlopeMBPerMin: slope(minutes, samples.map((s) => s.heapMB)),
				tensorSlopePerMin: withTensors.length > 1 ? slope(withTensors.map((s) => s.minute), withTensors.map((s) => s.tensors)) : null
			};
		});
		writeFileSync(`${root}bench/soak.json`, JSON.stringify({ date: new Date().toISOString(), minutes: MINUTES, rows }, null, 2));
		const lines = [
			`Soak: each widget busy for ${MINUTES} min, sampled every ${SAMPLE_EVERY_MS / 1000} s after a garbage collection`,
			'| concept | kept busy by | JS heap first → last (MB) | heap slope (MB/min) | tensors first → last | tensor slope (/min) | errors |',
			'|---|---|---|---|---|---|---|'
		];
		for (const row of rows) {
			const [first, last] = [row.samples[0], row.samples.at(-1)];
			lines.push(
				`| ${row.slug} | ${row.mode} | ${first.heapMB.toFixed(1)} → ${last.heapMB.toFixed(1)} | ${row.heapSlopeMBPerMin.toFixed(3)} | ${first.tensors ?? '—'} → ${last.tensors ?? '—'} | ${row.tensorSlopePerMin?.toFixed(2) ?? '—'} | ${row.errors.length} |`
			);
		}
		process.stdout.write(`${lines.join('\n')}\n`);
		log('Wrote bench/soak.json');
	} finally {
		await browser.close();
		server.kill();
	}
}

await main();
