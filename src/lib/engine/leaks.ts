/**
 * The tensor-leak guard for tests. TF.js frees nothing by itself: every tensor that a
 * step creates and does not dispose stays in memory for the life of the page.
 *
 * `assertNoTensorLeak(work)` runs `work` once as a burn-in (optimisers and caches create
 * their tensors on first use), then runs it again and throws if the number of live
 * tensors grew — naming how many leaked.
 */
import * as tf from './tfjs';

export async function assertNoTensorLeak(
	work: () => unknown | Promise<unknown>,
	label = 'work'
): Promise<void> {
	await work();
	const before = tf.memory().numTensors;
	await work();
	const after = tf.memory().numTensors;
	if (after !== before) {
		throw new Error(`${label} leaked ${after - before} tensor(s): ${before} live before, ${after} after`);
	}
}

/** The number of live tensors now; for bounds in longer tests. */
export function liveTensors(): number {
	return tf.memory().numTensors;
}
