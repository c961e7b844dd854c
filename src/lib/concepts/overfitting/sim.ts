/**
 * What the overfitting widget computes around the shared network core (src/lib/network):
 * the noisy training and validation sets, the network each set of remedies asks for, and the
 * best epoch of a validation curve. Plain numbers only: the networks train in the worker.
 */
import { createRng } from '$lib/engine/rng';
import { formatValue } from '$lib/common/format';
import { gridOverSquare, makeClassificationSet, type ClassificationSet, type LabelledPoints } from '$lib/network/datasets';
import type { NetworkSpec } from '$lib/network/network';

/** Every step trains on the whole training set at once: one step is one epoch. */
export const MAX_EPOCHS = 400;
export const VALIDATION_POINTS = 400;
export const BOUNDARY_SIZE = 32;
export const BOUNDARY_GRID = gridOverSquare(BOUNDARY_SIZE);

/** The remedies one network trains with; each at its "off" value when not chosen. */
export interface Remedies {
	/** Training points are this many times as many (1: the base set). */
	factor: number;
	/** L2 weight decay λ (0: none). */
	lambda: number;
	/** Dropout rate p (0: none). */
	rate: number;
	/** Early stopping's patience in epochs (0: none). */
	patience: number;
	/** Units of the one hidden layer of the smaller network (0: the big network). */
	small: number;
}

export const NO_REMEDIES: Remedies = { factor: 1, lambda: 0, rate: 0, patience: 0, small: 0 };

interface RemedyChoice {
	more: boolean;
	factor: number;
	l2: boolean;
	lambda: number;
	dropout: boolean;
	rate: number;
	early: boolean;
	patience: number;
	smaller: boolean;
	small: number;
}

export function remediesOf(values: RemedyChoice): Remedies {
	return {
		factor: values.more ? values.factor : 1,
		lambda: values.l2 ? values.lambda : 0,
		rate: values.dropout ? values.rate : 0,
		patience: values.early ? values.patience : 0,
		small: values.smaller ? values.small : 0
	};
}

export const hasRemedy = (r: Remedies) => r.factor > 1 || r.lambda > 0 || r.rate > 0 || r.patience > 0 || r.small > 0;

/** The remedies in a few words: "dropout p = 0.5, L2 λ = 0.01", or "no remedies". */
export function describeRemedies(r: Remedies): string {
	const parts = [
		r.factor > 1 ? `${r.factor}× the data` : '',
		r.lambda > 0 ? `L2 λ = ${formatValue(r.lambda)}` : '',
		r.rate > 0 ? `dropout p = ${formatValue(r.rate)}` : '',
		r.patience > 0 ? `early stopping (patience ${r.patience})` : '',
		r.small > 0 ? `1 hidden layer of ${r.small}` : ''
	].filter(Boolean);
	return parts.length ? parts.join(', ') : 'no remedies';
}

/**
 * `count` points of `dataset` with a share `noise` of their labels flipped. The training and
 * validation sets come from separate streams of the same seed; a larger training set starts
 * with the points of a smaller one (for the sets whose points are drawn one by one: xor,
 * circles, blobs), so "more data" adds points rather than drawing others.
 */
export function noisyPoints(dataset: ClassificationSet, count: number, noise: number, seed: number, stream: 'training' | 'validation'): LabelledPoints {
	const root = createRng(seed);
	const setSeed = stream === 'training' ? seed : root.fork('validation-set').int(2 ** 31);
	const set = makeClassificationSet(dataset, count, setSeed);
	const flips = root.fork(`label-noise-${stream}`);
	for (let i = 0; i < count; i++) if (flips.next() < noise) set.labels[i] = 1 - set.labels[i];
	return set;
}

interface NetworkChoice {
	layers: number;
	width: number;
	lr: number;
}

/** The network for a set of remedies: ReLU with He starts and Adam, trained on the whole set each step. */
export function networkSpec(shared: NetworkChoice, remedies: Remedies): NetworkSpec {
	return {
		depth: remedies.small > 0 ? 2 : shared.layers + 1,
		width: remedies.small > 0 ? remedies.small : shared.width,
		activation: 'relu',
		init: { scheme: 'he-normal' },
		residual: false,
		batchNorm: false,
		optimizer: 'adam',
		lr: shared.lr,
		clip: 0,
		batchSize: Number.MAX_SAFE_INTEGER,
		dropout: remedies.rate,
		weightDecay: remedies.lambda,
		patience: remedies.patience
	};
}

/**
 * The epoch of the lowest value of a curve of (epoch, value) pairs, over its first `count`
 * points (the first of equal lowest values; values that are not finite are skipped), with
 * its index and value; null when there is none.
 */
export function bestEpoch(curve: ArrayLike<number>, count: number): { epoch: number; index: number; value: number } | null {
	let best: { epoch: number; index: number; value: number } | null = null;
	for (let i = 0; i < count; i++) {
		const value = curve[2 * i + 1];
		if (Number.isFinite(value) && (best === null || value < best.value)) best = { epoch: curve[2 * i], index: i, value };
	}
	return best;
}

/** The value of a curve of (epoch, value) pairs at point `index`, or null. */
export function valueAt(curve: ArrayLike<number> | null, index: number): number | null {
	if (!curve || index < 0 || 2 * index + 1 >= curve.length) return null;
	const value = curve[2 * index + 1];
	return Number.isFinite(value) ? value : null;
}
