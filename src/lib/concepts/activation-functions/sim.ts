/**
 * What the activation-functions widget computes around the shared network core
 * (src/lib/network): the network settings from the page's values, each activation's curve,
 * slope and saturated stretches for the function view, and the share of dead units.
 * Plain numbers only: the networks train in the worker.
 */
import { gridOverSquare } from '$lib/network/datasets';
import { activationValue, type Activation } from '$lib/network/activations';
import type { NetworkSpec, OptimizerName } from '$lib/network/network';
import type { InitScheme } from '$lib/network/init';

/** Training points; every step uses all of them, so "dead" means dead on the whole training set. */
export const DATA_POINTS = 256;
export const MAX_STEPS = 500;
export const BOUNDARY_SIZE = 32;
export const BOUNDARY_GRID = gridOverSquare(BOUNDARY_SIZE);
/** The worker's look inside (histograms, one layer's units) comes with the dead counts; this widget draws neither, so it asks for little. */
export const DETAIL = { bins: 4, unitLayer: 0 };

/** The function view's inputs, and the slope below which a unit counts as saturated there. */
export const FUNCTION_RANGE: [number, number] = [-5, 5];
export const SATURATION_SLOPE = 0.05;

export interface SharedChoice {
	depth: number;
	width: number;
	init: InitScheme;
	opt: OptimizerName;
	lr: number;
}

/** The network for one activation: everything else the same for A and B, down to the starting weights. */
export function networkSpec(shared: SharedChoice, activation: Activation): NetworkSpec {
	return {
		depth: shared.depth,
		width: shared.width,
		activation,
		init: { scheme: shared.init },
		residual: false,
		batchNorm: false,
		optimizer: shared.opt,
		lr: shared.lr,
		clip: 0,
		batchSize: DATA_POINTS
	};
}

/** f and f′ at `samples` evenly spaced inputs over [lo, hi], each as flat (x, y) pairs for a line. */
export function activationCurves(name: Activation, [lo, hi]: [number, number], samples: number): { value: Float64Array; slope: Float64Array } {
	const value = new Float64Array(2 * samples);
	const slope = new Float64Array(2 * samples);
	for (let i = 0; i < samples; i++) {
		const x = lo + ((hi - lo) * i) / (samples - 1);
		const at = activationValue(name, x);
		value.set([x, at.value], 2 * i);
		slope.set([x, at.slope], 2 * i);
	}
	return { value, slope };
}

/**
 * The stretches of [lo, hi] where |f′(x)| < threshold: where a unit's input can sit and pass
 * almost no gradient back. Found on a grid of `samples` steps, each edge refined by bisection.
 */
export function saturatedIntervals(name: Activation, [lo, hi]: [number, number], threshold = SATURATION_SLOPE, samples = 400): [number, number][] {
	const flat = (x: number) => Math.abs(activationValue(name, x).slope) < threshold;
	const edge = (a: number, b: number) => {
		// flat(a) !== flat(b): narrow down to where it changes.
		const flatAtA = flat(a);
		for (let i = 0; i < 50; i++) {
			const mid = (a + b) / 2;
			if (flat(mid) === flatAtA) a = mid;
			else b = mid;
		}
		// Rounded, so that ReLU's kink reads 0, not 1e-17.
		return Math.round(((a + b) / 2) * 1e9) / 1e9 || 0;
	};
	const intervals: [number, number][] = [];
	let start: number | null = flat(lo) ? lo : null;
	let previous = lo;
	for (let i = 1; i <= samples; i++) {
		const x = lo + ((hi - lo) * i) / samples;
		const isFlat = flat(x);
		if (isFlat && start === null) start = edge(previous, x);
		else if (!isFlat && start !== null) {
			intervals.push([start, edge(previous, x)]);
			start = null;
		}
		previous = x;
	}
	if (start !== null) intervals.push([start, hi]);
	return intervals;
}

/** Dead units of each hidden layer as shares of its width. */
export function deadShares(dead: readonly number[], width: number): number[] {
	return dead.map((count) => count / width);
}

/** Dead units of all hidden layers together, as a share of them all. */
export function totalDeadShare(dead: readonly number[], width: number): number {
	return dead.length ? dead.reduce((sum, count) => sum + count, 0) / (dead.length * width) : 0;
}
