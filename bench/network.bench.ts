/**
 * Deep-network timings: one training step of the shared network core (forward, backward,
 * per-layer norms and statistics, SGD update) at depth 20 × width 32, batch 64 — the issue's
 * yardstick — beside the same work in a plain Float32Array loop written here (the floor), and
 * one step at the maximum, depth 50 × width 128.
 */
import { Network, type NetworkSpec } from '$lib/network/network';
import { makeClassificationSet } from '$lib/network/datasets';
import { initWeights } from '$lib/network/init';
import { createRng } from '$lib/engine/rng';
import { timeIt, type Timing } from './timing';

const BATCH = 64;

export interface NetworkTimings {
	step: Timing;
	floor: Timing;
	stepMax: Timing;
}

const spec = (depth: number, width: number): NetworkSpec => ({
	depth,
	width,
	activation: 'sigmoid',
	init: { scheme: 'xavier-normal' },
	residual: false,
	batchNorm: false,
	optimizer: 'sgd',
	lr: 0.1,
	clip: 0,
	batchSize: BATCH
});

export function benchNetwork(): NetworkTimings {
	const data = makeClassificationSet('circles', 256, 1);
	const time = (depth: number, width: number, budget?: number) => {
		const network = new Network(spec(depth, width), data, 1);
		try {
			return timeIt(() => void network.step(), budget);
		} finally {
			network.dispose();
		}
	};
	return { step: time(20, 32), floor: timeIt(plainStep(20, 32, data.points.subarray(0, 2 * BATCH), data.labels.subarray(0, BATCH))), stepMax: time(50, 128, 3000) };
}

/** The same training step as plain loops over Float32Arrays: sigmoid layers, logistic loss, norms, SGD. */
function plainStep(depth: number, width: number, points: Float32Array, labels: Float32Array) {
	const rng = createRng(1);
	const sizes = Array.from({ length: depth + 1 }, (_, l) => (l === 0 ? 2 : l === depth ? 1 : width));
	const weights = sizes.slice(0, -1).map((fanIn, l) => initWeights({ scheme: 'xavier-normal' }, fanIn, sizes[l + 1], rng));
	const biases = sizes.slice(1).map((n) => new Float32Array(n));
	const outputs = sizes.map((n) => new Float32Array(BATCH * n));
	const deltas = sizes.map((n) => new Float32Array(BATCH * n));
	const gradients = weights.map((w) => new Float32Array(w.length));
	const norms = new Float32Array(depth);
	return () => {
		outputs[0].set(points);
		for (let l = 0; l < depth; l++) {
			const [fanIn, fanOut, w, b, input, output] = [sizes[l], sizes[l + 1], weights[l], biases[l], outputs[l], outputs[l + 1]];
			for (let s = 0; s < BATCH; s++) {
				for (let j = 0; j < fanOut; j++) {
					let z = b[j];
					for (let i = 0; i < fanIn; i++) z += input[s * fanIn + i] * w[i * fanOut + j];
					output[s * fanOut + j] = l === depth - 1 ? z : 1 / (1 + Math.exp(-z));
				}
			}
		}
		const logits = outputs[depth];
		for (let s = 0; s < BATCH; s++) deltas[depth][s] = (1 / (1 + Math.exp(-logits[s])) - labels[s]) / BATCH;
		for (let l = depth - 1; l >= 0; l--) {
			const [fanIn, fanOut, w, input, delta, below, gradient] = [sizes[l], sizes[l + 1], weights[l], outputs[l], deltas[l + 1], deltas[l], gradients[l]];
			gradient.fill(0);
			below.fill(0);
			for (let s = 0; s < BATCH; s++) {
				for (let i = 0; i < fanIn; i++) {
					const x = input[s * fanIn + i];
					let back = 0;
					for (let j = 0; j < fanOut; j++) {
						const d = delta[s * fanOut + j];
						gradient[i * fanOut + j] += x * d;
						back += w[i * fanOut + j] * d;
					}
					if (l > 0) below[s * fanIn + i] = back * x * (1 - x);
				}
			}
			let squares = 0;
			for (let k = 0; k < gradient.length; k++) squares += gradient[k] * gradient[k];
			norms[l] = Math.sqrt(squares);
			for (let k = 0; k < w.length; k++) w[k] -= 0.1 * gradient[k];
			for (let j = 0; j < fanOut; j++) {
				let g = 0;
				for (let s = 0; s < BATCH; s++) g += delta[s * fanOut + j];
				biases[l][j] -= 0.1 * g;
			}
		}
	};
}
