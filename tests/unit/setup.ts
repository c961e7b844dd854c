// Unit tests run the simulations on TF.js's pure-JS cpu backend, the same code path the
// page falls back to when wasm cannot start.
import { beforeAll } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import { startEngine } from '$lib/engine/backend';

beforeAll(async () => {
	tf.env().set('IS_TEST', true); // silences "install tfjs-node" advice
	await startEngine('cpu');
});
