/**
 * An imbalanced-classes run. The training and test sets come from the seed and the minority
 * share (kept while only the threshold or the remedies change); the remedies reshape the
 * training set and a background job trains the classifier on it, keyed by everything but the
 * threshold. The threshold only re-counts the confusion matrix: no retraining.
 */
import { formatCount, formatValue } from '$lib/common/format';
import { tidyNumber } from '$lib/engine/arrays';
import type { JobHandle, Readout, Run, RunInput, RunStatus } from '$lib/widget/contract';
import type { ImbalancedParams, schema } from './params';
import {
	bestF1Threshold,
	confusionAt,
	curvesOf,
	dataRngs,
	drawPoints,
	metricsOf,
	prepareTrainingJob,
	scoresOf,
	trainJob,
	TEST_SIZE,
	TRAIN_SIZE,
	type Confusion,
	type Curves,
	type Metrics,
	type Model,
	type Points
} from './sim';

export interface Trained {
	model: Model;
	/** The training set the model saw (after resampling), with SMOTE points flagged. */
	training: Points;
	testScores: Float64Array;
	curves: Curves;
	/** The threshold with the best F1 on the (original) training set. */
	tuned: number;
}

export class ImbalancedRun implements Run {
	readonly values: ImbalancedParams;
	readonly train: Points;
	readonly test: Points;
	readonly job: JobHandle<Trained>;

	constructor({ values, seed, services }: RunInput<typeof schema, ImbalancedRun>) {
		this.values = values;
		const share = values.minority / 100;
		const dataKey = JSON.stringify([values.minority, seed]);
		const { train, test } = services.memo('data', dataKey, () => {
			const rngs = dataRngs(seed);
			return { train: drawPoints(TRAIN_SIZE, share, rngs.train), test: drawPoints(TEST_SIZE, share, rngs.test) };
		});
		this.train = train;
		this.test = test;
		const remedies = { weights: values.weights, oversample: values.oversample, smote: values.smote, undersample: values.undersample };
		this.job = services.job('train', {
			key: JSON.stringify([dataKey, remedies]),
			*make() {
				yield;
				const { points, weights } = yield* prepareTrainingJob(train, remedies, dataRngs(seed).resample);
				const model = yield* trainJob(points, weights);
				const testScores = scoresOf(test, model);
				yield;
				const curves = curvesOf(testScores, test.labels);
				yield;
				const trainScores = scoresOf(train, model);
				yield;
				const tuned = bestF1Threshold(trainScores, train.labels);
				return { model, training: points, testScores, curves, tuned };
			},
			finishFirst: true
		});
	}

	/** The result for these inputs, or the last one while it is on its way. */
	get trained(): Trained | null {
		return this.job.result ?? this.job.latest;
	}

	get threshold(): number {
		const t = this.job.result;
		return this.values.tune ? (t ? t.tuned : 0.5) : this.values.threshold;
	}

	get confusion(): Confusion | null {
		const t = this.job.result;
		return t ? confusionAt(t.testScores, this.test.labels, this.threshold) : null;
	}

	get metrics(): Metrics | null {
		const c = this.confusion;
		return c ? metricsOf(c) : null;
	}

	/** Always predicting the majority class: threshold above every score. */
	get majority(): Metrics {
		return metricsOf(confusionAt(new Float64Array(this.test.labels.length), this.test.labels, 1));
	}

	get positives(): { train: number; test: number } {
		const count = (p: Points) => p.labels.reduce((s, l) => s + l, 0);
		return { train: count(this.train), test: count(this.test) };
	}

	get canStep(): boolean {
		return false;
	}

	step(): boolean {
		return false;
	}

	get status(): RunStatus {
		if (this.job.error) return 'error';
		return this.job.result ? 'converged' : 'loading';
	}

	get statusText(): string {
		if (this.job.error) return `Training failed: ${this.job.error}`;
		const { train, test } = this.positives;
		const few = train < 10 ? ` Only ${train} positive training points: every number here rests on very few cases.` : '';
		if (!this.job.result) return `Training the classifier on ${formatCount(TRAIN_SIZE)} points (${train} positive)…`;
		const m = this.metrics!;
		const show = (v: number | null) => (v === null ? 'not defined' : formatValue(v, 3));
		return `Threshold ${formatValue(this.threshold, 3)}: accuracy ${show(m.accuracy)} (always "negative" scores ${show(this.majority.accuracy)}), precision ${show(m.precision)}, recall ${show(m.recall)} on ${test} positive test points.${few}`;
	}

	get readouts(): Readout[] {
		const m = this.metrics;
		const c = this.job.result?.curves;
		return [
			{ name: 'accuracy', label: 'Accuracy', value: m?.accuracy ?? null, digits: 4 },
			{ name: 'accuracy_majority', label: 'Accuracy of always "negative"', value: this.majority.accuracy, digits: 4 },
			{ name: 'balanced_accuracy', label: 'Balanced accuracy', value: m?.balancedAccuracy ?? null, digits: 4 },
			{ name: 'precision', label: 'Precision', value: m?.precision ?? null, digits: 4 },
			{ name: 'recall', label: 'Recall', value: m?.recall ?? null, digits: 4 },
			{ name: 'f1', label: 'F1', value: m?.f1 ?? null, digits: 4 },
			{ name: 'auc_roc', label: 'ROC AUC', value: c?.aucRoc ?? null, digits: 4 },
			{ name: 'auc_pr', label: 'PR AUC (average precision)', value: c?.averagePrecision ?? null, digits: 4 },
			{ name: 'threshold_used', label: 'Threshold used', value: this.job.result || !this.values.tune ? this.threshold : null, digits: 3 }
		];
	}

	exportData() {
		const t = this.job.result;
		return {
			state: {
				threshold: tidyNumber(this.threshold),
				scores: t ? Array.from(t.testScores, tidyNumber) : null,
				labels: Array.from(this.test.labels),
				confusion: this.confusion,
				metrics: this.metrics,
				majorityAccuracy: this.majority.accuracy,
				aucRoc: t?.curves.aucRoc ?? null,
				averagePrecision: t?.curves.averagePrecision ?? null,
				model: t ? { w1: tidyNumber(t.model.w1), w2: tidyNumber(t.model.w2), b: tidyNumber(t.model.b) } : null,
				training_size: t?.training.labels.length ?? null,
				training_positives: t ? t.training.labels.reduce((s, l) => s + l, 0) : null,
				synthetic: t ? t.training.synthetic!.reduce((s, l) => s + l, 0) : null
			},
			history: []
		};
	}
}
