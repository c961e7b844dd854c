/**
 * An SVM run: two classes of points (a preset or the reader's own, edited through
 * $lib/widget/points), standardised; the kernel matrix computed once with TF.js; α from zero,
 * a batch of SMO pair updates per Step until the KKT violation is under the tolerance. The
 * decision function on the plot's raster and on the test points is one TF.js product per
 * step. In the background, test accuracy over the C × γ grid.
 */
import type { LabelledPoint } from '$lib/common/geometry';
import { formatValue } from '$lib/common/format';
import { tidyNumber } from '$lib/engine/arrays';
import type { JobHandle, Readout, Run, RunInput, RunStatus } from '$lib/widget/contract';
import type { Notice } from '$lib/widget/schema';
import { AddClass, CLASS_NAMES, editablePoints, type EditablePoints } from '$lib/widget/points/edits.svelte';
import { MAX_OWN_POINTS, type PresetValue, type schema, type SvmParams } from './params';
import {
	accuracyOf,
	explicitWeights,
	featureDimension,
	gridJob,
	gridPoints,
	holdOut,
	isAtBound,
	isSupport,
	kernelMatrix,
	KernelRows,
	KKT_TOLERANCE,
	labelsOf,
	pairsForStep,
	plotBox,
	presetPoints,
	scalingOf,
	smoSteps,
	standardise,
	startSolver,
	summaryOf,
	type Box,
	type GridResult,
	type KernelSpec,
	type PresetName,
	type Scaling,
	type Summary,
	type SvmState
} from './sim';

/** A run stops here if the tolerance is still not met (very large C on overlapping data). */
export const MAX_PAIRS = 100_000;

export interface HistoryPoint {
	pairs: number;
	dual: number;
	violation: number;
	supportVectors: number;
}

export class SvmRun implements Run {
	readonly values: SvmParams;
	readonly edits: EditablePoints<PresetValue, LabelledPoint>;
	readonly addClass: AddClass;
	/** The points trained on (those of the values: a drag retrains on release). */
	readonly data: LabelledPoint[];
	/** Fresh points from the same process (presets only). */
	readonly test: LabelledPoint[] | null;
	readonly spec: KernelSpec;
	readonly scaling: Scaling;
	/** The training points standardised, flat x, y, … */
	readonly xy: Float64Array;
	readonly box: Box;
	/** Why there is nothing to train (no points, one class), or null. */
	readonly problem: string | null;
	/** Points sharing their position with another (a singular kernel matrix). */
	readonly duplicates: number;
	readonly allSame: boolean;
	/** Whether the kernel matrix overflowed (numbers the SVM cannot use). */
	readonly overflow: boolean;
	readonly grid: JobHandle<GridResult> | null;
	/** Why the grid cannot be made, or null. */
	readonly gridProblem: string | null;
	readonly gridSplit: { train: number; test: number } | null;
	state = $state.raw<SvmState>(null!);
	/** f on the plot's raster (GRID × GRID, row 0 at the bottom). */
	raster = $state.raw<Float32Array>(new Float32Array(0));
	testAccuracy = $state<number | null>(null);
	history = $state.raw<HistoryPoint[]>([]);
	#K: Float64Array;
	#rasterRows: KernelRows | null = null;
	#testRows: KernelRows | null = null;

