/**
 * A second implementation of a plain network's first step, in float64: forward and backward
 * from the network's own initial weights on the same batch, for the spreads a step reports.
 */
import { createRng } from '$lib/engine/rng';
import type { Network } from '$lib/network/network';
import { activationValue } from '$lib/network/activations';
import type { LabelledPoints } from '$lib/network/datasets';

export interface Moments {
	mean: number;
	std: number;
	/** √Σx². */
	norm: number;
}

export function moments(values: ArrayLike<number>): Moments {
	let sum = 0;
	for (let i = 0; i < values.length; i++) sum += values[i];
	const mean = sum / values.length;
	let squares = 0;
	for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2;
	return { mean, std: Math.sqrt(squares / values.length), norm: Math.hypot(...Array.from(values)) };
}

/** The rows of this step's batch, drawn as Network draws them (the replayed loss checks it is the same batch). */
export function batchOf(data: LabelledPoints, batchSize: number, seed: number): number[] {
	const count = data.labels.length;
	const order = Array.from({ length: count }, (_, i) => i);
	if (batchSize >= count) return order;
	const rng = createRng(seed).fork('batches');
	for (let i = 0; i < batchSize; i++) {
		const j = i + rng.int(count - i);
		[order[i], order[j]] = [order[j], order[i]];
	}
	return order.slice(0, batchSize);
}

/**
 * Forward and backward in float64 through a plain network (no skips, no batch norm) from
 * the network's own initial weights and biases: the loss, each layer's outputs (the logit
 * last) and each layer's ∂L/∂W.
 */
export function replay(net: Network, data: LabelledPoints, rows: number[]) {
	const { depth, width, activation, residual, batchNorm } = net.spec;
	if (residual || batchNorm) throw new Error('the replay covers plain networks only');
	const variables = net.trainable;
	const weights = variables.slice(0, depth).map((w) => Float64Array.from(w.dataSync()));
	const biases = variables.slice(depth, 2 * depth).map((b) => Float64Array.from(b.dataSync()));
	const sizes = Array.from({ length: depth + 1 }, (_, l) => (l === 0 ? 2 : l === depth ? 1 : width));
	const n = rows.length;
	// inputs[l]: what layer l reads (n × sizes[l]); pre[l]: its weighted sums (n × sizes[l + 1]).
	const inputs = [Float64Array.from(rows.flatMap((r) => [data.points[2 * r], data.points[2 * r + 1]]))];
	const pre: Float64Array[] = [];
	for (let l = 0; l < depth; l++) {
		const [fanIn, fanOut] = [sizes[l], sizes[l + 1]];
		const z = new Float64Array(n * fanOut);
		for (let s = 0; s < n; s++) {
			for (let j = 0; j < fanOut; j++) {
				let sum = biases[l][j];
				for (let i = 0; i < fanIn; i++) sum += inputs[l][s * fanIn + i] * weights[l][i * fanOut + j];
				z[s * fanOut + j] = sum;
			}
		}
		pre.push(z);
		inputs.push(l === depth - 1 ? z : z.map((v) => activationValue(activation, v).value));
	}
	const logits = pre[depth - 1];
	const labels = rows.map((r) => data.labels[r]);
	const loss = labels.reduce((sum, y, s) => sum + Math.max(logits[s], 0) - logits[s] * y + Math.log1p(Math.exp(-Math.abs(logits[s]))), 0) / n;
	// delta: ∂L/∂(layer l's weighted sums), from the logit down.
	let delta = Float64Array.from(labels, (y, s) => (1 / (1 + Math.exp(-logits[s])) - y) / n);
	const gradients: Float64Array[] = new Array(depth);
	for (let l = depth - 1; l >= 0; l--) {
		const [fanIn, fanOut] = [sizes[l], sizes[l + 1]];
		const gradient = new Float64Array(fanIn * fanOut);
		const below = new Float64Array(n * fanIn);
		for (let s = 0; s < n; s++) {
			for (let i = 0; i < fanIn; i++) {
				let back = 0;
				for (let j = 0; j < fanOut; j++) {
					gradient[i * fanOut + j] += inputs[l][s * fanIn + i] * delta[s * fanOut + j];
					back += weights[l][i * fanOut + j] * delta[s * fanOut + j];
				}
				if (l > 0) below[s * fanIn + i] = back * activationValue(activation, pre[l - 1][s * fanIn + i]).slope;
			}
		}
		gradients[l] = gradient;
		delta = below;
	}
	return { loss, outputs: inputs.slice(1).map(moments), gradients: gradients.map(moments) };
}
