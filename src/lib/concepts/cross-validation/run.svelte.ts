/**
 * A cross-validation run. Choosing a degree: the data (drawn from the seed, or the reader's
 * own points, edited through $lib/widget/points) and its folds from the seed, every degree
 * cross-validated and tested in a background job, then Step walks through the folds of the
 * chosen degree one at a time; a second job measures how the CV estimate spreads over fresh
 * data sets for several k (for own points, over ways of dealing the folds). The leak: both
 * ways of selecting features, in a job.
 */
import { createRng } from '$lib/engine/rng';
import { formatValue } from '$lib/common/format';
import { tidyNumber } from '$lib/engine/arrays';
import type { Point } from '$lib/common/geometry';
import type { JobHandle, Readout, Run, RunInput, RunStatus } from '$lib/widget/contract';
import type { Notice } from '$lib/widget/schema';
import { editablePoints, type EditablePoints } from '$lib/widget/points/edits.svelte';
import { MAX_OWN_POINTS, MIN_POINTS, type CvParams, type PresetValue, type schema } from './params';
import {
	argmin,
	crossValidate,
	drawDataset,
	drawLeakData,
	evaluate,
	foldsOf,
	leakJob,
	resplitJob,
	scaledDataset,
	scalingOf,
	spreadJob,
	testErrors,
	TEST_SIZE,
	unscaleErrors,
	UNSCALED,
	type CvResult,
	type Dataset,
	type LeakResult,
	type Scaling,
	type SpreadRow
} from './sim';

export const LEAK_TEST_ROWS = 500;

interface Choice {
	/** Errors in the reader's units. */
	cv: CvResult;
	/** The true test error per degree; null for own points, which have no known curve. */
	test: (number | null)[];
	/** The fit on all n points, per degree (in the fitting coordinates: see `curve`). */
	full: Float64Array[];
}

export class CvRun implements Run {
	readonly values: CvParams;
	/** Folds in use: k, or n for leave-one-out. */
	readonly k: number;
	readonly folds: Int32Array;
	/** The points (choosing a degree only): the drawn ones or the reader's, a drag under way included. */
	readonly edits: EditablePoints<PresetValue> | null;
	/** The data in fitting coordinates (x on [0, 1] for the reader's points), and the map back. */
	readonly data: Dataset | null;
	readonly scaling: Scaling;
	readonly choice: JobHandle<Choice> | null;
	readonly spread: JobHandle<SpreadRow[]> | null;
	readonly leak: JobHandle<LeakResult> | null;
	/** The fresh points the true test error is measured on (drawn data only). */
	readonly testSet: Dataset | null = null;
	/** Folds of the chosen degree stepped through so far. */
	shown = $state(0);

