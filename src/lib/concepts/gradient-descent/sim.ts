/**
 * Gradient descent, whole trajectories at a time. A trajectory is a pure function of the
 * parameters and the seed, so a slider drag recomputes every path at once and the widget
 * only moves a step cursor along them while it plays.
 *
 * The paths run on plain Float64Arrays: stepping TF.js optimisers one scalar step at a time
 * costs ~0.1 ms a step, far too slow to redraw thousands of steps on every drag. The
 * update rules are TF.js's own (`optimizers.ts`), and the tests replay the paths through
 * `tf.train` step by step. TF.js computes the loss grids behind the contours.
 */
import { createRng } from '$lib/engine/rng';
import type { Point } from '$lib/common/geometry';
import { createOptimizer, optimizerStep, type Hyperparameters, type OptimizerName } from './optimizers';
import { scheduledRate, type ScheduleName, type ScheduleOptions } from './schedules';
import {
	batchGradient,
	leastSquares,
	makeRegressionData,
	meanSquaredError,
	mseTensor,
	REGRESSION_START,
	regressionBounds,
	regressionRegion,
	shuffledOrder,
	type RegressionData
} from './regression';
import { findGridMinima, lossGrid, type LossGrid, type Region, type Surface } from './surfaces';

/** Loss grids are GRID_SIZE × GRID_SIZE: plenty for contours a few hundred pixels wide. */
const GRID_SIZE = 150;

/** How a run ended: the gradient fell below the tolerance, it blew up or left the plot, or it ran out of steps. */
export type RunEnd = 'converged' | 'diverged' | 'stopped';

/** Why a run ended, in words for the status line. */
export type EndReason =
	| 'converged'
	| 'left the plot'
	| 'blew up'
	| 'stopped without converging'
	| 'stopped where its gradient is undefined'
	| 'could not start: the loss is undefined at the start';

export interface Trajectory {
	/** Positions x0, y0, x1, y1, … after 0, 1, 2, … updates: `length + 1` of them. */
	path: Float64Array;
	/** The loss at each position. */
	loss: Float64Array;
	/** Updates made before the run ended. */
	length: number;
	end: RunEnd;
	reason: EndReason;
	/** Norm of the exact gradient at the last position. */
	finalGradient: number;
}

/** One descent problem: where to start, what to stop on, and how one update moves the parameters. */
interface Descent {
	start: Point;
	/** A run that leaves this box has diverged. */
	bounds: Region;
	steps: number;
	tol: number;
	value: (x: number, y: number) => number;
	/** The exact gradient, for the convergence test. */
	gradient: (x: number, y: number, out: Float64Array) => void;
	/** Update number t (0-based): moves `params` in place. */
	update: (t: number, params: Float64Array, exactGradient: Float64Array) => void;
}

export function inside(region: Region, x: number, y: number): boolean {
	return x >= region.x[0] && x <= region.x[1] && y >= region.y[0] && y <= region.y[1];
}

function descend({ start, bounds, steps, tol, value, gradient, update }: Descent): Trajectory {
	const path = new Float64Array(2 * (steps + 1));
	const loss = new Float64Array(steps + 1);
	const params = Float64Array.from(start);
	const g = new Float64Array(2);
	path.set(params);
	loss[0] = value(params[0], params[1]);
	const finish = (length: number, end: RunEnd, reason: EndReason, finalGradient: number): Trajectory => ({
		path: path.slice(0, 2 * (length + 1)),
		loss: loss.slice(0, length + 1),
		length,
		end,
		reason,
		finalGradient
	});
	if (!Number.isFinite(loss[0])) return finish(0, 'diverged', 'could not start: the loss is undefined at the start', NaN);
	if (!inside(bounds, params[0], params[1])) return finish(0, 'diverged', 'left the plot', NaN);
	for (let t = 0; t < steps; t++) {
		gradient(params[0], params[1], g);
		const norm = Math.hypot(g[0], g[1]);
		if (norm < tol) return finish(t, 'converged', 'converged', norm);
		// A kink (|x| at 0) or the edge of a domain (log at 0): no direction to go.
		if (!Number.isFinite(norm)) return finish(t, 'stopped', 'stopped where its gradient is undefined', NaN);
		update(t, params, g);
		const [x, y] = params;
		const f = value(x, y);
		// A blow-up keeps the positions before it; leaving the box keeps the position
		// outside, so its line points where it went.
		if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(f)) return finish(t, 'diverged', 'blew up', NaN);
		path[2 * t + 2] = x;
		path[2 * t + 3] = y;
		loss[t + 1] = f;
		if (!inside(bounds, x, y)) return finish(t + 1, 'diverged', 'left the plot', NaN);
	}
	gradient(params[0], params[1], g);
	const norm = Math.hypot(g[0], g[1]);
	return norm < tol ? finish(steps, 'converged', 'converged', norm) : finish(steps, 'stopped', 'stopped without converging', norm);
}

