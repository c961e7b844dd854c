/**
 * One deep tree, a random forest and gradient boosting on the same two-class points.
 *
 * Trees are grown here by a compact grower of our own (the decision-tree concept's grower
 * counts each node in TF.js, which is right for one tree shown split by split but far too
 * slow for hundreds): it takes any multiset of point indices (a bootstrap sample), a number
 * of features tried per split, and real-valued targets, so the same code grows the forest's
 * classification trees (targets 0/1) and boosting's regression trees (targets y − p).
 *
 * On 0/1 targets the squared-error split criterion is the Gini criterion: a node of n points
 * with s of class B has n·Gini = 2(s − s²/n), and n·variance = s − s²/n. So both kinds of tree
 * choose the split that maximises s_L²/n_L + s_R²/n_R.
 *
 * TF.js holds the ensembles' running sums over every point that is scored (training, test,
 * the boundary grid): the forest's votes, the out-of-bag votes, boosting's log-odds, and
 * counts the errors from them.
 */
import * as tf from '$lib/engine/tfjs';
import type { LabelledPoint } from '$lib/common/geometry';
import { createRng, type Rng } from '$lib/engine/rng';
import { runNow, type Job } from '$lib/common/slices';

// ——— Data ———

export type PresetName = 'moons' | 'xor' | 'blobs';
export const TEST_SIZE = 500;

function cleanPoint(name: PresetName, rng: Rng): LabelledPoint {
	if (name === 'moons') {
		const c = rng.next() < 0.5 ? 0 : 1;
		const t = rng.uniform(0, Math.PI);
		const [x, y] = c === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
		return [x + 0.12 * rng.normal(), y + 0.12 * rng.normal(), c];
	}
	if (name === 'xor') {
		const [x, y] = [rng.uniform(-2, 2), rng.uniform(-2, 2)];
		return [x, y, x > 0 !== y > 0 ? 1 : 0];
	}
	const c = rng.next() < 0.5 ? 0 : 1;
	const sign = c ? 1 : -1;
	return [sign * 0.9 + rng.normal(), sign * 0.6 + rng.normal(), c];
}

/** `n` points of a preset, each label flipped with probability `noise`; `which` picks an independent stream. */
export function presetPoints(name: PresetName, n: number, noise: number, seed: number, which: string = 'train'): LabelledPoint[] {
	const rng = createRng(seed).fork(`${name}-${which}`);
	return Array.from({ length: n }, () => {
		const p = cleanPoint(name, rng);
		if (rng.next() < noise) p[2] = 1 - p[2];
		return p;
	});
}

export interface Bounds {
	x: [number, number];
	y: [number, number];
}

/** The plot's box: the points' extent padded by 10% (or ±1 around a single value). */
export function boundsOf(points: readonly LabelledPoint[]): Bounds {
	const side = (k: 0 | 1): [number, number] => {
		if (points.length === 0) return [-3, 3];
		let [lo, hi] = [Infinity, -Infinity];
		for (const p of points) [lo, hi] = [Math.min(lo, p[k]), Math.max(hi, p[k])];
		const pad = lo === hi ? Math.abs(lo) * 0.5 || 1 : (hi - lo) * 0.1;
		return [lo - pad, hi + pad];
	};
	return { x: side(0), y: side(1) };
}

/** A point given as shares of the box (0 = left / bottom, 1 = right / top). */
export const pointAt = (b: Bounds, u: number, v: number): [number, number] => [b.x[0] + u * (b.x[1] - b.x[0]), b.y[0] + v * (b.y[1] - b.y[0])];

/** Cells per side of the boundary grids. */
export const GRID = 40;

/** Cell centres of a size × size grid over the box, row by row from the bottom. */
export function gridPoints(b: Bounds, size: number): { xs: Float64Array; ys: Float64Array } {
	const xs = new Float64Array(size * size);
	const ys = new Float64Array(size * size);
	for (let r = 0; r < size; r++)
		for (let c = 0; c < size; c++) [xs[r * size + c], ys[r * size + c]] = pointAt(b, (c + 0.5) / size, (r + 0.5) / size);
	return { xs, ys };
}

