/**
 * A naive-Bayes run: training points from the known model (or the reader's own, edited
 * through $lib/widget/points), naive Bayes and a full-covariance classifier fitted on them in
 * a background job, scored against fresh test points and the truth. Each Step doubles the
 * training set; the picked point only reads the fits, so moving it keeps the steps made.
 */
import type { LabelledPoint, Point } from '$lib/common/geometry';
import { formatCount, formatValue } from '$lib/common/format';
import { createRng } from '$lib/engine/rng';
import { tidyNumber } from '$lib/engine/arrays';
import type { JobHandle, Readout, Run, RunInput, RunServices, RunStatus } from '$lib/widget/contract';
import type { Notice } from '$lib/widget/schema';
import { AddClass, CLASS_NAMES, editablePoints, type EditablePoints } from '$lib/widget/points/edits.svelte';
import { MAX_OWN_POINTS, type NaiveBayesParams, type PresetValue, type schema } from './params';
import {
	drawNumbers,
	evaluationJob,
	fullLogOdds,
	missingClass,
	naiveBayesLogOdds,
	samplePoints,
	sigmoid,
	trueLogOdds,
	TEST_SIZE,
	type Box,
	type Draws,
	type Evaluation,
	type Setting
} from './sim';

/** The largest training set Step reaches. */
export const MAX_TRAIN = 12800;
/** The view (and maps) of the generated data. */
export const MODEL_BOX: Box = { x: [-5, 5], y: [-5, 5] };

/** How many times Step can double a first sample of n. */
export const maxDoublings = (n: number) => Math.max(0, Math.floor(Math.log2(MAX_TRAIN / n)));

/** The box around the reader's points, padded by a tenth of the range. */
export function boxAround(points: readonly LabelledPoint[]): Box {
	const side = (k: 0 | 1): [number, number] => {
		if (points.length === 0) return [-3, 3];
		let [lo, hi] = [Infinity, -Infinity];
		for (const p of points) [lo, hi] = [Math.min(lo, p[k]), Math.max(hi, p[k])];
		const pad = lo === hi ? Math.abs(lo) * 0.5 || 1 : (hi - lo) * 0.1;
		return [lo - pad, hi + pad];
	};
	return { x: side(0), y: side(1) };
}

export class NaiveBayesRun implements Run {
	readonly values: NaiveBayesParams;
	readonly edits: EditablePoints<PresetValue, LabelledPoint>;
	readonly addClass: AddClass;
	/** The truth (null for the reader's points). */
	readonly setting: Setting | null;
	/** The first training sample, editable (the reader's points, or the preset's first n). */
	readonly data: LabelledPoint[];
	readonly test: LabelledPoint[] | null;
	readonly box: Box;
	readonly probe: Point;
	readonly maxDoublings: number;
	/** The training sample and everything it depends on, as one string. */
	readonly dataKey: string;
	doublings = $state(0);
	evaluation = $state.raw<JobHandle<Evaluation | null>>(null!);
	#draws: Draws | null;
	#services: RunServices;

	constructor({ values, seed, cause, previous, set, services }: RunInput<typeof schema, NaiveBayesRun>) {
		this.values = values;
		this.#services = services;
		const own = values.preset === 'own';
		this.setting = own ? null : { rho: values.rho, separation: values.separation, prior: values.prior };
		const draws = services.memo('draws', String(seed), () => {
			const rng = createRng(seed);
			return { train: drawNumbers(MAX_TRAIN, rng.fork('train')), test: drawNumbers(TEST_SIZE, rng.fork('test')) };
		});
		this.#draws = own ? null : draws.train;
		const settingKey = JSON.stringify([this.setting, seed]);
		this.dataKey = own ? JSON.stringify(values.points) : JSON.stringify([this.setting, values.n, seed]);
		const base = own ? values.points : services.memo('points', this.dataKey, () => samplePoints(this.setting!, draws.train, values.n));
		this.test = own ? null : services.memo('test', settingKey, () => samplePoints(this.setting!, draws.test));
		this.edits = editablePoints<PresetValue, LabelledPoint>({ values, cause, previous, set, services }, base, MAX_OWN_POINTS);
		this.addClass = services.keep('add-class', () => new AddClass());
		this.data = base;
		this.box = own ? boxAround(base) : MODEL_BOX;
		this.probe = [values.probeX, values.probeY];
		this.maxDoublings = own ? 0 : maxDoublings(values.n);
		if (cause === 'change' && previous && previous.dataKey === this.dataKey) this.doublings = Math.min(previous.doublings, this.maxDoublings);
		this.#requestEvaluation();
	}

