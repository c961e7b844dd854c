// The web-component bundle: `build/widgets/ml-explorables.js` plus its lazily loaded
// chunks and the TF.js wasm files, all addressed relative to the module itself; beside it
// `scorm.js`, the page of a SCORM package, and `files.json`, the list of every file here
// (what a package copies: see src/lib/scorm/package.ts).
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/** Writes files.json once everything is written (workers and wasm files included). */
function listFiles(): Plugin {
	return {
		name: 'list-widget-files',
		writeBundle({ dir }, bundle) {
			writeFileSync(join(dir!, 'files.json'), JSON.stringify(Object.keys(bundle).sort()));
		}
	};
}

export default defineConfig({
	base: './',
	publicDir: false,
	worker: { format: 'es' },
	plugins: [
		svelte({
			configFile: false,
			// Styles travel inside the JS and are added to the shadow root the widget mounts in.
			compilerOptions: { runes: true, css: 'injected' }
		}),
		listFiles()
	],
	resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
	build: {
		outDir: 'build/widgets',
		emptyOutDir: true,
		rollupOptions: {
			input: { 'ml-explorables': 'src/widgets.ts', scorm: 'src/scorm.ts' },
			output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', assetFileNames: 'assets/[name]-[hash][extname]' }
		}
	}
});
