// `npm run bench`: one simulation step of every concept in the registry, and more detailed timings, in Node and in Chromium (TF.js on wasm and cpu,
// beside a plain Float32Array loop), and frame times of the real widget while it plays.
// Prints one table and writes bench/results.json. Timing lives here, never in tests.
// Options: --busy (another process keeps one core busy throughout; writes bench/results-busy.json),
// --frames-only (only the real widgets' frames: playing, dragging, loading), --only <text> (only the
// frame rows and pages whose name holds it; with --frames-only), --no-build.
import { execSync, spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'vite';
import { chromium } from '@playwright/test';
import { buildUnlessAsked, keepPlaying, launchOptions, log, makePlayable, openWidget, root, serveSite } from './site.js';

const MODULE_PORT = 5199;
const SIX_ON_ROSENBROCK =
	'/concepts/gradient-descent/?surface=rosenbrock&lr=0.001&x0=-1.2&y0=1&opt=sgd,momentum,nesterov,rmsprop,adam,amsgrad&steps=500';
const GD_ROWS = {
	trajectories: '6 optimizers × 500 steps, plain path (what a slider drag recomputes)',
	tfTrain: 'the same through tf.train, one scalar step at a time (once)',
	grid: '200 × 200 loss grid on TF.js (Rosenbrock)',
	contours: '20 filled contour levels of that grid (d3-contour)',
	compileCold: 'compile a typed formula, first time (mathjs warm-up)',
	compileWarm: 'compile a typed formula again',
	customGrid: '200 × 200 grid of the typed formula on TF.js'
};
const BV_ROWS = {
	polySweep: 'full sweep: degrees 0–15 × 200 sets × n = 30 (target < 200 ms in Chromium)',
	polySweepLongestSlice: 'its longest slice between yields (must stay well under 50 ms)',
	knnSweep: 'kNN sweep, 10 values of k × 200 sets × n = 30',
	dragNoise: 'one noise or n change: 200 new sets and the degree-3 fits',
	polySweepMax: 'full sweep at the maximum: 500 sets × n = 200'
};
const CORRELATION_ROWS = {
	bootstrap1000: 'bootstrap, n = 1000, 1 000 resamples, all three coefficients (runs in the background)',
	bootstrapLongestSlice: 'its longest slice between yields (50 resamples)',
	drag200: 'one drag step at n = 200: r, ρ, τ-b, ranks, both lines, pulls, influence',
	correlate1000: 'the same at n = 1000'
};
const NETWORK_ROWS = {
	step: 'one training step, depth 20 × width 32, batch 64 (TF.js)',
	floor: 'the same in a plain Float32Array loop (floor)',
	stepMax: 'one training step at the maximum, depth 50 × width 128'
};
const PREVIEW_PORT = 4179;
const FRAMES_ONLY = process.argv.includes('--frames-only');
const BUSY = process.argv.includes('--busy');
// --only <text>: only the frame rows (and pages) whose name holds the text, to measure one change quickly.
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
const wanted = (name) => ONLY === null || name.includes(ONLY);

/** A plain CPU loop in another process, keeping one core busy (`--busy`), as a teacher's laptop with a video call would be. */
function keepOneCoreBusy() {
	return spawn(process.execPath, ['-e', 'let x = 0; for (;;) x = (x * 1103515245 + 12345) % 2147483648;'], { stdio: 'ignore' });
}

// The sim modules straight from the source, for the Chromium half.
async function startModuleServer() {
	const server = await createServer({
		configFile: false,
		root,
		logLevel: 'error',
		resolve: { alias: { $lib: `${root}src/lib` } },
		server: { port: MODULE_PORT, strictPort: true }
	});
	await server.listen();
	return server;
}

function nodeTimings() {
	log('Node (Vitest), wasm and cpu …');
	const out = `${root}bench/.node-results.json`;
	execSync('npx vitest run --config bench/vitest.config.ts', {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, BENCH_OUT: out }
	});
	const rows = JSON.parse(readFileSync(out, 'utf8'));
	rmSync(out);
	return rows;
}

