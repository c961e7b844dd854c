/**
 * Weight initialisation schemes, drawn from the seeded RNG. Plain normal and uniform draws
 * (not the truncated normal of Keras), so each scheme's variance is exactly its formula.
 */
import type { Rng } from '$lib/engine/rng';

export const INIT_SCHEMES = [
	'zeros',
	'constant',
	'uniform',
	'normal',
	'xavier-uniform',
	'xavier-normal',
	'he-uniform',
	'he-normal',
	'lecun-normal',
	'orthogonal'
] as const;
export type InitScheme = (typeof INIT_SCHEMES)[number];

export const INIT_LABELS: Record<InitScheme, string> = {
	zeros: 'Zeros',
	constant: 'Constant c',
	uniform: 'Uniform U(−a, a)',
	normal: 'Normal N(0, σ²)',
	'xavier-uniform': 'Xavier / Glorot uniform',
	'xavier-normal': 'Xavier / Glorot normal',
	'he-uniform': 'He / Kaiming uniform',
	'he-normal': 'He / Kaiming normal',
	'lecun-normal': 'LeCun normal',
	orthogonal: 'Orthogonal'
};

export interface InitSpec {
	scheme: InitScheme;
	/** σ of `normal`. */
	sigma?: number;
	/** Half-width a of `uniform`. */
	a?: number;
	/** The value of `constant`. */
	c?: number;
}

/** The variance of one weight under the scheme (for `constant` and `zeros`, 0). */
export function initVariance({ scheme, sigma = 0.1, a = 0.1 }: InitSpec, fanIn: number, fanOut: number): number {
	switch (scheme) {
		case 'zeros':
		case 'constant':
			return 0;
		case 'uniform':
			return (a * a) / 3;
		case 'normal':
			return sigma * sigma;
		case 'xavier-uniform':
		case 'xavier-normal':
			return 2 / (fanIn + fanOut);
		case 'he-uniform':
		case 'he-normal':
			return 2 / fanIn;
		case 'lecun-normal':
			return 1 / fanIn;
		case 'orthogonal':
			// Orthonormal columns (or rows) of length 1 spread over fanIn (or fanOut) entries.
			return 1 / Math.max(fanIn, fanOut);
	}
}

/** A fanIn × fanOut weight matrix, row by row (row i: the weights out of input i). */
export function initWeights(spec: InitSpec, fanIn: number, fanOut: number, rng: Rng): Float32Array {
	const size = fanIn * fanOut;
	switch (spec.scheme) {
		case 'zeros':
			return new Float32Array(size);
		case 'constant':
			return new Float32Array(size).fill(spec.c ?? 0.1);
		case 'orthogonal':
			return orthogonal(fanIn, fanOut, rng);
		case 'uniform':
		case 'xavier-uniform':
		case 'he-uniform': {
			const half = Math.sqrt(3 * initVariance(spec, fanIn, fanOut));
			return Float32Array.from({ length: size }, () => rng.uniform(-half, half));
		}
		default: {
			const sd = Math.sqrt(initVariance(spec, fanIn, fanOut));
			return Float32Array.from({ length: size }, () => sd * rng.normal());
		}
	}
}

/**
 * A fanIn × fanOut matrix with orthonormal columns (fanIn ≥ fanOut) or rows (fanIn < fanOut),
 * from a Gaussian matrix by modified Gram–Schmidt: Saxe et al.'s orthogonal init, gain 1.
 */
function orthogonal(fanIn: number, fanOut: number, rng: Rng): Float32Array {
	const [long, short] = fanIn >= fanOut ? [fanIn, fanOut] : [fanOut, fanIn];
	// `short` vectors of length `long`, made orthonormal one after another.
	const vectors = Array.from({ length: short }, () => Float64Array.from({ length: long }, () => rng.normal()));
	for (let j = 0; j < short; j++) {
		const v = vectors[j];
		for (let k = 0; k < j; k++) {
			const u = vectors[k];
			let dot = 0;
			for (let i = 0; i < long; i++) dot += u[i] * v[i];
			for (let i = 0; i < long; i++) v[i] -= dot * u[i];
		}
		let norm = 0;
		for (let i = 0; i < long; i++) norm += v[i] * v[i];
		norm = Math.sqrt(norm);
		for (let i = 0; i < long; i++) v[i] /= norm;
	}
	const weights = new Float32Array(fanIn * fanOut);
	for (let r = 0; r < fanIn; r++) {
		for (let c = 0; c < fanOut; c++) {
			weights[r * fanOut + c] = fanIn >= fanOut ? vectors[c][r] : vectors[r][c];
		}
	}
	return weights;
}
