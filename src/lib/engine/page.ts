/**
 * TF.js on the page's own thread. Loaded on first use (`import()`), so a page whose
 * simulations all run in a worker never downloads it.
 */
import { startEngine, type EngineInfo } from './backend';
import { countPageTensors } from './probe';
import * as tf from './tfjs';

/** Starts TF.js on this page (once; wasm, else cpu) and lets the test probe count its tensors. */
export async function startPageEngine(): Promise<EngineInfo> {
	const info = await startEngine('wasm');
	countPageTensors(() => tf.memory().numTensors);
	return info;
}