	/** The training sets of every step so far, the current one last. */
	trainingSets(doublings = this.doublings): LabelledPoint[][] {
		if (!this.#draws || !this.setting) return [this.data];
		const largest = samplePoints(this.setting, this.#draws, this.values.n * 2 ** doublings);
		return Array.from({ length: doublings + 1 }, (_, k) => (k === 0 ? this.data : largest.slice(0, this.values.n * 2 ** k)));
	}

	#requestEvaluation() {
		const [setting, test, box, doublings, data] = [this.setting, this.test, this.box, this.doublings, this.data];
		const sets = () => this.trainingSets(doublings);
		this.evaluation = this.#services.job('evaluate', {
			key: JSON.stringify([this.dataKey, this.doublings]),
			// Drawing the larger training sets is a piece of its own, not part of the job's start.
			*make() {
				yield;
				const all = sets();
				yield;
				return yield* evaluationJob(all, test ?? data, setting, box);
			},
			finishFirst: true
		});
	}

	get points(): LabelledPoint[] {
		return this.edits.points;
	}

	get trainingSize(): number {
		return this.setting ? this.values.n * 2 ** this.doublings : this.data.length;
	}

	/** The evaluation of these inputs, or null while it is on its way. */
	get result(): Evaluation | null {
		return this.evaluation.result;
	}

	/** What to draw: this evaluation, or the last one while this one is on its way. */
	get shown(): Evaluation | null {
		return this.evaluation.result ?? (this.missing === null ? this.evaluation.latest : null);
	}

	get missing(): 0 | 1 | null {
		return missingClass(this.data);
	}

	get predictedProbability(): number | null {
		const model = this.result?.model;
		return model ? sigmoid(naiveBayesLogOdds(model, this.probe)) : null;
	}

	get fullProbability(): number | null {
		const model = this.result?.model;
		return model ? sigmoid(fullLogOdds(model, this.probe)) : null;
	}

	get trueProbability(): number | null {
		return this.setting ? sigmoid(trueLogOdds(this.setting, this.probe)) : null;
	}

	// A Step while the last one is still being fitted is fine: that fit finishes, then this one runs.
	get canStep(): boolean {
		return this.missing === null && !this.evaluation.error && this.doublings < this.maxDoublings;
	}

	step(): boolean {
		if (!this.canStep) return false;
		this.doublings++;
		this.#requestEvaluation();
		return this.doublings < this.maxDoublings;
	}

	// --- Edits ---------------------------------------------------------------------------

	commit(points: readonly LabelledPoint[]) {
		this.edits.commit(points);
	}

	// --- What the shell shows ------------------------------------------------------------------

	get status(): RunStatus {
		if (this.evaluation.error) return 'error';
		if (this.missing !== null) return 'converged';
		if (this.result === null) return 'loading';
		return this.doublings < this.maxDoublings ? 'ready' : 'converged';
	}

	get statusText(): string {
		if (this.evaluation.error) return `The fit failed: ${this.evaluation.error}`;
		const missing = this.missing;
		if (missing !== null)
			return this.data.length === 0
				? 'No points: choose the model’s data, or click the plot to add some.'
				: `No points of class ${CLASS_NAMES[missing]}: both classes are needed to fit (choose the class to add, then click the plot).`;
		const result = this.result;
		if (!result) return `Fitting naive Bayes on ${formatCount(this.trainingSize)} points…`;
		const { naive, truth, full } = result.scores;
		const head = `${formatCount(this.trainingSize)} training points: naive Bayes log-loss ${formatValue(naive.logLoss, 4)}`;
		const against = truth ? `, the true model ${formatValue(truth.logLoss, 4)}` : `, full covariance ${formatValue(full.logLoss, 4)} (on your points themselves: no truth is known)`;
		const more = this.doublings < this.maxDoublings ? ' Step doubles the training set.' : ' The largest training set: more data has not closed the gap.';
		return `${head}${against}.${this.setting ? more : ''}`;
	}

	get readouts(): Readout[] {
		const scores = this.result?.scores;
		return [
			{ name: 'predicted_probability', label: 'Naive Bayes P(B) at the point', value: this.predictedProbability, digits: 4 },
			{ name: 'true_probability', label: 'True P(B) at the point', value: this.trueProbability, digits: 4 },
			{ name: 'full_probability', label: 'Full-covariance P(B) at the point', value: this.fullProbability, digits: 4 },
			{ name: 'nb_log_loss', label: 'Naive Bayes log-loss', value: scores?.naive.logLoss ?? null, digits: 4 },
			{ name: 'true_log_loss', label: 'True model log-loss', value: scores?.truth?.logLoss ?? null, digits: 4 },
			{ name: 'full_log_loss', label: 'Full-covariance log-loss', value: scores?.full.logLoss ?? null, digits: 4 },
			{ name: 'nb_brier', label: 'Naive Bayes Brier score', value: scores?.naive.brier ?? null, digits: 4 },
			{ name: 'true_brier', label: 'True model Brier score', value: scores?.truth?.brier ?? null, digits: 4 },
			{ name: 'training_size', label: 'Training points', value: this.missing === null ? this.trainingSize : null }
		];
	}

	get notices(): Notice[] {
		return this.edits.notice ? [{ key: 'points', message: this.edits.notice }] : [];
	}

	exportData() {
		const result = this.result;
		const tidy = (s: { logLoss: number; brier: number } | null | undefined) => (s ? { logLoss: tidyNumber(s.logLoss), brier: tidyNumber(s.brier) } : null);
		const bins = (list: Evaluation['calibration']['naive'] | null | undefined) =>
			list?.map((b) => ({ lo: b.lo, hi: b.hi, count: b.count, predicted: b.predicted === null ? null : tidyNumber(b.predicted), observed: b.observed === null ? null : tidyNumber(b.observed) })) ?? null;
		return {
			state: {
				points: this.points.map(([x, y, c]) => [x, y, c]),
				truth: this.setting,
				trainingSize: this.trainingSize,
				// The current training set (each earlier step's is its first n, 2n, 4n, … points) and the fresh points it is scored on.
				trainingData: this.trainingSets().at(-1)!.map(([x, y, c]) => [tidyNumber(x), tidyNumber(y), c]),
				testData: this.test ? this.test.map(([x, y, c]) => [tidyNumber(x), tidyNumber(y), c]) : null,
				probe: this.probe,
				predictedProbability: this.predictedProbability === null ? null : tidyNumber(this.predictedProbability),
				trueProbability: this.trueProbability === null ? null : tidyNumber(this.trueProbability),
				fullProbability: this.fullProbability === null ? null : tidyNumber(this.fullProbability),
				scoredOn: result ? (result.on === 'test' ? `${TEST_SIZE} fresh test points` : 'your points themselves') : null,
				naiveBayes: result
					? {
							prior: tidyNumber(result.model.prior),
							scaling: result.model.scaling,
							classes: result.model.classes.map((c) => ({ count: c.count, mean: c.mean.map(tidyNumber), variance: c.variance.map(tidyNumber) }))
						}
					: null,
				scores: result ? { naiveBayes: tidy(result.scores.naive), truth: tidy(result.scores.truth), fullCovariance: tidy(result.scores.full) } : null,
				calibration: result ? { naiveBayes: bins(result.calibration.naive), truth: bins(result.calibration.truth), fullCovariance: bins(result.calibration.full) } : null
			},
			history: result ? result.bySize.map((s) => ({ size: s.size, naiveBayes: tidy(s.naive), truth: tidy(s.truth), fullCovariance: tidy(s.full) })) : []
		};
	}
}
