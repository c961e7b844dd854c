import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const CHUNK_REPORT = '.svelte-kit/output/chunk-modules.json';

/**
 * Writes how many characters of each package every built JavaScript file holds, before
 * minification (`{ "_app/…/x.js": { "@tensorflow/tfjs-core": 81234, "(site)": 5120 } }`), for
 * the bundle-budget test: Rollup mixes TF.js and the site's code in some files, and this
 * says how much of each. The page and its workers are separate builds; each adds its files.
 */
function chunkReport(): Plugin {
	return {
		name: 'chunk-report',
		apply: 'build',
		generateBundle(_options, bundle) {
			if (this.environment?.config.consumer === 'server') return;
			const report: Record<string, Record<string, number>> = existsSync(CHUNK_REPORT) ? JSON.parse(readFileSync(CHUNK_REPORT, 'utf8')) : {};
			for (const chunk of Object.values(bundle)) {
				if (chunk.type !== 'chunk') continue;
				const lengths: Record<string, number> = {};
				for (const [id, { renderedLength }] of Object.entries(chunk.modules)) {
					const owner = id.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? '(site)';
					lengths[owner] = (lengths[owner] ?? 0) + renderedLength;
				}
				report[chunk.fileName] = lengths;
			}
			mkdirSync('.svelte-kit/output', { recursive: true });
			writeFileSync(CHUNK_REPORT, JSON.stringify(report, null, 1));
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), chunkReport()],
	// Where the built site will be served (README, "Deploying"): a static build cannot know, and the
	// sitemap and the oEmbed files must name full addresses.
	define: { __SITE_URL__: JSON.stringify((process.env.SITE_URL ?? 'http://localhost:4173').replace(/\/+$/, '')) },
	// tfjs-core's ESM build imports files without extensions, which Node's own loader
	// rejects; let Vite bundle it for prerendering instead.
	ssr: { noExternal: [/^@tensorflow\//] },
	// Module workers, so the training worker can load TF.js's backends lazily.
	worker: { format: 'es', plugins: () => [chunkReport()] },
	// Fonts stay files, never data: URLs, so the pages' Content-Security-Policy needs no data: fonts.
	build: { assetsInlineLimit: (file) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined) },
	server: { port: 5173 },
	preview: { port: 4173 },
	test: {
		environment: 'node',
		setupFiles: ['tests/unit/setup.ts'],
		testTimeout: 60_000,
		projects: [
			// The contract test steps every concept at its default size: on wasm only, where that is quick.
			{ extends: true, test: { name: 'cpu', include: ['tests/unit/**/*.test.ts'], exclude: ['tests/unit/widget/contract.test.ts'], env: { TFJS_BACKEND: 'cpu' } } },
			{
				// The simulations again on wasm, the backend the page runs.
				extends: true,
				test: { name: 'wasm', include: ['tests/unit/concepts/**/*.test.ts', 'tests/unit/network/**/*.test.ts', 'tests/unit/widget/contract.test.ts'], env: { TFJS_BACKEND: 'wasm' } }
			}
		]
	}
});
