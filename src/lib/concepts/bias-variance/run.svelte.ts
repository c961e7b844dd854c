/**
 * A bias–variance run for the widget: many training sets from one noisy process, the same
 * model fitted to each, and the decomposition of their error. Step draws one more training
 * set; the sweep against complexity runs in the background. The experiment and the fits are
 * kept across runs while their inputs stay (a drag of the marker changes neither).
 */
import { formatValue } from '$lib/common/format';
import { tidyNumber } from '$lib/engine/arrays';
import type { JobHandle, Readout, Run, RunInput, RunServices, RunStatus } from '$lib/widget/contract';
import type { Notice } from '$lib/widget/schema';
import { formulas } from '$lib/widget/lazy.svelte';
import type { schema, BiasVarianceParams } from './params';
import { prepare, type Setup } from './setup';
import {
	bias2Rebound,
	createExperiment,
	decompose,
	fitSettingJob,
	GRID_SIZE,
	sweepJob,
	TEST_GRID,
	type Experiment,
	type ModelSetting,
	type SettingResult,
	type SweepRow
} from './sim';

/** A model setting fitted to the training sets of an experiment. */
interface Fitted {
	experiment: Experiment;
	result: SettingResult;
}

/** The sweep's rows so far, for the job under `key` (kept across runs, like the job). */
class SweepProgress {
	key = $state<string | null>(null);
	rows = $state.raw<SweepRow[]>([]);
}

export class BiasVarianceRun implements Run {
	readonly values: BiasVarianceParams;
	readonly seed: number;
	readonly setting: ModelSetting;
	/** Training sets drawn so far. */
	shown = $state(1);
	/** The truth and the experiment, once the formula (if any) is read. */
	setup = $state.raw<Setup>({ state: 'loading', text: '', formula: '' });
	/**
	 * The current model fitted to every training set, in the background (a polynomial fit of
	 * 200 sets takes tens of milliseconds): while a slider is dragged the last fit finished
	 * stays on screen, and fits follow the drag as fast as they are made.
	 */
	fit = $state.raw<JobHandle<Fitted> | null>(null);
	/** Bias², variance, noise, test and training error for every complexity of the model's family. */
	sweep = $state.raw<JobHandle<SweepRow[]> | null>(null);
	#sweepKey = '';
	#progress: SweepProgress;
	#services: RunServices;

	constructor({ values, seed, cause, previous, services }: RunInput<typeof schema, BiasVarianceRun>) {
		this.values = values;
		this.seed = seed;
		const { model, degree, ridge, lambda, k } = values;
		this.setting = model === 'poly' ? { model, degree, lambda: ridge ? lambda : 0 } : { model, k };
		this.#services = services;
		this.#progress = services.keep('sweep-progress', () => new SweepProgress());
		// All sets at the start and for a question's case; one after Reset, to draw them one by
		// one; a change keeps how far Play had got.
		if (cause === 'reset') this.shown = 1;
		else if (previous) this.shown = previous.finished ? values.sets : Math.min(previous.shown, values.sets);
		else this.shown = values.sets;
		// (A typed formula's parser is loaded by the shell first: see `needs` in widget.ts.)
		this.#prepare();
	}

	#prepare() {
		const { n, sets, noise, model, ridge, lambda } = this.values;
		const seed = this.seed;
		const services = this.#services;
		let experimentKey = '';
		this.setup = prepare(this.values, formulas, (truth, formula) => {
			experimentKey = JSON.stringify([formula, n, sets, noise, seed]);
			return services.memo('experiment', experimentKey, () => createExperiment(truth, { n, sets, noise, seed }));
		});
		if (this.setup.state !== 'ready') return;
		const { experiment } = this.setup;
		const setting = this.setting;
		this.fit = services.job('fit', {
			key: JSON.stringify([experimentKey, setting]),
			make: function* () {
				return { experiment, result: yield* fitSettingJob(experiment, setting) };
			},
			finishFirst: true
		});

		const family = model === 'poly' ? ({ model: 'poly', lambda: ridge ? lambda : 0 } as const) : ({ model: 'knn' } as const);
		const key = (this.#sweepKey = JSON.stringify([experimentKey, family]));
		const progress = this.#progress;
		this.sweep = services.job('sweep', {
			key,
			make: () =>
				sweepJob(experiment, family, (rows) => {
					progress.key = key;
					progress.rows = [...rows];
				}),
			delayMs: 150
		});
	}

	get experiment() {
		return this.setup.state === 'ready' ? this.setup.experiment : null;
	}

	/** This run's fit, once it is made. */
	get result(): SettingResult | null {
		return this.fit?.result?.result ?? null;
	}

	/** What the plots and numbers show: this run's fit, or while it is on its way the last one made. */
	get shownFit(): Fitted | null {
		return this.fit?.result ?? this.fit?.latest ?? null;
	}

	/** The formula of the truth, as shown. */
	get formula(): string {
		return this.setup.formula;
	}

	get finished(): boolean {
		return this.shown >= this.values.sets;
	}

	/** The decomposition over the training sets drawn so far. */
	readonly measured = $derived.by(() => {
		const fitted = this.shownFit;
		if (!fitted) return null;
		const { result, experiment } = fitted;
		const count = Math.min(this.shown, experiment.data.sets) * GRID_SIZE;
		return decompose(result.fits.subarray(0, count), experiment.truth, experiment.data.noise, experiment.testNoise.subarray(0, count));
	});