// ——— Trees ———

/** A grown tree as flat arrays; node 0 is the root, a leaf has feature −1. */
export interface FlatTree {
	feature: number[];
	threshold: number[];
	left: number[];
	right: number[];
	/** At a leaf: the share of class B (classification) or the leaf's step in log-odds (boosting). */
	value: number[];
	depth: number;
	leaves: number;
}

export interface GrowOptions {
	maxDepth: number;
	minLeaf: number;
	/** 2: both features are searched at every split; 1: one drawn at random (the other only if the first cannot split). */
	featuresPerSplit: 1 | 2;
	rng: Rng | null;
	/** When given, the feature drawn to be tried first at each split (one feature per split) is appended to it: the export's record of the draws. */
	firstFeatures?: number[];
}

export interface Columns {
	xs: ArrayLike<number>;
	ys: ArrayLike<number>;
}

const GAIN_TOLERANCE = 1e-12;

interface BestSplit {
	feature: number;
	threshold: number;
	gain: number;
}

/** The best threshold on one feature: the largest s_L²/n_L + s_R²/n_R − s²/n (ties: the lower threshold). */
function bestOnFeature(values: ArrayLike<number>, target: ArrayLike<number>, indices: readonly number[], minLeaf: number): BestSplit | null {
	const order = [...indices].sort((a, b) => values[a] - values[b]);
	const n = order.length;
	let total = 0;
	for (const i of order) total += target[i];
	const parent = (total * total) / n;
	let best: BestSplit | null = null;
	let sumLeft = 0;
	for (let k = 0; k < n - 1; k++) {
		sumLeft += target[order[k]];
		// Plain reads, no destructuring: cheaper in code the engine has not optimised yet (a job's first pieces).
		const a = values[order[k]];
		const b = values[order[k + 1]];
		const nl = k + 1;
		if (!(a < b) || nl < minLeaf || n - nl < minLeaf) continue;
		const sumRight = total - sumLeft;
		const gain = (sumLeft * sumLeft) / nl + (sumRight * sumRight) / (n - nl) - parent;
		if (gain > GAIN_TOLERANCE && (best === null || gain > best.gain + GAIN_TOLERANCE)) best = { feature: -1, threshold: a + (b - a) / 2, gain };
	}
	return best;
}

/**
 * Grows a tree on the points `sample` (indices into the columns; repeats count as many
 * times as they appear). A leaf's value is Σ target / Σ hessian over its points, with the
 * hessian 1 when not given (the mean target). Nodes are grown depth first, left before right.
 */
export function growTree(columns: Columns, target: ArrayLike<number>, hessian: ArrayLike<number> | null, sample: readonly number[], options: GrowOptions): FlatTree {
	return runNow(growTreeJob(columns, target, hessian, sample, options));
}

/** Nodes split between two yields of `growTreeJob`: a deep tree on a few hundred points is some ten pieces. */
export const SPLITS_PER_PIECE = 16;

/** `growTree` as a job: the same tree, yielding after every SPLITS_PER_PIECE nodes split. */
export function* growTreeJob(columns: Columns, target: ArrayLike<number>, hessian: ArrayLike<number> | null, sample: readonly number[], options: GrowOptions): Job<FlatTree> {
	const tree: FlatTree = { feature: [], threshold: [], left: [], right: [], value: [], depth: 0, leaves: 0 };
	const features = [columns.xs, columns.ys];
	const stack: { id: number; indices: readonly number[]; depth: number }[] = [];
	const addNode = (indices: readonly number[], depth: number) => {
		const id = tree.feature.length;
		tree.feature.push(-1);
		tree.threshold.push(0);
		tree.left.push(-1);
		tree.right.push(-1);
		let [sum, weight] = [0, 0];
		for (const i of indices) {
			sum += target[i];
			weight += hessian ? hessian[i] : 1;
		}
		tree.value.push(weight > 1e-12 ? sum / weight : 0);
		stack.push({ id, indices, depth });
		return id;
	};
	addNode(sample, 0);
	let splits = 0;
	while (stack.length) {
		const { id, indices, depth } = stack.pop()!;
		tree.depth = Math.max(tree.depth, depth);
		const split = depth < options.maxDepth && indices.length >= 2 * options.minLeaf ? chooseSplit(features, target, indices, options) : null;
		if (!split) {
			tree.leaves++;
			continue;
		}
		const f = features[split.feature];
		const leftIndices = indices.filter((i) => f[i] <= split.threshold);
		const rightIndices = indices.filter((i) => f[i] > split.threshold);
		tree.feature[id] = split.feature;
		tree.threshold[id] = split.threshold;
		// Right first: the left child, on top of the stack, is grown first.
		const right = addNode(rightIndices, depth + 1);
		const left = addNode(leftIndices, depth + 1);
		tree.left[id] = left;
		tree.right[id] = right;
		if (++splits % SPLITS_PER_PIECE === 0) yield;
	}
	return tree;
}

