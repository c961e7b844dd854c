/**
 * What the weight-initialisation widget computes around the shared network core
 * (src/lib/network): the network settings from the page's values, and the shapes its
 * plots need from what each step reports.
 */
import { gridOverSquare } from '$lib/network/datasets';
import type { Activation } from '$lib/network/activations';
import type { InitScheme } from '$lib/network/init';
import type { NetworkSpec, OptimizerName } from '$lib/network/network';

/** Training points; every step uses all of them, so each histogram is over 512 inputs. */
export const DATA_POINTS = 512;
export const MAX_STEPS = 500;
export const BINS = 40;
/** The layer whose units are drawn (0-based): layer 2, the first from width to width units. */
export const UNIT_LAYER = 1;
export const BOUNDARY_SIZE = 32;
export const BOUNDARY_GRID = gridOverSquare(BOUNDARY_SIZE);

export interface InitChoice {
	init: InitScheme;
	sigma: number;
	a: number;
	c: number;
}

export interface SharedChoice {
	act: Activation;
	depth: number;
	width: number;
	opt: OptimizerName;
	lr: number;
}

export function networkSpec(shared: SharedChoice, own: InitChoice): NetworkSpec {
	return {
		depth: shared.depth,
		width: shared.width,
		activation: shared.act,
		init: { scheme: own.init, sigma: own.sigma, a: own.a, c: own.c },
		residual: false,
		batchNorm: false,
		optimizer: shared.opt,
		lr: shared.lr,
		clip: 0,
		batchSize: DATA_POINTS
	};
}

/**
 * Each unit's incoming weights as one curve over the inputs: from a fanIn × fanOut matrix
 * stored row by row to fanOut curves of fanIn values, one after another.
 */
export function unitCurves(weights: Float32Array, [fanIn, fanOut]: [number, number]): Float32Array {
	const curves = new Float32Array(fanIn * fanOut);
	for (let j = 0; j < fanOut; j++) for (let i = 0; i < fanIn; i++) curves[j * fanIn + i] = weights[i * fanOut + j];
	return curves;
}

/** Last hidden layer's activation std ÷ first's: below 1 the signal fades with depth, above 1 it grows. */
export function stdRatio(stds: readonly number[]): number {
	const ratio = stds[stds.length - 1] / stds[0];
	return Number.isFinite(ratio) ? ratio : NaN;
}
