/**
 * The activation functions a network can use, as plain functions with their derivatives
 * for drawing them (network.ts has them as TF.js ops). No TF.js here: the page draws with
 * these while the networks train in a worker.
 */
import { normalCdf } from '$lib/common/stats';
import type { Activation } from './options';

export { ACTIVATIONS, ALL_ACTIVATIONS, ACTIVATION_LABELS, MORE_ACTIVATIONS, type Activation } from './options';

/** Leaky ReLU's slope below 0. */
export const LEAK = 0.01;

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
			const cdf = normalCdf(x);
			return { value: x * cdf, slope: cdf + x * phi };
		}
		case 'linear':
			return { value: x, slope: 1 };
		case 'swish': {
			// x·σ(x); its slope σ(x)·(1 + x·(1 − σ(x))).
			const s = sigmoid(x);
			return { value: x * s, slope: s * (1 + x * (1 - s)) };
		}
		case 'softplus':
			// log(1 + eˣ), written to stay finite for large x; its slope is σ(x).
			return { value: Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), slope: sigmoid(x) };
	}
}