export interface ScheduleSettings {
	lr: number;
	schedule: ScheduleName;
	options: ScheduleOptions;
}

export interface SurfaceRunSettings extends ScheduleSettings {
	steps: number;
	tol: number;
	hp: Hyperparameters;
	/** Standard deviation of the Gaussian noise added to every gradient. */
	noise: number;
	seed: number;
}

/**
 * One optimizer from `start` on `surface`. Every optimizer of a run gets the same
 * sequence of gradient noise (one stream per seed), so differences come from the rules.
 */
export function runOnSurface(surface: Surface, optimizer: OptimizerName, start: Point, settings: SurfaceRunSettings): Trajectory {
	const { steps, tol, hp, noise, seed } = settings;
	const state = createOptimizer(optimizer, start, hp);
	const noisy = new Float64Array(2);
	const rng = noiseRng(seed);
	return descend({
		start,
		bounds: surface.region,
		steps,
		tol,
		value: surface.value,
		gradient: surface.gradient,
		update: (t, params, g) => {
			noisy[0] = g[0] + (noise ? noise * rng.normal() : 0);
			noisy[1] = g[1] + (noise ? noise * rng.normal() : 0);
			state.params.set(params);
			optimizerStep(state, noisy, rateAt(settings, t), hp);
			params.set(state.params);
		}
	});
}

/** The stream of gradient noise: every optimizer of a run draws the same one. */
const noiseRng = (seed: number) => createRng(seed).fork('gradient-noise');

/**
 * The standard normal draws behind the gradient noise, for the export: update t adds σ times
 * pair t to the gradient, for every optimizer alike.
 */
export function gradientNoiseDraws(seed: number, updates: number): Point[] {
	const rng = noiseRng(seed);
	return Array.from({ length: updates }, () => [rng.normal(), rng.normal()]);
}

/** The scheduled learning rate for update t. */
export function rateAt({ lr, schedule, options }: ScheduleSettings, t: number): number {
	return scheduledRate(schedule, lr, t, options);
}

// ---------------------------------------------------------------------------------------
// Part 2

export interface RegressionRun extends Trajectory {
	batchSize: number;
	/** Training examples whose gradient had been computed after each position: 0, m, 2m, … */
	examplesSeen: Float64Array;
}

export interface RegressionRunSettings extends ScheduleSettings {
	steps: number;
	tol: number;
	seed: number;
}

/**
 * Plain gradient descent on the mean squared error, one update per batch of
 * `batchSize` examples taken in a fresh seeded order each epoch (the last batch of an
 * epoch may be smaller). Batch size n is full-batch descent; 1 is SGD.
 */
export function runRegression(
	data: RegressionData,
	batchSize: number,
	start: Point,
	bounds: Region,
	settings: RegressionRunSettings
): RegressionRun {
	const n = data.xs.length;
	const m = Math.max(1, Math.min(n, Math.round(batchSize)));
	const nextEpoch = epochOrders(n, m, settings.seed);
	let order: Int32Array = new Int32Array(0);
	const batch = new Float64Array(2);
	const examplesSeen = new Float64Array(settings.steps + 1);
	let position = n; // in the current epoch's order; n means "start a new epoch"
	const trajectory = descend({
		start,
		bounds,
		steps: settings.steps,
		tol: settings.tol,
		value: (w, b) => meanSquaredError(data, w, b),
		gradient: (w, b, out) => fullGradient(data, w, b, out),
		update: (t, params) => {
			if (position >= n) {
				order = nextEpoch();
				position = 0;
			}
			const end = Math.min(n, position + m);
			batchGradient(data, order, position, end, params[0], params[1], batch);
			examplesSeen[t + 1] = examplesSeen[t] + (end - position);
			position = end;
			const lr = rateAt(settings, t);
			params[0] -= lr * batch[0];
			params[1] -= lr * batch[1];
		}
	});
	return { ...trajectory, batchSize: m, examplesSeen: examplesSeen.slice(0, trajectory.loss.length) };
}

/**
 * The order each epoch of a run in batches of m visits the n examples in: a fresh seeded
 * shuffle of the last epoch's order (the same array), or 0 … n−1 throughout for full batch.
 */
function epochOrders(n: number, m: number, seed: number): () => Int32Array {
	const order = Int32Array.from({ length: n }, (_, i) => i);
	const rng = createRng(seed).fork(`batches-${m}`);
	return () => {
		if (m < n) shuffledOrder(order, rng);
		return order;
	};
}

/** The orders of the first `epochs` epochs of `runRegression` in batches of `batchSize`, for the export. */
export function regressionEpochOrders(n: number, batchSize: number, seed: number, epochs: number): number[][] {
	const nextEpoch = epochOrders(n, batchSize, seed);
	return Array.from({ length: epochs }, () => Array.from(nextEpoch()));
}