	constructor({ values, seed, cause, previous, set, services }: RunInput<typeof schema, SvmRun>) {
		this.values = values;
		const { preset, kernel, gamma, degree, C } = values;
		const own = preset === 'own';
		const dataKey = own ? JSON.stringify(values.points) : JSON.stringify([preset, seed]);
		const base = own ? values.points : services.memo('points', dataKey, () => presetPoints(preset as PresetName, seed));
		this.test = own ? null : services.memo('test', dataKey, () => presetPoints(preset as PresetName, seed, 'test'));
		this.edits = editablePoints<PresetValue, LabelledPoint>({ values, cause, previous, set, services }, base, MAX_OWN_POINTS);
		this.addClass = services.keep('add-class', () => new AddClass());
		this.data = base;
		this.spec = { kernel, gamma, degree };
		this.scaling = scalingOf(base);
		this.xy = standardise(base, this.scaling);
		this.box = plotBox(base);
		const y = labelsOf(base);
		const counts = [base.filter((p) => p[2] !== 1).length, base.filter((p) => p[2] === 1).length];
		const positions = new Set(base.map((p) => `${p[0]},${p[1]}`));
		this.duplicates = base.length - positions.size;
		this.allSame = base.length > 1 && positions.size === 1;
		this.problem =
			base.length === 0
				? 'No points: choose a preset, or click the plot to add some.'
				: counts[0] === 0 || counts[1] === 0
					? `Every point is class ${CLASS_NAMES[counts[0] ? 0 : 1]}: an SVM needs points of both classes to put a margin between. Add some of class ${CLASS_NAMES[counts[0] ? 1 : 0]}.`
					: null;
		this.#K = this.problem ? new Float64Array(0) : kernelMatrix(this.xy, this.xy, this.spec);
		this.overflow = !this.#K.every(Number.isFinite);
		this.state = startSolver(y, C);
		if (this.trainable) {
			this.#rasterRows = new KernelRows(gridPoints(this.box, this.scaling), this.xy, this.spec);
			if (this.test) this.#testRows = new KernelRows(standardise(this.test, this.scaling), this.xy, this.spec);
		}
		this.#refresh();
		this.history = [this.#record()];

		// The grid: on a preset, train on its points and test on fresh ones; on own points, hold out 30%.
		const split = own ? holdOut(base, seed) : { train: base, test: this.test! };
		const twoClasses = (list: LabelledPoint[]) => list.some((p) => p[2] === 1) && list.some((p) => p[2] !== 1);
		this.gridProblem = this.problem
			? 'The C × γ grid needs points of both classes.'
			: split.train.length < 6 || split.test.length < 3 || !twoClasses(split.train) || !twoClasses(split.test)
				? 'The C × γ grid holds out 30% of your points to test on: it needs at least 10 points, with both classes among those trained on and those held out.'
				: null;
		this.gridSplit = this.gridProblem ? null : { train: split.train.length, test: split.test.length };
		this.grid = this.gridProblem
			? null
			: services.job('grid', {
					key: JSON.stringify([dataKey, own ? seed : 0, kernel, kernel === 'poly' ? degree : 0]),
					make: () => gridJob(split.train, split.test, kernel, degree),
					delayMs: 250,
					finishFirst: true
				});
	}

	get trainable(): boolean {
		return this.problem === null && !this.overflow;
	}

	get points(): LabelledPoint[] {
		return this.edits.points;
	}

	readonly summary = $derived.by((): Summary | null => (this.trainable ? summaryOf(this.state) : null));

	/** w in the feature space, for the linear and lifted kernels (standardised coordinates). */
	readonly weights = $derived.by(() => (this.trainable ? explicitWeights(this.state, this.xy, this.spec.kernel) : null));

	get converged(): boolean {
		return this.trainable && this.state.violation < KKT_TOLERANCE;
	}

	isSupport(i: number): boolean {
		return this.trainable && isSupport(this.state, i);
	}

	isAtBound(i: number): boolean {
		return this.trainable && isAtBound(this.state, i);
	}

	#refresh() {
		if (!this.trainable) return;
		this.raster = this.#rasterRows!.decision(this.state);
		this.testAccuracy = this.#testRows && this.test ? accuracyOf(this.#testRows.decision(this.state), labelsOf(this.test)) : null;
	}

