/**
 * What the batch-norm widget computes around the shared network core (src/lib/network):
 * the networks' settings from the page's values, the batch statistics its plots draw, and
 * the learning-rate sweep's plan and verdicts. Plain numbers only: the networks train in
 * workers.
 */
import { gridOverSquare } from '$lib/network/datasets';
import type { NetworkSpec } from '$lib/network/network';
import type { ModeEvaluation } from '$lib/network/network';
import type { DetailRequest } from '$lib/network/protocol';
import type { BatchNormParams } from './params';

/** Training points; a batch is drawn from these at every step. */
export const DATA_POINTS = 256;
export const MAX_STEPS = 300;
export const BOUNDARY_SIZE = 32;
export const BOUNDARY_GRID = gridOverSquare(BOUNDARY_SIZE);
export const BINS = 40;
/** Histograms on both sides of batch norm; the units' weights (unitLayer) are not drawn here. */
export const DETAIL: DetailRequest = { bins: BINS, unitLayer: 0, preActivations: true };

/** The sweep's learning rates: half decades from 0.001 to 10. */
export const SWEEP_RATES = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10] as const;
export const SWEEP_STEPS = 100;
/** A network has learnt when its loss on the whole set ends below this share of where it started. */
export const LEARNT_SHARE = 0.5;

export interface BnChoice {
	bn: boolean;
}

/** The networks' own settings: without and with batch norm in compare mode, else the one asked for. */
export function choicesOf(values: Pick<BatchNormParams, 'compare' | 'bn'>): BnChoice[] {
	return values.compare ? [{ bn: false }, { bn: true }] : [{ bn: values.bn }];
}

export type SharedChoice = Pick<BatchNormParams, 'depth' | 'width' | 'act' | 'init' | 'sigma' | 'batch' | 'opt' | 'lr'>;

/** The network for one choice: everything but batch norm the same, down to the starting weights and the batches. */
export function networkSpec(shared: SharedChoice, { bn }: BnChoice, lr = shared.lr): NetworkSpec {
	return {
		depth: shared.depth,
		width: shared.width,
		activation: shared.act,
		init: { scheme: shared.init, sigma: shared.sigma },
		residual: false,
		batchNorm: bn,
		optimizer: shared.opt,
		lr,
		clip: 0,
		batchSize: shared.batch
	};
}

/**
 * Each batch's mean and spread of one unit's input, relative to the whole set's: x is
 * (batch mean − mean) / std, y is batch std / std. The whole set sits at (0, 1); small
 * batches scatter around it. Empty when the unit does not vary.
 */
export function batchOffsets(unit: NonNullable<ModeEvaluation['unit']>): [number, number][] {
	if (!(unit.std > 0 && Number.isFinite(unit.std))) return [];
	return Array.from(unit.groupMeans, (mean, g) => [(mean - unit.mean) / unit.std, unit.groupStds[g] / unit.std] as [number, number]);
}

/** Where the running statistics sit on the same axes, or null when the unit does not vary. */
export function runningOffset(unit: NonNullable<ModeEvaluation['unit']>): [number, number] | null {
	if (!(unit.std > 0 && Number.isFinite(unit.std))) return null;
	const point: [number, number] = [(unit.runningMean - unit.mean) / unit.std, unit.runningStd / unit.std];
	return point.every(Number.isFinite) ? point : null;
}

/**
 * The standard deviation of a batch's mean, in units of the whole set's standard deviation,
 * for batches of b drawn without replacement from n points: √((n − b) / (b (n − 1))).
 */
export function meanSpread(b: number, n: number): number {
	if (n <= 1 || b >= n) return 0;
	return Math.sqrt((n - b) / (b * (n - 1)));
}

/** Root mean square of the batches' mean offsets (the x of batchOffsets). */
export function rmsOffset(points: readonly (readonly [number, number])[]): number {
	if (points.length === 0) return 0;
	return Math.sqrt(points.reduce((sum, [x]) => sum + x * x, 0) / points.length);
}

// The learning-rate sweep.

/** One network of the sweep: which rate, with or without batch norm. */
export interface SweepEntry {
	lr: number;
	bn: boolean;
}

export const sweepEntries = (): SweepEntry[] => SWEEP_RATES.flatMap((lr) => [false, true].map((bn) => ({ lr, bn })));

/** What the sweep depends on: everything but the learning rate (and the view). */
export function sweepKey(values: BatchNormParams, seed: number): string {
	const { depth, width, act, init, sigma, batch, opt, dataset } = values;
	return JSON.stringify({ depth, width, act, init, sigma: init === 'normal' ? sigma : null, batch, opt, dataset, seed });
}

export type Verdict = 'learns' | 'stalls' | 'diverges';

/** A network of the sweep at its end: its loss on the whole set (inference mode), and where it started. */
export interface SweepOutcome {
	lr: number;
	bn: boolean;
	initialLoss: number;
	/** Null when it diverged. */
	finalLoss: number | null;
}

export function verdictOf({ initialLoss, finalLoss }: SweepOutcome): Verdict {
	if (finalLoss === null || !Number.isFinite(finalLoss)) return 'diverges';
	return finalLoss < LEARNT_SHARE * initialLoss ? 'learns' : 'stalls';
}

/** The largest learning rate at which the network learns, or null if it learns at none. */
export function largestLearning(outcomes: readonly SweepOutcome[], bn: boolean): number | null {
	const learning = outcomes.filter((o) => o.bn === bn && verdictOf(o) === 'learns').map((o) => o.lr);
	return learning.length ? Math.max(...learning) : null;
}
