// The web-component bundle: `build/widgets/ml-explorables.js` plus its lazily loaded
// chunks and the TF.js wasm files, all addressed relative to the module itself.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
	base: './',
	publicDir: false,
	worker: { format: 'es' },
	plugins: [
		svelte({
			configFile: false,
			// Styles travel inside the JS and are added to the shadow root the widget mounts in.
			compilerOptions: { runes: true, css: 'injected' }
		})
	],
	resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
	build: {
		outDir: 'build/widgets',
		emptyOutDir: true,
		rollupOptions: {
			input: 'src/widgets.ts',
			output: { entryFileNames: 'ml-explorables.js', chunkFileNames: 'chunks/[name]-[hash].js', assetFileNames: 'assets/[name]-[hash][extname]' }
		}
	}
});