function chooseSplit(features: ArrayLike<number>[], target: ArrayLike<number>, indices: readonly number[], options: GrowOptions): BestSplit | null {
	const first = target[indices[0]];
	if (indices.every((i) => target[i] === first)) return null;
	const order = options.featuresPerSplit === 2 || !options.rng ? [0, 1] : options.rng.next() < 0.5 ? [0, 1] : [1, 0];
	if (options.featuresPerSplit === 1 && options.rng) options.firstFeatures?.push(order[0]);
	const tried = options.featuresPerSplit === 2 ? [order] : [[order[0]], [order[1]]];
	for (const group of tried) {
		let best: BestSplit | null = null;
		for (const f of group) {
			const candidate = bestOnFeature(features[f], target, indices, options.minLeaf);
			if (candidate && (best === null || candidate.gain > best.gain + GAIN_TOLERANCE)) best = { ...candidate, feature: f };
		}
		if (best) return best;
	}
	return null;
}

/** The value of the leaf a point falls in. */
export function treeValue(tree: FlatTree, x: number, y: number): number {
	let node = 0;
	while (tree.feature[node] >= 0) node = (tree.feature[node] === 0 ? x : y) <= tree.threshold[node] ? tree.left[node] : tree.right[node];
	return tree.value[node];
}

/** A classification tree's vote: class B when more than half its leaf is B. */
export const treeVote = (tree: FlatTree, x: number, y: number): 0 | 1 => (treeValue(tree, x, y) > 0.5 ? 1 : 0);

/** n indices drawn with replacement from 0 … n − 1. */
export function bootstrap(n: number, rng: Rng): number[] {
	return Array.from({ length: n }, () => rng.int(n));
}

export const UNLIMITED_DEPTH = 1000;

/** The single deep tree: every point, both features at every split, grown until its leaves are pure. */
export function deepTree(points: readonly LabelledPoint[]): FlatTree {
	const columns = columnsOf(points);
	return growTree(columns, labelsOf(points), null, points.map((_, i) => i), { maxDepth: UNLIMITED_DEPTH, minLeaf: 1, featuresPerSplit: 2, rng: null });
}

/** The deep tree, its vote over the grid (cell by cell, as `gridPoints` orders them) and its errors on the training and test points. */
export interface DeepTree {
	tree: FlatTree;
	grid: Float32Array;
	trainError: number | null;
	testError: number | null;
}

/** `deepTree` and what the run shows of it, as a job: the tree grown a few nodes a piece, then its grid a few rows a piece. */
export function* deepTreeJob(points: readonly LabelledPoint[], test: readonly LabelledPoint[], grid: { xs: Float64Array; ys: Float64Array }): Job<DeepTree> {
	yield;
	const columns = columnsOf(points);
	const tree = yield* growTreeJob(columns, labelsOf(points), null, points.map((_, i) => i), { maxDepth: UNLIMITED_DEPTH, minLeaf: 1, featuresPerSplit: 2, rng: null });
	const votes = new Float32Array(grid.xs.length);
	for (let i = 0; i < votes.length; i++) {
		votes[i] = treeVote(tree, grid.xs[i], grid.ys[i]);
		if (i % 400 === 399) yield;
	}
	const vote = (x: number, y: number) => treeVote(tree, x, y);
	const trainError = errorOf(vote, points);
	yield;
	return { tree, grid: votes, trainError, testError: errorOf(vote, test) };
}

