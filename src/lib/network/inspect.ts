/**
 * Looking inside a network: histograms of a layer's outputs, and how many of a layer's
 * units are really different from each other (symmetric starts make them all the same).
 */
import type { Activation } from './activations';

export interface Histogram {
	/** bins + 1 bin edges, increasing. */
	edges: number[];
	/** Fraction of the values in each bin; values outside the edges go to the end bins. */
	counts: number[];
}

/**
 * The range the histograms of a network's layers share: three of the largest standard
 * deviation either side of the middle of the layers' means — clipped to the activation's
 * own range (tanh's −1…1, sigmoid's 0…1, ReLU's from 0), and that whole range once the
 * outputs fill a good part of it, so saturation shows against the ends.
 */
export function histogramRange(activation: Activation, means: readonly number[], stds: readonly number[]): [number, number] {
	const finiteStds = stds.filter(Number.isFinite);
	const finiteMeans = means.filter(Number.isFinite);
	const spread = Math.max(1e-6, 3 * Math.max(0, ...finiteStds));
	const centre = finiteMeans.length ? (Math.min(...finiteMeans) + Math.max(...finiteMeans)) / 2 : 0;
	const bounded = (lo: number, hi: number): [number, number] =>
		spread >= 0.3 * (hi - lo) ? [lo, hi] : [Math.max(lo, centre - spread), Math.min(hi, centre + spread)];
	if (activation === 'tanh') return bounded(-1, 1);
	if (activation === 'sigmoid') return bounded(0, 1);
	if (activation === 'relu') return [0, Math.max(1e-6, centre + spread)];
	return [centre - spread, centre + spread];
}

export function histogram(values: ArrayLike<number>, [lo, hi]: [number, number], bins: number): Histogram {
	const counts = new Array<number>(bins).fill(0);
	const width = (hi - lo) / bins;
	let total = 0;
	for (let i = 0; i < values.length; i++) {
		const value = values[i];
		if (!Number.isFinite(value)) continue;
		const bin = Math.min(bins - 1, Math.max(0, Math.floor((value - lo) / width)));
		counts[bin]++;
		total++;
	}
	return {
		edges: Array.from({ length: bins + 1 }, (_, i) => lo + i * width),
		counts: counts.map((count) => (total > 0 ? count / total : 0))
	};
}

/**
 * The number of different columns (units' incoming weight vectors) of a fanIn × fanOut
 * matrix stored row by row. Two units count as one when every weight agrees within
 * `tolerance` times the largest weight of the matrix: float32 rounding of the same update.
 */
export function distinctUnits(weights: Float32Array, fanIn: number, fanOut: number, tolerance = 1e-5): number {
	let scale = 0;
	for (let i = 0; i < weights.length; i++) scale = Math.max(scale, Math.abs(weights[i]));
	const limit = tolerance * Math.max(scale, 1e-12);
	const kinds: number[] = [];
	for (let j = 0; j < fanOut; j++) {
		const same = kinds.some((k) => {
			for (let i = 0; i < fanIn; i++) if (Math.abs(weights[i * fanOut + j] - weights[i * fanOut + k]) > limit) return false;
			return true;
		});
		if (!same) kinds.push(j);
	}
	return kinds.length;
}

/**
 * Units of one layer whose output is the same on every input of the batch, from the layer's
 * outputs (batch × width, row by row). Such a unit tells the next layer nothing and passes
 * no gradient back (a ReLU unit whose input is negative on every point: a dead ReLU). Same
 * means within `tolerance`, absolute: a dead ReLU's outputs are exactly 0.
 */
export function deadUnits(outputs: Float32Array, width: number, tolerance = 1e-6): number {
	const rows = outputs.length / width;
	let dead = 0;
	for (let j = 0; j < width; j++) {
		let [lo, hi] = [Infinity, -Infinity];
		for (let s = 0; s < rows; s++) {
			const value = outputs[s * width + j];
			if (value < lo) lo = value;
			if (value > hi) hi = value;
		}
		if (rows > 0 && hi - lo <= tolerance) dead++;
	}
	return dead;
}
