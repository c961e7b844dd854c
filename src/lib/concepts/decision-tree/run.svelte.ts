/**
 * A decision-tree run: two classes of points (a preset or the reader's own, edited through
 * $lib/widget/points), a tree that starts as one root and gains one split per Step, and in
 * the background the train and test accuracy of trees of every depth. Any change of a value
 * starts the tree again from its root.
 */
import type { LabelledPoint } from '$lib/common/geometry';
import { formatValue } from '$lib/common/format';
import { tidyNumber } from '$lib/engine/arrays';
import type { JobHandle, Readout, Run, RunInput, RunStatus } from '$lib/widget/contract';
import type { Notice } from '$lib/widget/schema';
import { AddClass, CLASS_NAMES, editablePoints, type EditablePoints } from '$lib/widget/points/edits.svelte';
import { MAX_OWN_POINTS, type PresetValue, type schema, type TreeParams } from './params';
import {
	accuracy,
	depthCurveJob,
	depthOf,
	entropy,
	gini,
	presetPoints,
	splitNext,
	startTree,
	type DepthCurve,
	type PresetName,
	type Tree,
	type TreeNode,
	type TreeOptions
} from './sim';

export interface HistoryPoint {
	splits: number;
	depth: number;
	train: number | null;
	test: number | null;
}

export class TreeRun implements Run {
	readonly values: TreeParams;
	readonly edits: EditablePoints<PresetValue, LabelledPoint>;
	readonly addClass: AddClass;
	/** The points the tree is grown on (those of the values: a drag regrows on release). */
	readonly data: LabelledPoint[];
	/** Fresh points from the same process (presets only). */
	readonly test: LabelledPoint[] | null;
	readonly options: TreeOptions;
	readonly curve: JobHandle<DepthCurve>;
	tree = $state.raw<Tree>(null!);
	history = $state.raw<HistoryPoint[]>([]);

	constructor({ values, seed, cause, previous, set, services }: RunInput<typeof schema, TreeRun>) {
		this.values = values;
		const { preset, criterion, maxDepth, minLeaf } = values;
		const own = preset === 'own';
		const base = own ? values.points : services.memo('points', JSON.stringify([preset, seed]), () => presetPoints(preset as PresetName, seed));
		this.test = own ? null : services.memo('test', JSON.stringify([preset, seed]), () => presetPoints(preset as PresetName, seed, 'test'));
		this.edits = editablePoints<PresetValue, LabelledPoint>({ values, cause, previous, set, services }, base, MAX_OWN_POINTS);
		this.addClass = services.keep('add-class', () => new AddClass());
		this.data = base;
		this.options = { criterion, maxDepth, minLeaf };
		this.tree = startTree(base, this.options);
		this.history = [this.#record()];
		const test = this.test;
		const dataKey = own ? JSON.stringify(values.points) : JSON.stringify([preset, seed]);
		this.curve = services.job('depth-curve', {
			key: JSON.stringify([dataKey, criterion, minLeaf]),
			make: () => depthCurveJob(base, test, criterion, minLeaf),
			delayMs: 200,
			finishFirst: true
		});
	}

	get points(): LabelledPoint[] {
		return this.edits.points;
	}

	#record(): HistoryPoint {
		return { splits: this.tree.splits, depth: depthOf(this.tree), train: accuracy(this.tree, this.data), test: this.test ? accuracy(this.tree, this.test) : null };
	}

	/** The node whose candidates are shown: the one the next step splits, else the last one split. */
	get focus(): { node: TreeNode; evaluation: NonNullable<Tree['next']>['evaluation']; done: boolean } | null {
		const pick = this.tree.next ?? this.tree.last;
		return pick ? { node: this.tree.nodes[pick.id], evaluation: pick.evaluation, done: this.tree.next === null } : null;
	}

	get canStep(): boolean {
		return this.tree.next !== null;
	}

