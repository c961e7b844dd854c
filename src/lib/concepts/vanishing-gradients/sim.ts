/**
 * What the vanishing-gradients widget computes around the shared network core
 * (src/lib/network): the network settings from the page's values, the first-to-last
 * gradient ratio and its reading, and the grid the decision boundary is drawn on.
 */
import { gridOverSquare } from '$lib/network/datasets';
import type { InitScheme, InitSpec } from '$lib/network/init';
import type { Activation } from '$lib/network/activations';
import type { LayerStats, NetworkSpec, OptimizerName } from '$lib/network/network';

/** Points in the training set, and per step. */
export const DATA_POINTS = 256;
export const BATCH_SIZE = 64;
/** Training stops here: the heat map and the curves keep every step up to it. */
export const MAX_STEPS = 1000;
/** The decision boundary is drawn from the network's output on this many × this many points. */
export const BOUNDARY_SIZE = 40;

export const BOUNDARY_GRID = gridOverSquare(BOUNDARY_SIZE);

export interface NetworkChoice {
	act: Activation;
	init: InitScheme;
	sigma: number;
	a: number;
	c: number;
	residual: boolean;
	bn: boolean;
}

export interface SharedChoice {
	depth: number;
	width: number;
	opt: OptimizerName;
	lr: number;
	clip: number;
}

export function networkSpec(shared: SharedChoice, own: NetworkChoice): NetworkSpec {
	const init: InitSpec = { scheme: own.init, sigma: own.sigma, a: own.a, c: own.c };
	return {
		depth: shared.depth,
		width: shared.width,
		activation: own.act,
		init,
		residual: own.residual,
		batchNorm: own.bn,
		optimizer: shared.opt,
		lr: shared.lr,
		clip: shared.clip,
		batchSize: BATCH_SIZE
	};
}

/** ‖∂L/∂W₁‖ / ‖∂L/∂W_L‖: how fast the first layer learns next to the last. NaN when undefined. */
export function gradientRatio(layers: readonly LayerStats[]): number {
	if (layers.length < 2) return NaN;
	const ratio = layers[0].gradNorm / layers[layers.length - 1].gradNorm;
	return Number.isFinite(ratio) ? ratio : NaN;
}

const SUPERSCRIPTS: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** 10 to a whole power, written 10⁻⁶. */
export function powerOfTen(exponent: number): string {
	return `10${String(exponent).replace(/[-0-9]/g, (ch) => SUPERSCRIPTS[ch])}`;
}

/** A plain sentence on the ratio: "layer 1 learns 10⁻⁶ as fast as layer 20". */
export function describeRatio(ratio: number, depth: number): string {
	if (!Number.isFinite(ratio) || ratio <= 0) return 'The gradient at layer 1 or at the last layer is zero or not a number: no comparison.';
	const exponent = Math.round(Math.log10(ratio));
	if (exponent <= -2) return `Layer 1 learns about ${powerOfTen(exponent)} as fast as layer ${depth}: its gradient has vanished.`;
	if (exponent >= 2) return `Layer 1 gets about ${powerOfTen(exponent)} times the gradient of layer ${depth}: the gradient explodes on its way back.`;
	return `Layer 1 and layer ${depth} learn at comparable rates (ratio ${ratio.toPrecision(2)}).`;
}
