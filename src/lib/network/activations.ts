/**
 * The activation functions a network can use: as TF.js ops for training, and as plain
 * functions with their derivatives for drawing them.
 */
import * as tf from '$lib/engine/tfjs';
import type { Activation } from './options';

export { ACTIVATIONS, ACTIVATION_LABELS, type Activation } from './options';

const LEAK = 0.01;

export function applyActivation(name: Activation, x: tf.Tensor): tf.Tensor {
	switch (name) {
		case 'sigmoid':
			return tf.sigmoid(x);
		case 'tanh':
			return tf.tanh(x);
		case 'relu':
			return tf.relu(x);
		case 'leaky-relu':
			return tf.leakyRelu(x, LEAK);
		case 'elu':
			return tf.elu(x);
		case 'gelu':
			// The exact GELU, x·Φ(x); TF.js has no op for it.
			return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
		case 'linear':
			return x;
	}
}

function erf(x: number): number {
	// Abramowitz & Stegun 7.1.26: |error| < 1.5e-7, plenty for a drawing.
	const t = 1 / (1 + 0.3275911 * Math.abs(x));
	const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
	return x >= 0 ? y : -y;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** f(x) and f′(x) in plain numbers (at 0, ReLU's derivative is taken as 0, as TF.js does). */
export function activationValue(name: Activation, x: number): { value: number; slope: number } {
	switch (name) {
		case 'sigmoid': {
			const s = sigmoid(x);
			return { value: s, slope: s * (1 - s) };
		}
		case 'tanh': {
			const t = Math.tanh(x);
			return { value: t, slope: 1 - t * t };
		}
		case 'relu':
			return { value: Math.max(0, x), slope: x > 0 ? 1 : 0 };
		case 'leaky-relu':
			return { value: x > 0 ? x : LEAK * x, slope: x > 0 ? 1 : LEAK };
		case 'elu':
			return { value: x > 0 ? x : Math.expm1(x), slope: x > 0 ? 1 : Math.exp(x) };
		case 'gelu': {
			const phi = Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
			const cdf = 0.5 * (1 + erf(x * Math.SQRT1_2));
			return { value: x * cdf, slope: cdf + x * phi };
		}
		case 'linear':
			return { value: x, slope: 1 };
	}
}