	#record(): HistoryPoint {
		const summary = this.trainable ? summaryOf(this.state) : null;
		return { pairs: this.state.iterations, dual: summary ? tidyNumber(summary.dual) : 0, violation: tidyNumber(Math.max(0, this.state.violation)), supportVectors: summary?.supportVectors ?? 0 };
	}

	get canStep(): boolean {
		return this.trainable && !this.converged && this.state.iterations < MAX_PAIRS;
	}

	step(): boolean {
		if (!this.canStep) return false;
		this.state = smoSteps(this.state, this.#K, pairsForStep(this.state.iterations, this.data.length));
		this.#refresh();
		this.history = [...this.history, this.#record()];
		return this.canStep;
	}

	// --- Edits ---------------------------------------------------------------------------

	commit(points: readonly LabelledPoint[]) {
		this.edits.commit(points);
	}

	// --- What the shell shows ------------------------------------------------------------------

	get status(): RunStatus {
		if (this.overflow) return 'diverged';
		if (this.grid?.error) return 'error';
		if (this.converged || (this.trainable && this.state.iterations >= MAX_PAIRS)) return 'converged';
		return 'ready';
	}

	get statusText(): string {
		if (this.problem) return this.problem;
		if (this.overflow) return 'The kernel values overflowed (a polynomial of high degree with a large γ): lower γ or the degree.';
		if (this.grid?.error) return `The C × γ grid failed: ${this.grid.error}`;
		const s = this.summary!;
		const head = `${this.state.iterations} pair updates: ${s.supportVectors} support vectors, training accuracy ${formatValue(100 * s.trainAccuracy, 3)}%.`;
		if (this.converged) return `${head} Converged: the KKT conditions hold (violation under ${KKT_TOLERANCE}).`;
		if (this.state.iterations >= MAX_PAIRS) return `${head} Stopped after ${MAX_PAIRS} pair updates with the KKT violation at ${formatValue(this.state.violation, 3)}.`;
		return `${head} KKT violation ${formatValue(this.state.violation, 3)}; Step makes ${pairsForStep(this.state.iterations, this.data.length)} more updates.`;
	}

	get readouts(): Readout[] {
		const s = this.summary;
		return [
			{ name: 'support_vectors', label: 'Support vectors', value: s ? s.supportVectors : null },
			{ name: 'at_bound', label: 'Of them with α = C', value: s ? s.atBound : null },
			{ name: 'margin_width', label: 'Margin width 2/‖w‖ (feature space)', value: s && Number.isFinite(s.marginWidth) ? s.marginWidth : null, digits: 4 },
			{ name: 'train_accuracy', label: 'Training accuracy', value: s ? s.trainAccuracy : null, digits: 3 },
			{ name: 'test_accuracy', label: 'Test accuracy (fresh points)', value: s ? this.testAccuracy : null, digits: 3 },
			{ name: 'kkt_violation', label: 'KKT violation', value: s ? Math.max(0, this.state.violation) : null, digits: 3 },
			{ name: 'dual_objective', label: 'Dual objective Σα − ½αᵀQα', value: s ? s.dual : null, digits: 5 },
			{ name: 'bias', label: 'Bias b', value: s ? this.state.bias : null, digits: 4 }
		];
	}

	get notices(): Notice[] {
		const list: Notice[] = [];
		if (this.edits.notice) list.push({ key: 'points', message: this.edits.notice });
		if (this.allSame) list.push({ key: 'points', message: 'Every point sits at the same place: nothing can separate them, so the SVM predicts the larger class everywhere.' });
		else if (this.duplicates > 0 && this.trainable)
			list.push({
				key: 'points',
				message: `${this.duplicates} point${this.duplicates === 1 ? ' repeats' : 's repeat'} the position of another: the kernel matrix is singular. SMO never inverts it, so the SVM still trains; α is just not unique.`
			});
		return list;
	}

	get featureDimension(): number {
		return featureDimension(this.spec);
	}

	exportData() {
		const s = this.summary;
		const grid = this.grid?.result ?? null;
		return {
			state: {
				points: this.points.map(([x, y, c]) => [x, y, c]),
				kernel: this.spec,
				C: this.values.C,
				scaling: this.scaling,
				alpha: this.trainable ? Array.from(this.state.alpha, tidyNumber) : [],
				supportVectors: this.trainable ? this.data.flatMap((_, i) => (isSupport(this.state, i) ? [i] : [])) : [],
				atBound: s ? s.atBound : null,
				bias: s ? tidyNumber(this.state.bias) : null,
				weights: this.weights ? this.weights.map(tidyNumber) : null,
				pairs: this.state.iterations,
				kktViolation: s ? tidyNumber(Math.max(0, this.state.violation)) : null,
				converged: this.converged,
				dual: s ? tidyNumber(s.dual) : null,
				primal: s ? tidyNumber(s.primal) : null,
				marginWidth: s && Number.isFinite(s.marginWidth) ? tidyNumber(s.marginWidth) : null,
				trainAccuracy: s ? tidyNumber(s.trainAccuracy) : null,
				testAccuracy: s && this.testAccuracy !== null ? tidyNumber(this.testAccuracy) : null,
				testPoints: this.test ? this.test.length : 0,
				testData: this.test ? this.test.map(([x, y, c]) => [x, y, c]) : null,
				grid: grid ? { Cs: grid.Cs, gammas: grid.gammas, accuracy: grid.accuracy.map(tidyNumber), supportVectors: grid.supportVectors, converged: grid.converged, trainSize: grid.trainSize, testSize: grid.testSize } : null
			},
			history: this.history
		};
	}

	dispose() {
		this.#rasterRows?.dispose();
		this.#testRows?.dispose();
		this.#rasterRows = this.#testRows = null;
	}
}