export const columnsOf = (points: readonly LabelledPoint[]): Columns => ({ xs: Float64Array.from(points, (p) => p[0]), ys: Float64Array.from(points, (p) => p[1]) });
export const labelsOf = (points: readonly LabelledPoint[]) => Float64Array.from(points, (p) => p[2]);

export function errorOf(predict: (x: number, y: number) => number, points: readonly LabelledPoint[]): number | null {
	if (points.length === 0) return null;
	let wrong = 0;
	for (const p of points) if (predict(p[0], p[1]) !== p[2]) wrong++;
	return wrong / points.length;
}

export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Boosting starts from the log-odds of class B's share, kept off ±∞ for a one-class set. */
export function startingLogOdds(points: readonly LabelledPoint[]): number {
	const share = points.length ? points.reduce((s, p) => s + p[2], 0) / points.length : 0.5;
	const p = Math.min(1 - 1e-3, Math.max(1e-3, share));
	return Math.log(p / (1 - p));
}

// ——— The ensembles, one tree at a time ———

export interface EnsembleSettings {
	featuresPerSplit: 1 | 2;
	forestDepth: number;
	boostDepth: number;
	learningRate: number;
}

export interface StepResult {
	trees: number;
	forestTrainError: number;
	forestTestError: number | null;
	boostTrainError: number;
	boostTestError: number | null;
	/** Null while no point has been left out of any bootstrap sample. */
	oobError: number | null;
	/** Points left out of at least one tree so far. */
	oobCovered: number;
}

/**
 * The forest and boosting, grown side by side: each `step` adds one bootstrap tree to the
 * forest and one round to boosting. Scored points are the training points, then the test
 * points, then the grid's cell centres.
 */
export class Ensembles {
	readonly n: number;
	readonly m: number;
	readonly gridCells: number;
	readonly columns: Columns;
	readonly trainLabels: Float64Array;
	readonly initialLogOdds: number;
	trees = 0;
	/** Each forest tree's bootstrap sample, for the export and the tests. */
	readonly samples: number[][] = [];
	/** Each forest tree's feature drawn first at each of its splits, in the order they were grown (one feature per split only). */
	readonly firstFeatures: number[][] = [];
	readonly forestTrees: FlatTree[] = [];
	readonly boostTrees: FlatTree[] = [];
	/** Boosting's P(B) at the training points, then the test points, then the grid (after the last step). */
	boostProbability: Float32Array;
	/** The forest's share of votes for B over the grid. */
	forestShareGrid: Float32Array;
	#rng: Rng;
	#labels: tf.Tensor;
	#votes: tf.Tensor;
	#oobVotes: tf.Tensor;
	#oobCounts: tf.Tensor;
	#logOdds: tf.Tensor;

	constructor(
		train: readonly LabelledPoint[],
		test: readonly LabelledPoint[],
		grid: { xs: Float64Array; ys: Float64Array },
		readonly settings: EnsembleSettings,
		rng: Rng
	) {
		this.n = train.length;
		this.m = test.length;
		this.gridCells = grid.xs.length;
		const total = this.n + this.m + this.gridCells;
		const xs = new Float64Array(total);
		const ys = new Float64Array(total);
		train.forEach((p, i) => ([xs[i], ys[i]] = [p[0], p[1]]));
		test.forEach((p, i) => ([xs[this.n + i], ys[this.n + i]] = [p[0], p[1]]));
		xs.set(grid.xs, this.n + this.m);
		ys.set(grid.ys, this.n + this.m);
		this.columns = { xs, ys };
		this.trainLabels = labelsOf(train);
		this.initialLogOdds = startingLogOdds(train);
		this.#rng = rng;
		this.#labels = tf.tensor1d([...train, ...test].map((p) => p[2]), 'float32');
		this.#votes = tf.zeros([total]);
		this.#oobVotes = tf.zeros([this.n]);
		this.#oobCounts = tf.zeros([this.n]);
		this.#logOdds = tf.fill([total], this.initialLogOdds);
		this.boostProbability = new Float32Array(total).fill(sigmoid(this.initialLogOdds));
		this.forestShareGrid = new Float32Array(this.gridCells);
	}