async function browserTimings(browser) {
	const rows = {};
	for (const backend of ['wasm', 'cpu']) {
		log(`Chromium, ${backend} …`);
		const page = await browser.newPage();
		await page.goto(`http://localhost:${MODULE_PORT}/bench/browser.html?backend=${backend}`);
		const result = await page.waitForFunction(() => window.benchResult, null, { timeout: 300_000 }).then((h) => h.jsonValue());
		if (result.backend !== backend) throw new Error(`asked for ${backend}, got ${result.backend}`);
		rows[backend] = result;
		await page.close();
	}
	return rows;
}

/** Plays the built widget for `seconds` (restarting whenever it converges) and records every frame. */
async function frameTimes(browser, query, seconds = 10) {
	const page = await openWidget(browser, `http://localhost:${PREVIEW_PORT}/concepts/kmeans/?${query}`);
	await page.getByRole('combobox', { name: 'Speed' }).selectOption('60');
	await page.locator('[data-concept]').scrollIntoViewIfNeeded();
	const stats = await page.evaluate(async (ms) => {
		const frames = [];
		const longTasks = [];
		new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration))).observe({ type: 'longtask' });
		const button = (name) => [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === name);
		const root = document.querySelector('[data-concept]');
		button('Play').click();
		await new Promise((resolve) => {
			let last = performance.now();
			const end = last + ms;
			const frame = (now) => {
				frames.push(now - last);
				last = now;
				if (root.dataset.status === 'converged') {
					button('Reset').click();
					button('Play').click();
				}
				if (now < end) requestAnimationFrame(frame);
				else resolve();
			};
			requestAnimationFrame(frame);
		});
		button('Pause')?.click();
		frames.sort((a, b) => a - b);
		const at = (q) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))];
		// At 60 Hz every frame interval is ~16.7 ms; one over 20 ms means a frame was missed.
		const dropped = frames.filter((f) => f > 20).length;
		return { frames: frames.length, p50: at(0.5), p95: at(0.95), max: frames[frames.length - 1], dropped, longTasks: longTasks.length, longestTask: Math.max(0, ...longTasks) };
	}, seconds * 1000);
	await page.close();
	return stats;
}

/** Records every animation frame and long task in the page until `stop()` is called. */
async function startRecording(page) {
	await page.evaluate(() => {
		const record = { frames: [], longTasks: [], last: performance.now(), on: true };
		window.__record = record;
		new PerformanceObserver((list) => list.getEntries().forEach((e) => record.on && record.longTasks.push(e.duration))).observe({ type: 'longtask' });
		const frame = (now) => {
			if (!record.on) return;
			record.frames.push(now - record.last);
			record.last = now;
			requestAnimationFrame(frame);
		};
		requestAnimationFrame(frame);
	});
}

async function stopRecording(page) {
	return page.evaluate(() => {
		const record = window.__record;
		record.on = false;
		const frames = [...record.frames].sort((a, b) => a - b);
		const at = (q) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))];
		return {
			frames: frames.length,
			p50: at(0.5),
			p95: at(0.95),
			max: frames[frames.length - 1],
			dropped: frames.filter((f) => f > 20).length,
			longTasks: record.longTasks.length,
			longestTask: Math.max(0, ...record.longTasks)
		};
	});
}

/** Drags a slider thumb across its track with the mouse, 60 moves over ~2 s, recording frames. */
async function dragSliderRecording(browser, path, param) {
	const page = await openWidget(browser, `http://localhost:${PREVIEW_PORT}${path}`);
	await page.waitForTimeout(1000);
	const slider = page.locator(`input[data-param="${param}"]`);
	await slider.scrollIntoViewIfNeeded();
	const box = await slider.boundingBox();
	const y = box.y + box.height / 2;
	const min = Number(await slider.getAttribute('min'));
	const max = Number(await slider.getAttribute('max'));
	const from = box.x + ((Number(await slider.inputValue()) - min) / (max - min)) * box.width;
	await page.mouse.move(from, y);
	await page.mouse.down();
	await startRecording(page);
	for (let i = 1; i <= 60; i++) {
		await page.mouse.move(from + ((box.x + box.width * 0.9 - from) * i) / 60, y);
		await page.waitForTimeout(30);
	}
	await page.mouse.up();
	const stats = await stopRecording(page);
	await page.close();
	return stats;
}

