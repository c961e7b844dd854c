// The Node half of `npm run bench` runs under Vitest, which loads TF.js and the sims
// exactly as the unit tests do.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: { include: ['bench/node.bench-run.ts'], environment: 'node', testTimeout: 600_000 }
});
