/** Picks the TF.js backend for a bench run, in Node or in the browser. */
import * as tf from '$lib/engine/tfjs';
import { startEngine } from '$lib/engine/backend';

export async function useBackend(name: 'cpu' | 'wasm'): Promise<string> {
	if (typeof window === 'undefined') {
		// Node: the wasm backend finds its .wasm files in its own package folder.
		await (name === 'wasm' ? import('@tensorflow/tfjs-backend-wasm') : import('@tensorflow/tfjs-backend-cpu'));
		tf.env().set('IS_TEST', true);
		await tf.setBackend(name);
	} else {
		await startEngine(name);
	}
	return tf.getBackend();
}
