/**
 * A random-forest run: two classes of points (a preset or the reader's own, edited through
 * $lib/widget/points); one deep tree fitted at once; then each Step adds one bootstrap tree
 * to the forest and one round to gradient boosting. A background job refits the deep tree
 * and a forest on many new training sets to measure how much each one's prediction at the
 * probe point varies. Any change of a value starts the ensembles again from no trees.
 */
import type { LabelledPoint } from '$lib/common/geometry';
import { formatValue } from '$lib/common/format';
import { tidyNumber } from '$lib/engine/arrays';
import { createRng } from '$lib/engine/rng';
import type { JobHandle, Readout, Run, RunInput, RunStatus } from '$lib/widget/contract';
import type { Notice } from '$lib/widget/schema';
import { AddClass, CLASS_NAMES, editablePoints, type EditablePoints } from '$lib/widget/points/edits.svelte';
import { MAX_OWN_POINTS, type ForestParams, type PresetValue, type schema } from './params';
import {
	bootstrap,
	boundsOf,
	deepTreeJob,
	Ensembles,
	GRID,
	gridPoints,
	pointAt,
	presetPoints,
	TEST_SIZE,
	varianceJob,
	type Bounds,
	type DeepTree,
	type EnsembleSettings,
	type FlatTree,
	type PresetName,
	type StepResult,
	type VarianceResult
} from './sim';

export { GRID };

export class ForestRun implements Run {
	readonly values: ForestParams;
	readonly edits: EditablePoints<PresetValue, LabelledPoint>;
	readonly addClass: AddClass;
	/** The points the models are fitted on (those of the values: a drag refits on release). */
	readonly data: LabelledPoint[];
	/** Fresh points from the same process (presets only; empty for your own points). */
	readonly test: LabelledPoint[];
	readonly bounds: Bounds;
	readonly probe: [number, number];
	readonly settings: EnsembleSettings;
	/** The deep tree, grown in the background (kept while the points stay the same); null without points. */
	readonly deep: JobHandle<DeepTree> | null;
	readonly variance: JobHandle<VarianceResult | null>;
	/** Made at the first Step: nothing of it is needed before. */
	#ensembles: Ensembles | null = null;
	#makeEnsembles: () => Ensembles;
	trees = $state(0);
	history = $state.raw<StepResult[]>([]);
	forestGrid = $state.raw<Float32Array | null>(null);
	boostGrid = $state.raw<Float32Array | null>(null);

	constructor({ values, seed, cause, previous, set, services }: RunInput<typeof schema, ForestRun>) {
		this.values = values;
		const { preset, size, noise } = values;
		const own = preset === 'own';
		const presetKey = JSON.stringify([preset, size, noise, seed]);
		const base = own ? values.points : services.memo('points', presetKey, () => presetPoints(preset as PresetName, size, noise, seed));
		this.test = own ? [] : services.memo('test', presetKey, () => presetPoints(preset as PresetName, TEST_SIZE, noise, seed, 'test'));
		this.edits = editablePoints<PresetValue, LabelledPoint>({ values, cause, previous, set, services }, base, MAX_OWN_POINTS);
		this.addClass = services.keep('add-class', () => new AddClass());
		this.data = base;
		this.bounds = boundsOf(base);
		this.probe = pointAt(this.bounds, values.probeX, values.probeY);
		this.settings = { featuresPerSplit: values.features === 1 ? 1 : 2, forestDepth: values.forestDepth, boostDepth: values.boostDepth, learningRate: values.learningRate };
		const grid = gridPoints(this.bounds, GRID);
		const dataKey = own ? JSON.stringify(values.points) : presetKey;

		// The deep tree and its vote over the grid are background work, not the run's creation:
		// the page then never waits for them in one long task.
		const test = this.test;
		this.deep = base.length ? services.job('deep-tree', { key: dataKey, make: () => deepTreeJob(base, test, grid) }) : null;
		const settings = this.settings;
		this.#makeEnsembles = () => new Ensembles(base, test, grid, settings, createRng(seed).fork('ensembles'));

		const { featuresPerSplit, forestDepth } = this.settings;
		const probe = this.probe;
		const problem = this.problem;
		this.variance = services.job<VarianceResult | null>('variance', {
			key: JSON.stringify([dataKey, probe, featuresPerSplit, forestDepth]),
			*make() {
				if (problem) return null;
				const rng = createRng(seed).fork('variance');
				const draw = own
					? () => bootstrap(base.length, rng).map((i) => base[i])
					: (round: number) => presetPoints(preset as PresetName, size, noise, seed, `variance-${round}`);
				return yield* varianceJob(draw, probe, { featuresPerSplit, forestDepth }, rng, own ? 'bootstrap' : 'fresh');
			},
			delayMs: 300,
			finishFirst: true
		});
	}

	get points(): LabelledPoint[] {
		return this.edits.points;
	}

	/** Why nothing can be fitted, in plain words, or null. */
	get problem(): string | null {
		if (this.data.length === 0) return 'No points: choose a preset, or click the plot to add some.';
		for (const c of [0, 1] as const)
			if (!this.data.some((p) => p[2] === c)) return `Every point is class ${CLASS_NAMES[1 - c]}: there is no boundary to learn. Add a point of class ${CLASS_NAMES[c]}.`;
		return null;
	}

	/** The deep tree for these points, or null while it is grown. */
	get tree(): FlatTree | null {
		return this.deep?.result?.tree ?? null;
	}