	/** Scores every point with a tree: its vote (forest) or its leaf value (boosting). */
	#scoreAll(tree: FlatTree, vote: boolean): Float32Array {
		const { xs, ys } = this.columns;
		const out = new Float32Array(xs.length);
		for (let i = 0; i < xs.length; i++) out[i] = vote ? treeVote(tree, xs[i], ys[i]) : treeValue(tree, xs[i], ys[i]);
		return out;
	}

	step(): StepResult {
		const { n, m, settings } = this;
		const rng = this.#rng;
		// Forest: one tree on a bootstrap sample, a random feature subset at each split.
		const sample = bootstrap(n, rng);
		const inSample = new Float32Array(n);
		for (const i of sample) inSample[i] = 1;
		const firstFeatures: number[] = [];
		const tree = growTree(this.columns, this.trainLabels, null, sample, { maxDepth: settings.forestDepth, minLeaf: 1, featuresPerSplit: settings.featuresPerSplit, rng, firstFeatures });
		this.samples.push(sample);
		this.firstFeatures.push(firstFeatures);
		this.forestTrees.push(tree);
		const votes = this.#scoreAll(tree, true);

		// Boosting: a shallow regression tree on the residuals y − p, leaves a Newton step Σ(y − p) / Σ p(1 − p).
		const residual = new Float64Array(n);
		const hessian = new Float64Array(n);
		for (let i = 0; i < n; i++) {
			const p = this.boostProbability[i];
			residual[i] = this.trainLabels[i] - p;
			hessian[i] = p * (1 - p);
		}
		const boostTree = growTree(this.columns, residual, hessian, Array.from({ length: n }, (_, i) => i), {
			maxDepth: settings.boostDepth,
			minLeaf: 1,
			featuresPerSplit: 2,
			rng: null
		});
		this.boostTrees.push(boostTree);
		const steps = this.#scoreAll(boostTree, false);
		this.trees++;

		const trees = this.trees;
		const [oldVotes, oldOobVotes, oldOobCounts, oldLogOdds] = [this.#votes, this.#oobVotes, this.#oobCounts, this.#logOdds];
		const out = tf.tidy(() => {
			const voteTensor = tf.tensor1d(votes);
			const outOfBag = tf.sub(1, tf.tensor1d(inSample));
			const newVotes = tf.add(oldVotes, voteTensor);
			const newOobVotes = tf.add(oldOobVotes, tf.mul(voteTensor.slice(0, n), outOfBag));
			const newOobCounts = tf.add(oldOobCounts, outOfBag);
			const newLogOdds = tf.add(oldLogOdds, tf.mul(tf.tensor1d(steps), settings.learningRate));
			// Predictions on training and test points: B when more than half of the votes (or P(B)) say B.
			const labelled = n + m;
			const forestPrediction = tf.greater(tf.div(newVotes.slice(0, labelled), trees), 0.5).toFloat();
			const boostPrediction = tf.greater(newLogOdds.slice(0, labelled), 0).toFloat();
			const forestWrong = tf.notEqual(forestPrediction, this.#labels).toFloat();
			const boostWrong = tf.notEqual(boostPrediction, this.#labels).toFloat();
			const covered = tf.greater(newOobCounts, 0).toFloat();
			const oobPrediction = tf.greater(tf.div(newOobVotes, tf.maximum(newOobCounts, 1)), 0.5).toFloat();
			const oobWrong = tf.mul(tf.notEqual(oobPrediction, this.#labels.slice(0, n)).toFloat(), covered);
			const sums = (wrong: tf.Tensor) => [wrong.slice(0, n).sum(), m ? wrong.slice(n, m).sum() : tf.scalar(0)];
			const counts = tf.stack([...sums(forestWrong), ...sums(boostWrong), oobWrong.sum(), covered.sum()]);
			const report = tf.concat([counts, tf.sigmoid(newLogOdds), tf.div(newVotes.slice(labelled), trees)]);
			return { newVotes, newOobVotes, newOobCounts, newLogOdds, report };
		});
		tf.dispose([oldVotes, oldOobVotes, oldOobCounts, oldLogOdds]);
		[this.#votes, this.#oobVotes, this.#oobCounts, this.#logOdds] = [out.newVotes, out.newOobVotes, out.newOobCounts, out.newLogOdds];
		const report = out.report.dataSync() as Float32Array;
		out.report.dispose();
		const [forestTrainWrong, forestTestWrong, boostTrainWrong, boostTestWrong, oobWrong, covered] = report.subarray(0, 6);
		const total = n + m + this.gridCells;
		this.boostProbability = report.slice(6, 6 + total);
		this.forestShareGrid = report.slice(6 + total);
		return {
			trees,
			forestTrainError: n ? forestTrainWrong / n : 0,
			forestTestError: m ? forestTestWrong / m : null,
			boostTrainError: n ? boostTrainWrong / n : 0,
			boostTestError: m ? boostTestWrong / m : null,
			oobError: covered > 0 ? oobWrong / covered : null,
			oobCovered: Math.round(covered)
		};
	}

	/** Boosting's P(B) over the grid. */
	get boostGrid(): Float32Array {
		return this.boostProbability.subarray(this.n + this.m);
	}

	dispose() {
		tf.dispose([this.#labels, this.#votes, this.#oobVotes, this.#oobCounts, this.#logOdds]);
	}
}

// ——— Variance of the prediction at one point ———

export const VARIANCE_ROUNDS = 24;
export const VARIANCE_FOREST = 50;

export interface VarianceResult {
	probe: [number, number];
	/** Per round: the deep tree's vote at the probe (0 or 1). */
	treeVotes: number[];
	/** Per round: the share of a 50-tree forest's votes for B at the probe. */
	forestShares: number[];
	treeVariance: number;
	forestVariance: number;
	/** The same point's variance over single bootstrap trees (all rounds' forest trees pooled). */
	singleTreeVariance: number;
	/** Where the training sets came from. */
	source: 'fresh' | 'bootstrap';
}

export const varianceOf = (values: readonly number[]) => {
	const mean = values.reduce((s, v) => s + v, 0) / values.length;
	return values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
};

/**
 * Refits, VARIANCE_ROUNDS times, the deep tree and a forest of VARIANCE_FOREST trees on a new
 * training set, and records what each predicts at the probe. A new training set is a fresh
 * draw of the preset, or for the reader's own points a bootstrap resample of them. A job:
 * it yields after every tree, and within a tree every few nodes.
 */
export function* varianceJob(draw: (round: number) => LabelledPoint[], probe: [number, number], settings: Pick<EnsembleSettings, 'featuresPerSplit' | 'forestDepth'>, rng: Rng, source: 'fresh' | 'bootstrap'): Job<VarianceResult> {
	const treeVotes: number[] = [];
	const forestShares: number[] = [];
	const singleVotes: number[] = [];
	for (let round = 0; round < VARIANCE_ROUNDS; round++) {
		const points = draw(round);
		yield;
		const columns = columnsOf(points);
		const labels = labelsOf(points);
		const all = points.map((_, i) => i);
		treeVotes.push(treeVote(yield* growTreeJob(columns, labels, null, all, { maxDepth: UNLIMITED_DEPTH, minLeaf: 1, featuresPerSplit: 2, rng: null }), ...probe));
		yield;
		let votes = 0;
		for (let t = 0; t < VARIANCE_FOREST; t++) {
			const sample = bootstrap(points.length, rng);
			yield;
			const tree = yield* growTreeJob(columns, labels, null, sample, { maxDepth: settings.forestDepth, minLeaf: 1, featuresPerSplit: settings.featuresPerSplit, rng });
			const vote = treeVote(tree, ...probe);
			votes += vote;
			singleVotes.push(vote);
			yield;
		}
		forestShares.push(votes / VARIANCE_FOREST);
	}
	return { probe, treeVotes, forestShares, treeVariance: varianceOf(treeVotes), forestVariance: varianceOf(forestShares), singleTreeVariance: varianceOf(singleVotes), source };
}