	step(): boolean {
		if (!this.canStep) return false;
		this.tree = splitNext(this.tree, this.data, this.options);
		this.history = [...this.history, this.#record()];
		return this.canStep;
	}

	get trainAccuracy(): number | null {
		return this.history.at(-1)?.train ?? null;
	}

	get testAccuracy(): number | null {
		return this.history.at(-1)?.test ?? null;
	}

	get depth(): number {
		return depthOf(this.tree);
	}

	get leaves(): number {
		return this.tree.nodes.filter((node) => !node.children).length;
	}

	/** Why the root cannot be split, in plain words, or null. */
	get rootProblem(): string | null {
		const root = this.tree.nodes[0];
		const n = this.data.length;
		if (n === 0) return 'No points: choose a preset, or click the plot to add some.';
		if (this.tree.splits > 0) return null;
		if (root.leaf === 'pure') return `Every point is class ${CLASS_NAMES[root.prediction]}: the root is already pure (entropy 0), there is nothing to split.`;
		if (root.leaf === 'too-few') return `Only ${n} points: a split needs at least 2 × ${this.options.minLeaf} (the minimum leaf size).`;
		if (root.leaf === 'no-gain') return 'No threshold helps: either all points sit at the same place, or every allowed split leaves the class shares as they are (gain 0).';
		return null;
	}

	// --- Edits ---------------------------------------------------------------------------

	commit(points: readonly LabelledPoint[]) {
		this.edits.commit(points);
	}

	// --- What the shell shows ------------------------------------------------------------------

	get status(): RunStatus {
		if (this.curve.error) return 'error';
		return this.canStep ? 'ready' : 'converged';
	}

	get statusText(): string {
		if (this.curve.error) return `The accuracy-against-depth curve failed: ${this.curve.error}`;
		const problem = this.rootProblem;
		if (problem) return problem;
		const { splits } = this.tree;
		const acc = this.trainAccuracy === null ? '' : ` Training accuracy ${formatValue(100 * this.trainAccuracy, 3)}%.`;
		const head = splits === 0 ? 'The tree is one node, the root.' : `${splits} split${splits === 1 ? '' : 's'}, depth ${this.depth}, ${this.leaves} leaves.`;
		if (!this.canStep) return `${head}${acc} Finished: every leaf is pure, at the depth limit, too small or without a useful split.`;
		return `${head}${acc} Step splits the next node.`;
	}

	get readouts(): Readout[] {
		const focus = this.focus;
		const share = focus && focus.node.indices.length ? focus.node.counts[1] / focus.node.indices.length : null;
		const best = focus?.evaluation.best ?? null;
		return [
			{ name: 'entropy', label: 'Entropy of the node (bits)', value: share === null ? null : entropy(share), digits: 3 },
			{ name: 'gini', label: 'Gini of the node', value: share === null ? null : gini(share), digits: 3 },
			{ name: 'information_gain', label: 'Information gain of the split (bits)', value: best ? best.informationGain : null, digits: 3 },
			{ name: 'train_accuracy', label: 'Training accuracy', value: this.trainAccuracy, digits: 3 },
			{ name: 'test_accuracy', label: 'Test accuracy (fresh points)', value: this.testAccuracy, digits: 3 },
			{ name: 'depth', label: 'Depth', value: this.data.length ? this.depth : null }
		];
	}

	get notices(): Notice[] {
		return this.edits.notice ? [{ key: 'points', message: this.edits.notice }] : [];
	}

	/** Every candidate threshold of the focus node (the one the next step splits, else the last split) with its gain. */
	#candidates() {
		const focus = this.focus;
		if (!focus) return null;
		const [x, y] = focus.evaluation.candidates.map(({ thresholds, gains }) => ({ thresholds: Array.from(thresholds), gains: Array.from(gains, tidyNumber) }));
		return { node: focus.node.id, x, y };
	}

	exportData() {
		const curve = this.curve.result;
		return {
			state: {
				points: this.points.map(([x, y, c]) => [x, y, c]),
				criterion: this.options.criterion,
				splits: this.tree.nodes
					.filter((node) => node.split)
					.map((node) => ({
						node: node.id,
						depth: node.depth,
						feature: node.split!.feature === 0 ? 'x' : 'y',
						threshold: node.split!.threshold,
						counts: node.counts,
						gain: tidyNumber(node.split!.gain),
						informationGain: tidyNumber(node.split!.informationGain),
						giniDecrease: tidyNumber(node.split!.giniDecrease),
						children: node.children
					})),
				leaves: this.tree.nodes.filter((node) => !node.children).map((node) => ({ node: node.id, depth: node.depth, counts: node.counts, prediction: node.prediction, reason: node.leaf })),
				trainAccuracy: this.trainAccuracy,
				testAccuracy: this.testAccuracy,
				testPoints: this.test ? this.test.length : 0,
				testData: this.test ? this.test.map(([x, y, c]) => [x, y, c]) : null,
				candidates: this.#candidates(),
				accuracyByDepth: curve ? curve.depths.map((d, i) => ({ depth: d, train: tidyNumber(curve.train[i]), test: curve.test ? tidyNumber(curve.test[i]) : null })) : null
			},
			history: this.history
		};
	}
}