/** Plays a network widget at `speed` steps/s for `seconds`, recording frames and the steps reached. */
async function trainingRecording(browser, path, speed = 60, seconds = 10) {
	const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	await page.goto(`http://localhost:${PREVIEW_PORT}${path}`);
	await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
	await page.getByRole('button', { name: 'Step', exact: true }).and(page.locator(':enabled')).waitFor();
	await page.getByRole('combobox', { name: 'Speed' }).selectOption(String(speed));
	await page.locator('[data-concept]').scrollIntoViewIfNeeded();
	await startRecording(page);
	await page.getByRole('button', { name: 'Play' }).click();
	await page.waitForTimeout(seconds * 1000);
	const steps = Number(await page.locator('output[data-readout="step"]').textContent());
	const stats = await stopRecording(page);
	await page.close();
	return { ...stats, note: `${steps} training steps in ${seconds} s (${(steps / seconds).toFixed(1)} steps/s)` };
}

/**
 * Plays a concept's widget at its own default speed for `seconds`, starting again whenever
 * it finishes, and records every frame. A widget whose Play stays disabled does not animate.
 */
async function playingRecording(browser, slug, seconds = 10) {
	const page = await openWidget(browser, `http://localhost:${PREVIEW_PORT}/concepts/${slug}/`);
	if (!(await makePlayable(page))) {
		await page.close();
		return null;
	}
	await page.locator('[data-concept]').scrollIntoViewIfNeeded();
	await startRecording(page);
	await page.evaluate(keepPlaying, seconds * 1000);
	await page.waitForTimeout(seconds * 1000);
	const stats = await stopRecording(page);
	await page.close();
	return stats;
}

/** Opens the page and records frames while it loads and sweeps in the background (until the sweep note appears). */
async function loadRecording(browser, path) {
	const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	await page.addInitScript(() => {
		window.__longTasks = [];
		new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
	});
	await page.goto(`http://localhost:${PREVIEW_PORT}${path}`);
	await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
	const hydrated = await page.evaluate(() => window.__longTasks.length);
	await startRecording(page);
	await page.getByText(/lowest test error/).waitFor({ timeout: 60_000 });
	const stats = await stopRecording(page);
	const all = await page.evaluate(() => window.__longTasks);
	await page.close();
	return { ...stats, note: `${hydrated} long task(s) up to hydration: ${all.slice(0, hydrated).map((t) => format(t)).join(', ') || 'none'}` };
}

/**
 * Opens `path` and records, from the first byte, every frame and long task until the widget
 * is ready and `afterMs` more have passed (background jobs started by the first run).
 */