	/** The deep tree's vote over the grid, or null while it is grown. */
	get treeGrid(): Float32Array | null {
		return this.deep?.result?.grid ?? null;
	}

	get treeTrainError(): number | null {
		return this.deep?.result?.trainError ?? null;
	}

	get treeTestError(): number | null {
		return this.deep?.result?.testError ?? null;
	}

	get latest(): StepResult | null {
		return this.history.at(-1) ?? null;
	}

	/** The variance result for these inputs (null while it is computed). */
	get varianceResult(): VarianceResult | null {
		return this.problem ? null : this.variance.result;
	}

	get canStep(): boolean {
		return this.problem === null && this.trees < this.values.maxTrees;
	}

	step(): boolean {
		if (!this.canStep) return false;
		const ensembles = (this.#ensembles ??= this.#makeEnsembles());
		const result = ensembles.step();
		this.trees = result.trees;
		this.history = [...this.history, result];
		this.forestGrid = ensembles.forestShareGrid;
		this.boostGrid = ensembles.boostGrid;
		return this.canStep;
	}

	// --- Edits ---------------------------------------------------------------------------

	commit(points: readonly LabelledPoint[]) {
		this.edits.commit(points);
	}

	// --- What the shell shows ------------------------------------------------------------------

	get status(): RunStatus {
		if (this.variance.error || this.deep?.error) return 'error';
		return this.problem === null && !this.canStep ? 'converged' : 'ready';
	}

	get statusText(): string {
		if (this.deep?.error) return `The deep tree could not be grown: ${this.deep.error}`;
		if (this.variance.error) return `The variance at the probe could not be computed: ${this.variance.error}`;
		if (this.problem) return this.problem;
		const latest = this.latest;
		if (!latest) {
			const tree = this.tree;
			return `${tree ? `One deep tree fitted (${tree.leaves} leaves).` : 'Growing one deep tree…'} Step adds a tree to the forest and a round to boosting.`;
		}
		const error = (label: string, value: number | null) => (value === null ? '' : ` ${label} ${formatValue(100 * value, 3)}%.`);
		const errors = this.test.length ? error('Forest test error', latest.forestTestError) + error('boosting', latest.boostTestError) : error('Out-of-bag error', latest.oobError);
		const head = `${latest.trees} tree${latest.trees === 1 ? '' : 's'} and rounds.${errors}`;
		return this.canStep ? head : `${head} Finished: ${this.values.maxTrees} trees.`;
	}

	get readouts(): Readout[] {
		const latest = this.latest;
		const variance = this.varianceResult;
		return [
			{ name: 'tree_test_error', label: 'Test error, one deep tree', value: this.problem ? null : this.treeTestError, digits: 3 },
			{ name: 'forest_test_error', label: 'Test error, forest', value: latest?.forestTestError ?? null, digits: 3 },
			{ name: 'boosting_test_error', label: 'Test error, boosting', value: latest?.boostTestError ?? null, digits: 3 },
			{ name: 'oob_error', label: 'Out-of-bag error, forest', value: latest?.oobError ?? null, digits: 3 },
			{ name: 'trees', label: 'Trees', value: this.problem ? null : this.trees },
			{ name: 'tree_vote_variance', label: 'Variance at the probe, deep tree', value: variance?.treeVariance ?? null, digits: 3 },
			{ name: 'forest_vote_variance', label: 'Variance at the probe, forest', value: variance?.forestVariance ?? null, digits: 3 }
		];
	}

	get notices(): Notice[] {
		return this.edits.notice ? [{ key: 'points', message: this.edits.notice }] : [];
	}

	exportData() {
		const latest = this.latest;
		const variance = this.varianceResult;
		const tidy = (v: number | null | undefined) => (v === null || v === undefined ? null : tidyNumber(v));
		return {
			state: {
				points: this.points.map(([x, y, c]) => [x, y, c]),
				testPoints: this.test.length,
				testData: this.test.map(([x, y, c]) => [x, y, c]),
				// The random draws behind each forest tree: its bootstrap sample (indices into points) and the feature tried first at each split.
				forestDraws: this.#ensembles ? this.#ensembles.samples.map((sample, t) => ({ sample, firstFeatures: this.#ensembles!.firstFeatures[t] })) : [],
				settings: this.settings,
				trees: this.trees,
				deepTree: this.tree ? { depth: this.tree.depth, leaves: this.tree.leaves, trainError: tidy(this.treeTrainError), testError: tidy(this.treeTestError) } : null,
				forest: { trainError: tidy(latest?.forestTrainError), testError: tidy(latest?.forestTestError), oobError: tidy(latest?.oobError), oobCovered: latest?.oobCovered ?? 0 },
				boosting: { trainError: tidy(latest?.boostTrainError), testError: tidy(latest?.boostTestError) },
				probe: this.probe.map(tidyNumber),
				variance: variance
					? {
							source: variance.source,
							treeVotes: variance.treeVotes,
							forestShares: variance.forestShares,
							treeVariance: tidyNumber(variance.treeVariance),
							forestVariance: tidyNumber(variance.forestVariance),
							singleTreeVariance: tidyNumber(variance.singleTreeVariance)
						}
					: null
			},
			history: this.history.map((h) => ({ ...h }))
		};
	}

	dispose() {
		this.#ensembles?.dispose();
		this.#ensembles = null;
	}
}