	constructor(input: RunInput<typeof schema, CvRun>) {
		const { values, seed, services } = input;
		this.values = values;
		const { part, noise, degree, features, selected } = values;
		if (part === 'choose') {
			const own = values.preset === 'own';
			const drawn = own ? null : services.memo('data', JSON.stringify([values.n, noise, seed]), () => drawDataset(values.n, noise, createRng(seed).fork('data')));
			const base: Point[] = drawn ? Array.from(drawn.xs, (x, i) => [x, drawn.ys[i]]) : values.points;
			this.edits = editablePoints<PresetValue>(input, base, MAX_OWN_POINTS);
			this.scaling = own ? scalingOf(base) : UNSCALED;
			const data = drawn ?? scaledDataset(base, this.scaling);
			const scaling = this.scaling;
			this.data = data;
			const n = data.xs.length;
			this.k = values.loo ? n : Math.min(values.k, n);
			const k = this.k;
			const folds = (this.folds = foldsOf(n, k, createRng(seed).fork(`folds-${k}`)));
			const dataKey = own ? JSON.stringify(values.points) : JSON.stringify([n, noise]);
			const test = (this.testSet = own ? null : services.memo('test', JSON.stringify([noise, seed]), () => drawDataset(TEST_SIZE, noise, createRng(seed).fork('test'))));
			if (n < MIN_POINTS) {
				this.choice = this.spread = null;
			} else {
				this.choice = services.job('choice', {
					key: JSON.stringify([dataKey, seed, k]),
					*make() {
						yield;
						const cv = unscaleErrors(crossValidate(data, folds, k), scaling);
						yield;
						const { errors, coefficients } = testErrors(data, test);
						return { cv, test: errors, full: coefficients };
					},
					finishFirst: true
				});
				this.spread = services.job('spread', {
					key: JSON.stringify([dataKey, degree, seed]),
					make: () => (test ? spreadJob(n, noise, degree, seed, test) : resplitJob(data, scaling, degree, seed)),
					delayMs: 300
				});
			}
			this.leak = null;
		} else {
			const { n } = values;
			this.k = values.loo ? n : Math.min(values.k, n);
			const k = this.k;
			const folds = (this.folds = foldsOf(n, k, createRng(seed).fork(`folds-${k}`)));
			this.edits = null;
			this.data = null;
			this.scaling = UNSCALED;
			this.choice = null;
			this.spread = null;
			const rng = createRng(seed).fork(`leak-${features}`);
			const data = services.memo('leak-data', JSON.stringify([n, features, seed]), () => ({ own: drawLeakData(n, features, rng), fresh: drawLeakData(LEAK_TEST_ROWS, features, rng) }));
			this.leak = services.job('leak', { key: JSON.stringify([n, features, selected, seed, k]), make: () => leakJob(data.own, folds, k, selected, data.fresh), finishFirst: true });
		}
	}

	/** Whether the points are the reader's own (no true curve, so no true test error). */
	get own(): boolean {
		return this.values.part === 'choose' && this.values.preset === 'own';
	}

	/** The points as shown (the reader's coordinates), a drag under way included. */
	get points(): Point[] {
		return this.edits?.points ?? [];
	}

	/** A fitted polynomial (fitting coordinates) as a curve over x in [lo, hi] (the reader's). */
	curve(beta: Float64Array | undefined, [lo, hi]: [number, number], steps = 120): Point[] {
		if (!beta || !beta.length) return [];
		const { x0, xSpan, y0, ySpan } = this.scaling;
		return Array.from({ length: steps + 1 }, (_, i) => {
			const x = lo + ((hi - lo) * i) / steps;
			return [x, y0 + ySpan * evaluate(beta, (x - x0) / xSpan)];
		});
	}

	addPoint(point: Point) {
		this.edits?.add(point);
	}

	removePoint(index: number) {
		this.edits?.remove(index);
	}

	move(index: number, point: Point) {
		this.edits?.move(index, point);
	}

	release(index: number, point: Point) {
		this.edits?.release(index, point);
	}

	commit(points: readonly Point[]) {
		this.edits?.commit(points);
	}

	get result(): Choice | null {
		return this.choice?.result ?? null;
	}

	get canStep(): boolean {
		return this.result !== null && this.shown < this.k;
	}

	step(): boolean {
		if (!this.canStep) return false;
		this.shown++;
		return this.canStep;
	}

	/** The fold being shown (the last stepped), or null before the first step. */
	get currentFold(): number | null {
		return this.shown > 0 ? this.shown - 1 : null;
	}

	get status(): RunStatus {
		const job = this.choice ?? this.leak;
		if (!job) return 'ready';
		if (job.error) return 'error';
		if (this.leak) return this.leak.result ? 'converged' : 'ready';
		return this.result && this.shown >= this.k ? 'converged' : 'ready';
	}

