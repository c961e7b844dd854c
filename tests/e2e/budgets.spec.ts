import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { test, expect, waitForBackend } from './fixtures';
import { CONCEPTS } from './concepts';

/**
 * Bundle budgets, from the build output: every JavaScript file a page fetches (its workers'
 * too) is gzipped from build/, and split into TF.js and the site's own code by the report the
 * build writes of which packages each file holds (vite.config.ts, chunkReport).
 */
const KB = 1024;
/**
 * The gallery draws every concept's card, but ships only each concept's preview (a few hundred
 * bytes each, in one chunk); the cards' words are prerendered data, and no meta — with its
 * questions and explanations — reaches its JavaScript (src/lib/gallery.ts). 51 KB at 25 concepts.
 */
const GALLERY_BUDGET = 44 * KB + 0.5 * KB * CONCEPTS.length;
/** A concept or embed page ships only its own entry (registry-entry.ts), so this does not grow with the gallery. */
const CONCEPT_PAGE_BUDGET = 120 * KB;

const report: Record<string, Record<string, number>> = JSON.parse(readFileSync('.svelte-kit/output/chunk-modules.json', 'utf8'));

/** TF.js: its packages and what only they depend on. */
const TFJS_PACKAGES = new Set(
	['tfjs-core', 'tfjs-backend-cpu', 'tfjs-backend-wasm'].flatMap((name) => {
		const manifest = JSON.parse(readFileSync(`node_modules/@tensorflow/${name}/package.json`, 'utf8'));
		return [`@tensorflow/${name}`, ...Object.keys(manifest.dependencies ?? {})];
	})
);

interface Weight {
	file: string;
	gzip: number;
	/** The part of `gzip` that is TF.js, in proportion to its share of the file's code. */
	tfjs: number;
}

function weigh(file: string): Weight {
	const gzip = gzipSync(readFileSync(`build/${file}`)).length;
	const lengths = report[file];
	if (!lengths) return { file, gzip, tfjs: 0 };
	const total = Object.values(lengths).reduce((a, b) => a + b, 0);
	const tfjsChars = Object.entries(lengths).reduce((sum, [owner, chars]) => sum + (TFJS_PACKAGES.has(owner) ? chars : 0), 0);
	return { file, gzip, tfjs: total > 0 ? (gzip * tfjsChars) / total : 0 };
}

function summary(weights: Weight[]) {
	const total = weights.reduce((sum, w) => sum + w.gzip, 0);
	const tfjs = weights.reduce((sum, w) => sum + w.tfjs, 0);
	return { total, tfjs, own: total - tfjs, files: weights.length };
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

test.describe('bundle budgets', () => {
	/** Opens `path` and returns every JavaScript file it fetched, workers included, as paths inside build/. */
	async function scriptsOf(page: import('@playwright/test').Page, open: (path: string) => Promise<void>, path: string, ready: () => Promise<void>): Promise<string[]> {
		const files = new Set<string>();
		page.context().on('request', (request) => {
			const { pathname } = new URL(request.url());
			if (pathname.endsWith('.js')) files.add(pathname.slice(1));
		});
		await open(path);
		await ready();
		return [...files];
	}

	test(`the gallery ships no TF.js and at most ${kb(GALLERY_BUDGET)} of gzipped JavaScript`, async ({ page, open }) => {
		const files = await scriptsOf(page, open, '/', async () => {
			await expect(page.locator('[data-concept-link] svg[role="img"]').first()).toBeVisible();
			await page.waitForLoadState('networkidle');
		});
		const weights = files.map(weigh);
		const { total, tfjs } = summary(weights);
		test.info().annotations.push({ type: 'gallery', description: `${files.length} files, ${kb(total)} gzipped` });
		expect(weights.filter((w) => w.tfjs > 0).map((w) => w.file), 'files holding TF.js').toEqual([]);
		expect(tfjs).toBe(0);
		expect(total, `gzipped JavaScript of the gallery: ${kb(total)}`).toBeLessThanOrEqual(GALLERY_BUDGET);
	});

	for (const { slug } of CONCEPTS) {
		for (const path of [`/concepts/${slug}/`, `/embed/${slug}/`]) {
			test(`${path} ships at most ${kb(CONCEPT_PAGE_BUDGET)} of its own gzipped JavaScript besides TF.js`, async ({ page, open }) => {
				const files = await scriptsOf(page, open, path, async () => {
					await waitForBackend(page);
					// A step loads what stepping needs (the training worker, for instance), where the widget steps.
					const step = page.getByRole('button', { name: 'Step', exact: true });
					if (await step.isEnabled()) await step.click();
					await page.waitForLoadState('networkidle');
				});
				const { own, tfjs } = summary(files.map(weigh));
				test.info().annotations.push({ type: path, description: `own ${kb(own)}, TF.js ${kb(tfjs)} (${files.length} files)` });
				expect(tfjs, 'the page runs TF.js, so the split must have found it').toBeGreaterThan(0);
				expect(own, `own gzipped JavaScript of ${path}: ${kb(own)}`).toBeLessThanOrEqual(CONCEPT_PAGE_BUDGET);
				// A widget that computes in a worker has no use for TF.js on the page's own thread.
				if (page.workers().length > 0) {
					const pageFiles = await page.evaluate(() =>
						performance
							.getEntriesByType('resource')
							.map((entry) => new URL(entry.name).pathname.slice(1))
							.filter((file) => file.endsWith('.js'))
					);
					// The worker's script and its imports are fetched on the page's behalf, but run in the worker.
					const onPage = pageFiles.filter((file) => !file.includes('/workers/')).map(weigh).filter((w) => w.tfjs > 0);
					expect(onPage.map((w) => w.file), 'files holding TF.js loaded by the page itself, beside its worker').toEqual([]);
				}
			});
		}
	}
});
