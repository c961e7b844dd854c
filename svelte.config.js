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
		prerender: { handleHttpError: 'fail', handleMissingId: 'fail' }
	}
};

export default config;
