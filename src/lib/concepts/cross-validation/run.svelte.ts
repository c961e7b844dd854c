/**
 * A cross-validation run. Choosing a degree: the data and its folds from the seed, every
 * degree cross-validated and tested in a background job, then Step walks through the folds
 * of the chosen degree one at a time; a second job measures how the CV estimate spreads over
 * fresh data sets for several k. The leak: both ways of selecting features, in a job.
 */
import { createRng } from '$lib/engine/rng';
import { formatValue } from '$lib/common/format';
import { tidyNumber } from '$lib/engine/arrays';
import type { JobHandle, Readout, Run, RunInput, RunStatus } from '$lib/widget/contract';
import type { CvParams, schema } from './params';
import {
	argmin,
	crossValidate,
	drawDataset,
	drawLeakData,
	foldsOf,
	leakJob,
	spreadJob,
	testErrors,
	TEST_SIZE,
	type CvResult,
	type Dataset,
	type LeakResult,
	type SpreadRow
} from './sim';

export const LEAK_TEST_ROWS = 500;

interface Choice {
	cv: CvResult;
	test: (number | null)[];
	/** The fit on all n points, per degree. */
	full: Float64Array[];
}

export class CvRun implements Run {
	readonly values: CvParams;
	/** Folds in use: k, or n for leave-one-out. */
	readonly k: number;
	readonly folds: Int32Array;
	readonly data: Dataset | null;
	readonly choice: JobHandle<Choice> | null;
	readonly spread: JobHandle<SpreadRow[]> | null;
	readonly leak: JobHandle<LeakResult> | null;
	/** Folds of the chosen degree stepped through so far. */
	shown = $state(0);

	constructor({ values, seed, services }: RunInput<typeof schema, CvRun>) {
		this.values = values;
		const { part, n, noise, degree, features, selected } = values;
		this.k = values.loo ? n : Math.min(values.k, n);
		const k = this.k;
		this.folds = foldsOf(n, k, createRng(seed).fork(`folds-${k}`));
		const folds = this.folds;
		if (part === 'choose') {
			const data = services.memo('data', JSON.stringify([n, noise, seed]), () => drawDataset(n, noise, createRng(seed).fork('data')));
			const test = services.memo('test', JSON.stringify([noise, seed]), () => drawDataset(TEST_SIZE, noise, createRng(seed).fork('test')));
			this.data = data;
			this.choice = services.job('choice', {
				key: JSON.stringify([n, noise, seed, k]),
				*make() {
					yield;
					const cv = crossValidate(data, folds, k);
					yield;
					const { errors, coefficients } = testErrors(data, test);
					return { cv, test: errors, full: coefficients };
				},
				finishFirst: true
			});
			this.spread = services.job('spread', { key: JSON.stringify([n, noise, degree, seed]), make: () => spreadJob(n, noise, degree, seed, test), delayMs: 300 });
			this.leak = null;
		} else {
			this.data = null;
			this.choice = null;
			this.spread = null;
			const rng = createRng(seed).fork(`leak-${features}`);
			const data = services.memo('leak-data', JSON.stringify([n, features, seed]), () => ({ own: drawLeakData(n, features, rng), fresh: drawLeakData(LEAK_TEST_ROWS, features, rng) }));
			this.leak = services.job('leak', { key: JSON.stringify([n, features, selected, seed, k]), make: () => leakJob(data.own, folds, k, selected, data.fresh), finishFirst: true });
		}
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
		const job = this.choice ?? this.leak!;
		if (job.error) return 'error';
		if (this.leak) return this.leak.result ? 'converged' : 'ready';
		return this.result && this.shown >= this.k ? 'converged' : 'ready';
	}

	get statusText(): string {
		const { degree, n } = this.values;
		const job = this.choice ?? this.leak!;
		if (job.error) return `The cross-validation failed: ${job.error}`;
		const kText = this.values.loo ? `leave-one-out (${n} folds)` : `${this.k}-fold`;
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
		return `Degree ${degree}: ${kText} CV error ${formatValue(cv, 3)}, true test error ${formatValue(r.test[degree] ?? NaN, 3)}. ${progress}`;
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
			{ name: 'best_degree_test', label: 'Best degree on test data', value: r ? argmin(r.test) : null }
		];
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
				points: this.data ? Array.from(this.data.xs, (x, i) => [tidyNumber(x), tidyNumber(this.data!.ys[i])]) : [],
				folds: Array.from(this.folds),
				cv_error: r?.cv.cvError.map(tidy) ?? null,
				cv_sd: r?.cv.cvSd.map(tidy) ?? null,
				fold_errors: r?.cv.foldErrors.map((row) => row.map(tidy)) ?? null,
				test_error: r?.test.map(tidy) ?? null,
				spread: this.spread?.result ?? null
			},
			history: []
		};
	}
}
