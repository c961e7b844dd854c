// Unit tests run on the backend named by TFJS_BACKEND: `cpu` (pure JS, the page's
// fallback) for everything, and `wasm` (what the page uses) for the simulations — see
// the projects in vite.config.ts. Backends differ in their kernels, and bugs hide there.
import { beforeAll, expect } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import { startEngine } from '$lib/engine/backend';

beforeAll(async () => {
	tf.env().set('IS_TEST', true); // silences "install tfjs-node" advice
	const backend = process.env.TFJS_BACKEND ?? 'cpu';
	if (backend === 'wasm') {
		// In Node the wasm backend finds its .wasm files in its own package folder.
		await import('@tensorflow/tfjs-backend-wasm');
		await tf.setBackend('wasm');
	} else {
		await startEngine('cpu');
	}
	expect(tf.getBackend()).toBe(backend);
});
