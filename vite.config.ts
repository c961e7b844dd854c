import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// tfjs-core's ESM build imports files without extensions, which Node's own loader
	// rejects; let Vite bundle it for prerendering instead.
	ssr: { noExternal: [/^@tensorflow\//] },
	server: { port: 5173 },
	preview: { port: 4173 },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		setupFiles: ['tests/unit/setup.ts'],
		environment: 'node',
		testTimeout: 60_000
	}
});