	get statusText(): string {
		const { degree } = this.values;
		const job = this.choice ?? this.leak;
		if (!job) {
			const count = this.data?.xs.length ?? 0;
			return `${count === 0 ? 'No points' : count === 1 ? 'One point' : `Only ${count} points`}: cross-validation needs at least ${MIN_POINTS}. Click the plot to add points, or paste them below.`;
		}
		if (job.error) return `The cross-validation failed: ${job.error}`;
		const kText = this.values.loo ? `leave-one-out (${this.k} folds)` : `${this.k}-fold`;
		if (this.leak) {
			const r = this.leak.result;
			if (!r) return `Selecting features and cross-validating (${kText})…`;
			return `${kText} CV: ${formatValue(r.leakyMean, 3)} with features chosen on all the data, ${formatValue(r.honestMean, 3)} with them chosen inside each fold; on fresh data the model scores ${formatValue(r.testError, 3)}.`;
		}
		const r = this.result;
		if (!r) return `Cross-validating every degree (${kText})…`;
		const cv = r.cv.cvError[degree];
		if (cv === null) return `Degree ${degree} has more coefficients than a fold's training points: choose a lower degree or more points.`;
		const progress = this.shown < this.k ? `Step through the folds: ${this.shown} of ${this.k} shown.` : `All ${this.k} folds shown.`;
		const test = r.test[degree];
		const truth = test === null ? 'your points have no known true curve, so CV is the only estimate of the test error' : `true test error ${formatValue(test, 3)}`;
		return `Degree ${degree}: ${kText} CV error ${formatValue(cv, 3)}, ${truth}. ${progress}`;
	}

	get readouts(): Readout[] {
		if (this.leak) {
			const r = this.leak.result;
			const sd = r && r.honest.length > 1 ? Math.sqrt(r.honest.reduce((s, e) => s + (e - r.honestMean) ** 2, 0) / (r.honest.length - 1)) : null;
			return [
				{ name: 'cv_error', label: 'CV error, features chosen in each fold', value: r?.honestMean ?? null, digits: 4 },
				{ name: 'cv_error_leaky', label: 'CV error, features chosen on all data', value: r?.leakyMean ?? null, digits: 4 },
				{ name: 'cv_sd', label: 'Sd over folds', value: sd, digits: 3 },
				{ name: 'test_error', label: 'Error on fresh data', value: r?.testError ?? null, digits: 4 }
			];
		}
		const r = this.result;
		const d = this.values.degree;
		return [
			{ name: 'cv_error', label: 'CV error', value: r?.cv.cvError[d] ?? null, digits: 4 },
			{ name: 'cv_sd', label: 'Sd over folds', value: r?.cv.cvSd[d] ?? null, digits: 3 },
			{ name: 'test_error', label: 'True test error', value: r?.test[d] ?? null, digits: 4 },
			{ name: 'best_degree_cv', label: 'Degree CV picks', value: r ? argmin(r.cv.cvError) : null },
			{ name: 'best_degree_test', label: 'Best degree on test data', value: r && r.test.some((e) => e !== null) ? argmin(r.test) : null }
		];
	}

	get notices(): Notice[] {
		return this.edits?.notice ? [{ key: 'points', message: this.edits.notice }] : [];
	}

	exportData() {
		const tidy = (v: number | null) => (v === null ? null : tidyNumber(v));
		if (this.leak) {
			const r = this.leak.result;
			return {
				state: { folds: Array.from(this.folds), leaky: r?.leaky.map(tidyNumber) ?? null, honest: r?.honest.map(tidyNumber) ?? null, test_error: r ? tidyNumber(r.testError) : null },
				history: []
			};
		}
		const r = this.result;
		return {
			state: {
				points: this.points.map(([x, y]) => [tidyNumber(x), tidyNumber(y)]),
				folds: Array.from(this.folds),
				cv_error: r?.cv.cvError.map(tidy) ?? null,
				cv_sd: r?.cv.cvSd.map(tidy) ?? null,
				fold_errors: r?.cv.foldErrors.map((row) => row.map(tidy)) ?? null,
				test_error: r?.test.map(tidy) ?? null,
				spread: this.spread?.result ?? null,
				test_points: this.testSet ? Array.from(this.testSet.xs, (x, i) => [tidyNumber(x), tidyNumber(this.testSet!.ys[i])]) : null
			},
			history: []
		};
	}
}
