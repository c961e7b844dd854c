import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// tfjs-core's ESM build imports files without extensions, which Node's own loader
	// rejects; let Vite bundle it for prerendering instead.
	ssr: { noExternal: [/^@tensorflow\//] },
	// Module workers, so the training worker can load TF.js's backends lazily.
	worker: { format: 'es' },
	server: { port: 5173 },
	preview: { port: 4173 },
	test: {
		environment: 'node',
		setupFiles: ['tests/unit/setup.ts'],
		testTimeout: 60_000,
		projects: [
			{ extends: true, test: { name: 'cpu', include: ['tests/unit/**/*.test.ts'], env: { TFJS_BACKEND: 'cpu' } } },
			{
				// The simulations again on wasm, the backend the page runs.
				extends: true,
				test: { name: 'wasm', include: ['tests/unit/concepts/**/*.test.ts', 'tests/unit/network/**/*.test.ts'], env: { TFJS_BACKEND: 'wasm' } }
			}
		]
	}
});