	/** The sweep's rows: all of them once it is done, those so far while it runs. */
	get sweepRows(): SweepRow[] {
		if (!this.sweep) return [];
		return this.sweep.result ?? (this.#progress.key === this.#sweepKey ? this.#progress.rows : []);
	}

	get sweeping(): boolean {
		return this.sweep?.running ?? false;
	}

	/** The model of the sweep with the lowest test error. */
	readonly best = $derived.by(() => this.sweepRows.reduce<SweepRow | null>((a, r) => (a && a.testMse <= r.testMse ? a : r), null));

	/** Where bias² climbs again by chance at high degrees, once the sweep is done. */
	readonly rebound = $derived.by(() => (this.values.model === 'poly' && !this.sweeping ? bias2Rebound(this.sweepRows, this.values.sets) : null));

	/** Where the current model sits on the sweep's axis: its degree, or 1/k. */
	get complexity(): number {
		return this.values.model === 'poly' ? this.values.degree : 1 / (this.result?.k ?? this.values.k);
	}

	get canStep(): boolean {
		return this.measured !== null && !this.finished;
	}

	step(): boolean {
		if (!this.canStep) return false;
		this.shown++;
		return !this.finished;
	}

	get status(): RunStatus {
		if (this.setup.state !== 'ready') return this.setup.state;
		if (this.fit?.error) return 'error';
		if (!this.shownFit) return 'loading';
		return this.finished ? 'converged' : 'ready';
	}

	get statusText(): string {
		if (this.setup.state !== 'ready') return this.setup.text;
		if (this.fit?.error) return `The fits failed: ${this.fit.error} Press Reset to try again.`;
		const m = this.measured;
		if (!m) return `Fitting the model to ${this.values.sets} training sets…`;
		const parts = `bias² ${formatValue(m.bias2)}, variance ${formatValue(m.variance)}, noise ${formatValue(m.noise)}; test error ${formatValue(m.testMse)}, their sum ${formatValue(m.bias2 + m.variance + m.noise)}`;
		return `${this.finished ? `All ${this.shown} training sets drawn` : `${this.shown} of ${this.values.sets} training sets drawn`}: ${parts}.`;
	}

	get readouts(): Readout[] {
		const m = this.measured;
		return [
			{ name: 'sets', label: 'Training sets drawn', value: m ? this.shown : null },
			{ name: 'bias2', label: 'Bias²', value: m?.bias2 ?? null },
			{ name: 'variance', label: 'Variance', value: m?.variance ?? null },
			{ name: 'noise', label: 'Noise σ²', value: m?.noise ?? null },
			{ name: 'testMse', label: 'Test error', value: m?.testMse ?? null },
			{ name: 'trainMse', label: 'Training error', value: this.shownFit?.result.trainMse ?? null }
		];
	}

	get notices(): Notice[] {
		const { setup, values } = this;
		const result = this.shownFit?.result;
		const list: Notice[] = [];
		if (setup.state !== 'ready') return list;
		if (setup.notice) list.push({ key: 'expr', message: setup.notice });
		const { undefinedCount } = setup.experiment.truth;
		if (undefinedCount > 0) list.push({ key: 'expr', message: `f is undefined at ${undefinedCount} of the ${GRID_SIZE} test points; they are left out.` });
		if (result?.underdetermined) {
			list.push({
				key: 'degree',
				message: `Degree ${values.degree} has more coefficients than the ${values.n} points of a training set: many curves fit them exactly, and each fit is the smallest of those.`
			});
		}
		if (result?.kClamped) list.push({ key: 'k', message: `k=${values.k} is more than the ${values.n} points of a training set; using k = ${result.k}.` });
		return list;
	}

	/**
	 * What the fits start from, for "Show the code": every training set (row s: its points in
	 * the order drawn), the truth at the grid points (null where undefined) and the standard
	 * normal test noise, row s for set s, [sets × grid points].
	 */
	#draws() {
		const experiment = this.experiment;
		if (!experiment) return { trainingSets: null, truthOnGrid: null, testNoise: null };
		const rows = (values: Float32Array, width: number, digits = 7) =>
			Array.from({ length: values.length / width }, (_, r) => Array.from(values.subarray(r * width, (r + 1) * width), (v) => Number(v.toPrecision(digits))));
		const { data, truth, testNoise } = experiment;
		return {
			// Nine digits give each float32 back exactly: a fit with as many coefficients as points is that sensitive.
			trainingSets: { xs: rows(data.xs, data.n, 9), ys: rows(data.ys, data.n, 9) },
			truthOnGrid: Array.from(truth.values, (v) => (Number.isNaN(v) ? null : tidyNumber(v))),
			testNoise: rows(testNoise, GRID_SIZE)
		};
	}

	exportData() {
		const { values, result, formula } = this;
		return {
			state: {
				truth: { name: values.truth, formula },
				noise: values.noise,
				n: values.n,
				sets: values.sets,
				model: this.setting,
				sweep: this.sweepRows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? tidyNumber(v) : v]))),
				fits: result ? Array.from({ length: this.shown }, (_, s) => Array.from(result.fits.subarray(s * GRID_SIZE, (s + 1) * GRID_SIZE), tidyNumber)) : [],
				grid: Array.from(TEST_GRID, tidyNumber),
				...this.#draws()
			},
			history: []
		};
	}
}
