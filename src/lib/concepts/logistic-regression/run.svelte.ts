/**
 * A logistic-regression run: two classes of points (a preset or the reader's own, edited
 * through $lib/widget/points), weights from zero, one gradient-descent step per Step. It
 * converges when the gradient vanishes; on separable data without L2 it never does, and
 * says so.
 */
import type { LabelledPoint } from '$lib/common/geometry';
import { formatValue } from '$lib/common/format';
import { tidyNumber } from '$lib/engine/arrays';
import type { Readout, Run, RunInput, RunStatus } from '$lib/widget/contract';
import type { Notice } from '$lib/widget/schema';
import { AddClass, CLASS_NAMES, editablePoints, type EditablePoints } from '$lib/widget/points/edits.svelte';
import { MAX_OWN_POINTS, type LogisticParams, type PresetValue, type schema } from './params';
import { fitOf, gradientStep, originalWeights, presetPoints, scalingOf, separates, Trainer, type Fit, type Model, type PresetName, type Scaling } from './sim';

export const MAX_STEPS = 3000;
/** Converged once no part of the gradient is bigger than this. */
const GRADIENT_TOLERANCE = 1e-5;

export interface HistoryPoint {
	step: number;
	loss: number;
	accuracy: number;
	/** ‖w‖ on standardised features. */
	norm: number;
}

export class LogisticRun implements Run {
	readonly values: LogisticParams;
	readonly edits: EditablePoints<PresetValue, LabelledPoint>;
	readonly addClass: AddClass;
	readonly scaling: Scaling;
	/** The points trained on (those of the values: a drag trains on release). */
	readonly data: LabelledPoint[];
	model = $state.raw<Model>({ w1: 0, w2: 0, b: 0 });
	steps = $state(0);
	gradientSize = $state(Infinity);
	history = $state.raw<HistoryPoint[]>([]);
	#trainer: Trainer | null;

	constructor({ values, seed, cause, previous, set, services }: RunInput<typeof schema, LogisticRun>) {
		this.values = values;
		const { preset, share } = values;
		const base = preset === 'own' ? values.points : services.memo('points', JSON.stringify([preset, share, seed]), () => presetPoints(preset as PresetName, share, seed));
		this.edits = editablePoints<PresetValue, LabelledPoint>({ values, cause, previous, set, services }, base, MAX_OWN_POINTS);
		this.addClass = services.keep('add-class', () => new AddClass());
		this.data = base;
		this.scaling = scalingOf(base);
		this.#trainer = this.missingClass === null ? new Trainer(base, this.scaling) : null;
		this.history = [this.#record()];
	}

	/** A class with no points (or null): then there is nothing to separate. */
	get missingClass(): 0 | 1 | null {
		for (const c of [0, 1] as const) if (!this.data.some((p) => p[2] === c)) return c;
		return null;
	}

	get points(): LabelledPoint[] {
		return this.edits.points;
	}

	readonly fit = $derived.by((): Fit => fitOf(this.data, this.scaling, this.model, this.values.l2));
	/** The weights in the data's own coordinates. */
	readonly weights = $derived.by((): Model => originalWeights(this.model, this.scaling));
	readonly separable = $derived.by((): boolean => separates(this.data, this.scaling, this.model));
	get norm(): number {
		return Math.hypot(this.model.w1, this.model.w2);
	}

	#record(): HistoryPoint {
		const fit = fitOf(this.data, this.scaling, this.model, this.values.l2);
		return { step: this.steps, loss: fit.logLoss, accuracy: fit.accuracy, norm: Math.hypot(this.model.w1, this.model.w2) };
	}

	get converged(): boolean {
		return this.gradientSize < GRADIENT_TOLERANCE;
	}

	get diverged(): boolean {
		const { w1, w2, b } = this.model;
		return ![w1, w2, b].every(Number.isFinite);
	}

	get canStep(): boolean {
		return this.#trainer !== null && !this.converged && !this.diverged && this.steps < MAX_STEPS;
	}

	step(): boolean {
		if (!this.canStep) return false;
		const gradient = this.#trainer!.gradient(this.model, this.values.l2);
		this.gradientSize = Math.max(Math.abs(gradient.w1), Math.abs(gradient.w2), Math.abs(gradient.b));
		if (!this.converged) {
			this.model = gradientStep(this.model, gradient, this.values.lr);
			this.steps++;
			this.history = [...this.history, this.#record()];
		}
		return this.canStep;
	}

	// --- Edits ---------------------------------------------------------------------------

	commit(points: readonly LabelledPoint[]) {
		this.edits.commit(points);
	}

	// --- What the shell shows ------------------------------------------------------------------

	get status(): RunStatus {
		if (this.diverged) return 'diverged';
		if (this.converged || this.steps >= MAX_STEPS) return 'converged';
		return 'ready';
	}

	get statusText(): string {
		const missing = this.missingClass;
		if (missing !== null) return `No points of class ${CLASS_NAMES[missing]}: add some (choose the class to add, then click the plot).`;
		if (this.diverged) return 'The weights left the numbers a computer holds: lower the learning rate.';
		const where = `Step ${this.steps}: log-loss ${formatValue(this.fit.logLoss, 4)}, accuracy ${formatValue(100 * this.fit.accuracy, 3)}%.`;
		if (this.converged) return `${where} Converged: the gradient is zero.`;
		const growing = this.separable && this.values.l2 === 0 ? ' Every point is on its side: the weights will grow for ever (add L2 to stop them).' : '';
		if (this.steps >= MAX_STEPS) return `${where} Stopped after ${MAX_STEPS} steps.${growing}`;
		return `${where}${growing}`;
	}

	get readouts(): Readout[] {
		const ready = this.missingClass === null;
		return [
			{ name: 'loss', label: 'Log-loss', value: ready ? this.fit.logLoss : null, digits: 4 },
			{ name: 'accuracy', label: 'Accuracy', value: ready ? this.fit.accuracy : null, digits: 3 },
			{ name: 'w1', label: 'w₁ (x)', value: ready ? this.weights.w1 : null, digits: 4 },
			{ name: 'w2', label: 'w₂ (y)', value: ready ? this.weights.w2 : null, digits: 4 },
			{ name: 'b', label: 'Bias b', value: ready ? this.weights.b : null, digits: 4 },
			{ name: 'weight_norm', label: '‖w‖ (standardised)', value: ready ? this.norm : null, digits: 4 }
		];
	}

	get notices(): Notice[] {
		return this.edits.notice ? [{ key: 'points', message: this.edits.notice }] : [];
	}

	exportData() {
		const w = this.weights;
		return {
			state: {
				points: this.points.map(([x, y, c]) => [x, y, c]),
				weights: { w1: tidyNumber(w.w1), w2: tidyNumber(w.w2), b: tidyNumber(w.b) },
				standardised: { ...this.model, scaling: this.scaling },
				steps: this.steps
			},
			history: this.history.map((h) => ({ step: h.step, loss: tidyNumber(h.loss), accuracy: tidyNumber(h.accuracy), norm: tidyNumber(h.norm) }))
		};
	}

	dispose() {
		this.#trainer?.dispose();
		this.#trainer = null;
	}
}
