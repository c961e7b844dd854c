import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { texAtBuildTime } from './scripts/tex-preprocess.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: [texAtBuildTime(), vitePreprocess()],
	compilerOptions: { runes: true },
	kit: {
		// Every page is prerendered to plain files; relative asset paths let the
		// built folder be served from any base path without a rebuild.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
		paths: { relative: true },
		prerender: { handleHttpError: 'fail', handleMissingId: 'fail' },
		// Registered by the root layout instead, which survives a sandboxed iframe (see there).
		serviceWorker: { register: false },
		// Written into every page as a <meta> tag, with hashes of SvelteKit's inline start-up
		// script. Everything comes from the site itself; the exceptions, and why:
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				// TF.js's wasm backend compiles its WebAssembly module.
				'script-src': ['self', 'wasm-unsafe-eval'],
				'worker-src': ['self'],
				'connect-src': ['self'],
				// Image export draws the plots through data: and blob: URLs; clips play from a blob.
				'img-src': ['self', 'data:', 'blob:'],
				'media-src': ['self', 'blob:'],
				'font-src': ['self'],
				'style-src': ['self'],
				// KaTeX's typeset formulas and Svelte's style: directives are style attributes.
				'style-src-attr': ['unsafe-inline'],
				'frame-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