/** The exact gradient of the MSE on all the data, from its sums. */
export function fullGradient({ sums }: RegressionData, w: number, b: number, out: Float64Array) {
	out[0] = (2 * (w * sums.xx + b * sums.x - sums.xy)) / sums.n;
	out[1] = (2 * (w * sums.x + b * sums.n - sums.y)) / sums.n;
}

export function regressionData(n: number, noise: number, seed: number): RegressionData {
	return makeRegressionData(n, noise, createRng(seed).fork('regression-data'));
}

/** Part 2's problem: the data, its least-squares line and that line's loss, the region shown and its MSE grid. */
export interface RegressionProblem {
	data: RegressionData;
	solution: Point;
	lowest: number;
	region: Region;
	grid: LossGrid;
}

export function regressionProblem(n: number, noise: number, seed: number): RegressionProblem {
	const data = regressionData(n, noise, seed);
	const solution = leastSquares(data);
	const region = regressionRegion(solution);
	return { data, solution, lowest: meanSquaredError(data, ...solution), region, grid: lossGrid(mseTensor(data), region, GRID_SIZE) };
}

/** Part 2's three runs on one problem: full batch, mini-batches of `batch`, and SGD. */
export function batchRuns({ data, solution }: RegressionProblem, batch: number, settings: RegressionRunSettings) {
	const n = data.xs.length;
	return [
		{ name: 'full-batch', label: 'Full batch', batchSize: n },
		{ name: 'mini-batch', label: `Mini-batch of ${Math.min(batch, n)}`, batchSize: batch },
		{ name: 'stochastic', label: 'SGD (batch of 1)', batchSize: 1 }
	].map(({ name, label, batchSize }) => ({ name, label, trajectory: runRegression(data, batchSize, REGRESSION_START, regressionBounds(solution), settings) }));
}

// ---------------------------------------------------------------------------------------
// Playing the runs back: the widget's step cursor, its status, and what its plots draw

/**
 * How part 1 ended once every path has played out: `converged` if at least one run
 * converged, `diverged` if every run diverged, else `stopped` (none converged: they ran out
 * of steps or reached a point without a gradient, and any others diverged).
 */
export function overallStatus(trajectories: readonly Pick<Trajectory, 'end'>[]): RunEnd {
	if (trajectories.some((t) => t.end === 'converged')) return 'converged';
	if (trajectories.length > 0 && trajectories.every((t) => t.end === 'diverged')) return 'diverged';
	return 'stopped';
}

/** Where a path is when the widget's step cursor is at `cursor`: its index, and whether it has ended. */
export function positionAt(trajectory: Trajectory, cursor: number): { index: number; ended: boolean } {
	return { index: Math.min(cursor, trajectory.length), ended: cursor >= trajectory.length };
}

/** The point of a path at `index`. */
export function pointAt({ path }: Trajectory, index: number): Point {
	return [path[2 * index], path[2 * index + 1]];
}

/** −∇f at `point`, or null where the gradient is undefined. */
export function downhillAt(surface: Surface, [x, y]: Point): Point | null {
	const g = new Float64Array(2);
	surface.gradient(x, y, g);
	return Number.isFinite(g[0]) && Number.isFinite(g[1]) ? [-g[0], -g[1]] : null;
}

/** How far `point` is from the nearest of `points`; null when there are none (the saddle has no minimum). */
export function distanceToNearest(points: readonly Point[], [x, y]: Point): number | null {
	return points.length ? Math.min(...points.map(([px, py]) => Math.hypot(x - px, y - py))) : null;
}

/** A path as a surface plot draws it. */
export interface DrawnRun {
	label: string;
	color: string;
	trajectory: Trajectory;
	/** Points reached so far (cursor + 1, at most the whole path). */
	shown: number;
	/** −∇f at the current point, for the arrow. */
	downhill: Point | null;
}

/** Flat chart points (x(i), y(i)) for i = 0 … count − 1. */
export function curve(count: number, x: (i: number) => number, y: (i: number) => number): Float64Array {
	const points = new Float64Array(2 * count);
	for (let i = 0; i < count; i++) {
		points[2 * i] = x(i);
		points[2 * i + 1] = y(i);
	}
	return points;
}

/**
 * A path's loss against the step for a log-scale chart: the loss above `floor` (never below
 * 1e-12), without a last point outside `region` (where a run left the plot).
 */
export function lossCurve(trajectory: Trajectory, floor: number, region: Region): Float64Array {
	const last = trajectory.loss.length - 1;
	const count = inside(region, ...pointAt(trajectory, last)) ? last + 1 : last;
	return curve(count, (i) => i, (i) => Math.max(1e-12, trajectory.loss[i] - floor));
}

/** A surface with its loss grid; a typed surface gets the minima found on that grid. */
export function withLossGrid(base: Surface): { surface: Surface; grid: LossGrid } {
	const grid = lossGrid(base.tensor, base.region, GRID_SIZE);
	return { grid, surface: base.name === 'custom' ? { ...base, minima: findGridMinima(grid, base) } : base };
}