async function pageLoadRecording(browser, path, afterMs = 3000) {
	const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	await page.addInitScript(() => {
		const record = { frames: [], longTasks: [], last: performance.now(), on: true };
		window.__record = record;
		new PerformanceObserver((list) => list.getEntries().forEach((e) => record.on && record.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
		const frame = (now) => {
			if (!record.on) return;
			record.frames.push(now - record.last);
			record.last = now;
			requestAnimationFrame(frame);
		};
		requestAnimationFrame(frame);
	});
	await page.goto(`http://localhost:${PREVIEW_PORT}${path}`);
	await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
	const hydratedLongTasks = await page.evaluate(() => window.__record.longTasks.slice());
	await page.locator('[data-concept]:not([data-status="loading"])').waitFor({ timeout: 60_000 });
	await page.waitForTimeout(afterMs);
	const stats = await stopRecording(page);
	await page.close();
	return { ...stats, note: `up to hydration: ${hydratedLongTasks.map((t) => format(t)).join(', ') || 'no long task'}` };
}

/** Types a formula into the custom surface and applies it, recording long tasks for 2 s. */
async function typeFormulaRecording(browser, formula) {
	const page = await openWidget(browser, `http://localhost:${PREVIEW_PORT}/concepts/gradient-descent/?surface=custom&opt=sgd,momentum,rmsprop,adam,adamw,amsgrad&steps=500`);
	await page.waitForTimeout(1500);
	const field = page.locator('input[data-param="expr"]');
	await field.fill('');
	await startRecording(page);
	await field.pressSequentially(formula, { delay: 20 });
	await field.press('Enter');
	await page.waitForTimeout(2000);
	const stats = await stopRecording(page);
	await page.close();
	return stats;
}

function format(ms) {
	return ms === undefined ? '—' : ms < 0.1 ? ms.toFixed(3) : ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

async function main() {
	buildUnlessAsked();
	const concepts = JSON.parse(readFileSync(`${root}build/concepts.json`, 'utf8'));
	const server = await startModuleServer();
	const preview = await serveSite(PREVIEW_PORT);
	const browser = await chromium.launch(launchOptions);
	const busy = BUSY ? keepOneCoreBusy() : null;
	if (busy) log('One core kept busy by another process while measuring (--busy).');
	try {
		const node = FRAMES_ONLY ? null : nodeTimings();
		const chromiumRows = FRAMES_ONLY ? null : await browserTimings(browser);
		log('Frames of the real widgets (playing, dragging, loading) …');
		const playing = {};
		for (const { slug } of concepts) if (wanted(`${slug} playing`)) playing[slug] = await playingRecording(browser, slug);
		const loading = {};
		for (const path of concepts.flatMap(({ slug }) => [`/concepts/${slug}/`, `/embed/${slug}/`])) {
			if (wanted(path)) loading[path] = await pageLoadRecording(browser, path);
		}
		const frameRows = {
			'k-means playing, n=300': () => frameTimes(browser, 'dataset=uniform&n=300&k=8&tol=0.000001'),
			'k-means playing, n=5000': () => frameTimes(browser, 'dataset=uniform&n=5000&k=8&tol=0.000001'),
			'gradient descent, dragging η (6 optimizers × 500 steps)': () => dragSliderRecording(browser, SIX_ON_ROSENBROCK, 'lr'),
			'gradient descent, dragging μ': () => dragSliderRecording(browser, SIX_ON_ROSENBROCK, 'momentum'),
			'gradient descent, typing a formula': () => typeFormulaRecording(browser, 'sin(x)*cos(y) + 0.1*(x^2 + y^2)'),
			'bias–variance, after hydration until the sweep is drawn': () => loadRecording(browser, '/concepts/bias-variance/'),
			'bias–variance, dragging noise σ (200 sets, n = 30)': () => dragSliderRecording(browser, '/concepts/bias-variance/', 'noise'),
			'bias–variance, dragging n (200 sets)': () => dragSliderRecording(browser, '/concepts/bias-variance/', 'n'),
			'vanishing gradients, training at 60 steps/s (depth 20 × 32)': () => trainingRecording(browser, '/concepts/vanishing-gradients/'),
			'vanishing gradients, training at the fastest speed, 120 steps/s (depth 20 × 32)': () => trainingRecording(browser, '/concepts/vanishing-gradients/', 120),
			'vanishing gradients, compare mode (two networks)': () => trainingRecording(browser, '/concepts/vanishing-gradients/?compare=true'),
			'vanishing gradients, compare mode at 120 steps/s': () => trainingRecording(browser, '/concepts/vanishing-gradients/?compare=true', 120),
			'vanishing gradients, depth 50 × width 128': () => trainingRecording(browser, '/concepts/vanishing-gradients/?depth=50&width=128'),
			'weight init, training with histograms (default: depth 10 × 64, batch 512)': () => trainingRecording(browser, '/concepts/weight-init/'),
			'weight init, histograms of depth 30 × width 128, batch 512': () => trainingRecording(browser, '/concepts/weight-init/?depth=30&width=128')
		};
		const frames = {};
		for (const [name, measure] of Object.entries(frameRows)) if (wanted(name)) frames[name] = await measure();
		const results = { date: new Date().toISOString(), busy: BUSY, node, chromium: chromiumRows, playing, loading, frames };
		// A partial run (--only) leaves the last full results alone.
		if (ONLY === null) writeFileSync(`${root}bench/${BUSY ? 'results-busy' : 'results'}.json`, JSON.stringify(results, null, 2));
		const frameTable = (title, rows) => [
			title,
			'| what | frames | p50 | p95 | max | missed (> 20 ms) | long tasks (> 50 ms) | longest task |',
			'|---|---|---|---|---|---|---|---|',
			...Object.entries(rows).map(([name, f]) => `| ${name} | ${f.frames} | ${format(f.p50)} | ${format(f.p95)} | ${format(f.max)} | ${f.dropped} | ${f.longTasks} | ${format(f.longestTask)} |`),
			...Object.entries(rows).flatMap(([name, f]) => (f.note ? [`${name}: ${f.note}`] : []))
		];
		if (FRAMES_ONLY) {
			const playRows = Object.fromEntries(Object.entries(playing).filter(([, f]) => f).map(([slug, f]) => [`${slug} playing at its default speed`, f]));
			process.stdout.write(`${[...frameTable(`The real widgets in Chromium${BUSY ? ', one core busy' : ''}, ms per frame`, { ...playRows, ...frames }), '', ...frameTable('Loading each page, from the first byte until the widget is ready + 3 s', loading)].join('\n')}\n`);
			return;
		}

		const lines = [];
		lines.push('Every concept: one simulation step (median ms; TF.js on wasm, the backend the pages use), and the page playing for 10 s at its default speed');
		lines.push('| concept | one step | settings (default / maximum) | Node default | Node max | Chromium default | Chromium max | TF.js / floor (Chromium) | frame p50 | frame p95 | long tasks (> 50 ms) |');
		lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
		const floors = {
			kmeans: () => chromiumRows.wasm.kmeans[0].tfjs.median / chromiumRows.wasm.kmeans[0].floor.median,
			'vanishing-gradients': () => chromiumRows.wasm.network.step.median / chromiumRows.wasm.network.floor.median
		};
		const missing = [];
		for (const { slug } of concepts) {
			const n = node.wasm.steps[slug];
			const c = chromiumRows.wasm.steps[slug];
			const play = playing[slug];
			const frameCells = play ? [format(play.p50), format(play.p95), `${play.longTasks}${play.longTasks ? ` (longest ${format(play.longestTask)})` : ''}`] : ['does not animate', '—', '—'];
			if (!n || !c) missing.push(slug);
			lines.push(
				`| ${slug} | ${n?.what ?? `MISSING: add src/lib/concepts/${slug}/bench.ts`} | ${n ? `${n.defaultCase} / ${n.maximumCase}` : '—'} | ${format(n?.default.median)} | ${format(n?.maximum.median)} | ${format(c?.default.median)} | ${format(c?.maximum.median)} | ${floors[slug] ? `${floors[slug]().toFixed(2)}×` : '—'} | ${frameCells.join(' | ')} |`
			);
		}
		lines.push('');
		lines.push('k-means, one full iteration (assign + update), k = 8, median ms');
		lines.push('| n | Node wasm | Node cpu | Node floor | Chromium wasm | Chromium cpu | Chromium floor | wasm / floor (Chromium) |');
		lines.push('|---|---|---|---|---|---|---|---|');
		node.wasm.kmeans.forEach((row, i) => {
			const c = chromiumRows.wasm.kmeans[i];
			lines.push(
				`| ${row.n} | ${format(row.tfjs.median)} | ${format(node.cpu.kmeans[i].tfjs.median)} | ${format(row.floor.median)} | ${format(c.tfjs.median)} | ${format(chromiumRows.cpu.kmeans[i].tfjs.median)} | ${format(c.floor.median)} | ${(c.tfjs.median / c.floor.median).toFixed(2)}× |`
			);
		});
		lines.push('');
		lines.push('Gradient descent, median ms (TF.js backend in brackets where it matters)');
		lines.push('| work | Node (wasm) | Node (cpu) | Chromium (wasm) | Chromium (cpu) |');
		lines.push('|---|---|---|---|---|');
		const gd = (env, backend, key) => format(env[backend].gradientDescent[key].median);
		for (const [key, what] of Object.entries(GD_ROWS)) {
			lines.push(`| ${what} | ${gd(node, 'wasm', key)} | ${gd(node, 'cpu', key)} | ${gd(chromiumRows, 'wasm', key)} | ${gd(chromiumRows, 'cpu', key)} |`);
		}
		lines.push('');
		lines.push('Bias–variance, median ms');
		lines.push('| work | Node (wasm) | Node (cpu) | Chromium (wasm) | Chromium (cpu) |');
		lines.push('|---|---|---|---|---|');
		const bv = (env, backend, key) => format(env[backend].biasVariance[key].median);
		for (const [key, what] of Object.entries(BV_ROWS)) {
			lines.push(`| ${what} | ${bv(node, 'wasm', key)} | ${bv(node, 'cpu', key)} | ${bv(chromiumRows, 'wasm', key)} | ${bv(chromiumRows, 'cpu', key)} |`);
		}
		lines.push('');
		lines.push('Correlation, median ms');
		lines.push('| work | Node (wasm) | Node (cpu) | Chromium (wasm) | Chromium (cpu) |');
		lines.push('|---|---|---|---|---|');
		const corr = (env, backend, key) => format(env[backend].correlation[key].median);
		for (const [key, what] of Object.entries(CORRELATION_ROWS)) {
			lines.push(`| ${what} | ${corr(node, 'wasm', key)} | ${corr(node, 'cpu', key)} | ${corr(chromiumRows, 'wasm', key)} | ${corr(chromiumRows, 'cpu', key)} |`);
		}
		lines.push('');
		lines.push('Deep network (shared core), median ms');
		lines.push('| work | Node (wasm) | Node (cpu) | Chromium (wasm) | Chromium (cpu) |');
		lines.push('|---|---|---|---|---|');
		const nn = (env, backend, key) => format(env[backend].network[key].median);
		for (const [key, what] of Object.entries(NETWORK_ROWS)) {
			lines.push(`| ${what} | ${nn(node, 'wasm', key)} | ${nn(node, 'cpu', key)} | ${nn(chromiumRows, 'wasm', key)} | ${nn(chromiumRows, 'cpu', key)} |`);
		}
		const ratio = chromiumRows.wasm.network.step.median / chromiumRows.wasm.network.floor.median;
		lines.push(`TF.js wasm / floor in Chromium: ${ratio.toFixed(2)}× (target ≤ 1.2×)`);
		lines.push('');
		lines.push(...frameTable(`The real widgets in Chromium${BUSY ? ', one core busy' : ''}, ms per frame`, frames));
		lines.push('');
		lines.push(...frameTable('Loading each page, from the first byte until the widget is ready + 3 s', loading));
		process.stdout.write(`${lines.join('\n')}\n`);
		log('\nWrote bench/results.json');
		if (missing.length) {
			log(`No step benchmark for: ${missing.join(', ')} (each needs src/lib/concepts/<slug>/bench.ts)`);
			process.exitCode = 1;
		}
	} finally {
		busy?.kill();
		await browser.close();
		await server.close();
		preview.kill();
	}
}

await main();
