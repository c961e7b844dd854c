/**
 * TF.js start-up: which backend runs the simulations, started once per page.
 *
 * Backend choice (measured, see `npm run bench`): the wasm backend is 3–10× faster than
 * the pure-JS cpu backend on every simulation step here, and WebGL on machines without a
 * GPU runs on a software rasteriser and is the slowest. So the browser asks for wasm.
 * When wasm cannot start (old browser, file blocked), the engine falls back to cpu and
 * says so in `EngineInfo.failure`, which the widget footer shows.
 *
 * This module imports only `tfjs-core`; the backends are loaded on first use, so a page
 * that never starts a simulation (the gallery) downloads no TF.js at all — it must not
 * import this file either.
 */
import * as tf from './tfjs';
import { errorMessage } from './errors';

export type BackendName = 'wasm' | 'cpu';

export interface EngineInfo {
	/** The backend actually running. */
	backend: string;
	/** The backend that was asked for. */
	requested: BackendName;
	/** Why the requested backend did not start, when it did not. */
	failure?: string;
	/** The TF.js version running. */
	version: string;
	/** True when it runs in a Web Worker (a training worker), not on the page. */
	inWorker?: boolean;
}

let starting: Promise<EngineInfo> | null = null;

/** Starts TF.js once; later calls return the same promise, whatever they ask for. */
export function startEngine(requested: BackendName = 'wasm'): Promise<EngineInfo> {
	starting ??= start(requested).then((failure) => ({ backend: tf.getBackend(), requested, version: tf.version_core, ...(failure && { failure }) }));
	return starting;
}

/** Sets the backend; resolves to why wasm did not start when it had to fall back to cpu. */
async function start(requested: BackendName): Promise<string | undefined> {
	if (requested === 'wasm') {
		try {
			if (await startWasm()) return undefined;
			return fallBackToCpu('the wasm backend did not initialise');
		} catch (error) {
			return fallBackToCpu(errorMessage(error));
		}
	}
	await import('@tensorflow/tfjs-backend-cpu');
	if (!(await tf.setBackend('cpu'))) throw new Error('TF.js cpu backend failed to start');
	return undefined;
}

async function fallBackToCpu(failure: string): Promise<string> {
	await import('@tensorflow/tfjs-backend-cpu');
	if (!(await tf.setBackend('cpu'))) throw new Error(`wasm failed (${failure}) and cpu did too`);
	return failure;
}

async function startWasm(): Promise<boolean> {
	const [wasm, plain, simd, threadedSimd] = await Promise.all([
		import('@tensorflow/tfjs-backend-wasm'),
		import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'),
		import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'),
		// Never fetched (threads are off below), but setWasmPaths insists on all three.
		import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url')
	]);
	// Threaded wasm breaks in minified builds under cross-origin isolation and gains
	// nothing on the 2-core machines measured; keep it off.
	tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
	wasm.setWasmPaths({
		'tfjs-backend-wasm.wasm': plain.default,
		'tfjs-backend-wasm-simd.wasm': simd.default,
		'tfjs-backend-wasm-threaded-simd.wasm': threadedSimd.default
	});
	// setBackend resolves false (it does not throw) when the backend fails to start.
	return (await tf.setBackend('wasm')) && tf.getBackend() === 'wasm';
}
