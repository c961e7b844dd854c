/**
 * A classification tree on two features, grown greedily one split at a time. For the node
 * being split, every threshold between two neighbouring distinct values of each feature is a
 * candidate; TF.js counts, for all of them at once, the points of class B on the left side
 * (a cumulative sum over the node's labels sorted by each feature), and the gains follow in
 * float64 from those counts. The best candidate (largest decrease of the chosen impurity)
 * splits the node; nodes that are pure, too small, at the depth limit or without any gain
 * become leaves that predict their majority class.
 */
import * as tf from '$lib/engine/tfjs';
import type { LabelledPoint } from '$lib/common/geometry';
import { createRng, type Rng } from '$lib/engine/rng';
import type { Job } from '$lib/common/slices';

export type Criterion = 'entropy' | 'gini';

/** Entropy in bits of a two-class node whose share of class B is p: −p log₂ p − (1−p) log₂(1−p). */
export function entropy(p: number): number {
	if (!(p > 0 && p < 1)) return 0;
	return -(p * Math.log2(p) + (1 - p) * Math.log2(1 - p));
}

/** Gini impurity of a two-class node: 1 − p² − (1−p)² = 2p(1−p). */
export const gini = (p: number): number => (p > 0 && p < 1 ? 2 * p * (1 - p) : 0);

export const impurity = (criterion: Criterion, p: number) => (criterion === 'entropy' ? entropy(p) : gini(p));

/** Entropy of a node with any number of classes, from its counts (bits). */
export function entropyOfCounts(counts: readonly number[]): number {
	const n = counts.reduce((s, c) => s + c, 0);
	return n === 0 ? 0 : -counts.reduce((s, c) => s + (c > 0 ? (c / n) * Math.log2(c / n) : 0), 0);
}

/**
 * The decrease of impurity when a node of n points (b of class B) is split into a left part of
 * nl points (bl of class B) and the rest: I(parent) − (nl/n)·I(left) − (nr/n)·I(right).
 */
export function gainOf(criterion: Criterion, n: number, b: number, nl: number, bl: number): number {
	const nr = n - nl;
	const br = b - bl;
	const left = nl > 0 ? impurity(criterion, bl / nl) : 0;
	const right = nr > 0 ? impurity(criterion, br / nr) : 0;
	return impurity(criterion, b / n) - (nl / n) * left - (nr / n) * right;
}

// ——— Data ———

export type PresetName = 'blobs' | 'xor' | 'diagonal';
export const PRESET_SIZE = 120;
export const TEST_SIZE = 400;

function drawPoint(name: PresetName, rng: Rng): LabelledPoint {
	if (name === 'blobs') {
		const c = rng.next() < 0.5 ? 0 : 1;
		const sign = c ? 1 : -1;
		return [sign * 0.8 + rng.normal(), sign * 0.5 + rng.normal(), c];
	}
	const x = rng.uniform(-2, 2);
	const y = rng.uniform(-2, 2);
	const clean = name === 'xor' ? (x > 0 !== y > 0 ? 1 : 0) : y > 0.7 * x ? 1 : 0;
	// A few labels flipped: noise a deep tree learns by heart.
	const c = rng.next() < 0.08 ? 1 - clean : clean;
	return [x, y, c as 0 | 1];
}

/** A preset's points (training) or a fresh sample of the same process (test). */
export function presetPoints(name: PresetName, seed: number, which: 'train' | 'test' = 'train'): LabelledPoint[] {
	const rng = createRng(seed).fork(`${name}-${which}`);
	return Array.from({ length: which === 'train' ? PRESET_SIZE : TEST_SIZE }, () => drawPoint(name, rng));
}

// ——— Candidate thresholds ———

export interface FeatureCandidates {
	/** Midpoints between neighbouring distinct values, in increasing order. */
	thresholds: Float64Array;
	/** The impurity decrease of each threshold under the criterion. */
	gains: Float64Array;
	/** Points on the left (x ≤ threshold) of each. */
	leftSizes: Int32Array;
	/** Class-B points on the left of each. */
	leftB: Int32Array;
}

export interface Split {
	feature: 0 | 1;
	threshold: number;
	/** Decrease of the chosen criterion's impurity. */
	gain: number;
	/** Decrease of entropy (bits), whatever the criterion. */
	informationGain: number;
	giniDecrease: number;
}

export interface Evaluation {
	candidates: [FeatureCandidates, FeatureCandidates];
	/** The best allowed split, or null when no candidate has both sides ≥ min leaf and a gain. */
	best: Split | null;
}

const GAIN_TOLERANCE = 1e-12;

/**
 * Every candidate threshold of both features for the points `indices` of `points`. TF.js does
 * the counting: labels sorted by each feature, as a [2, n] tensor, summed cumulatively.
 * Candidates with a side smaller than `minLeaf` are listed but never chosen. Ties go to the
 * first candidate (feature x before y, lower threshold first).
 */
export function evaluateNode(points: readonly LabelledPoint[], indices: readonly number[], criterion: Criterion, minLeaf: number): Evaluation {
	const n = indices.length;
	const orders = ([0, 1] as const).map((f) => [...indices].sort((a, b) => points[a][f] - points[b][f]));
	let cumulative: Float32Array | Int32Array = new Int32Array(0);
	if (n > 0) {
		const labels = new Float32Array(2 * n);
		for (let f = 0; f < 2; f++) for (let i = 0; i < n; i++) labels[f * n + i] = points[orders[f][i]][2];
		const sums = tf.tidy(() => tf.cumsum(tf.tensor2d(labels, [2, n]), 1));
		cumulative = sums.dataSync() as Float32Array;
		sums.dispose();
	}
	const b = n > 0 ? Math.round(cumulative[n - 1]) : 0;
	let best: Split | null = null;
	const candidates = ([0, 1] as const).map((f) => {
		const order = orders[f];
		const thresholds: number[] = [];
		const gains: number[] = [];
		const leftSizes: number[] = [];
		const leftB: number[] = [];
		for (let i = 0; i < n - 1; i++) {
			const [a, c] = [points[order[i]][f], points[order[i + 1]][f]];
			if (!(a < c)) continue;
			const threshold = a + (c - a) / 2;
			const nl = i + 1;
			const bl = Math.round(cumulative[f * n + i]);
			const gain = gainOf(criterion, n, b, nl, bl);
			thresholds.push(threshold);
			gains.push(gain);
			leftSizes.push(nl);
			leftB.push(bl);
			if (nl >= minLeaf && n - nl >= minLeaf && gain > GAIN_TOLERANCE && (best === null || gain > best.gain + GAIN_TOLERANCE)) {
				best = { feature: f, threshold, gain, informationGain: gainOf('entropy', n, b, nl, bl), giniDecrease: gainOf('gini', n, b, nl, bl) };
			}
		}
		return { thresholds: Float64Array.from(thresholds), gains: Float64Array.from(gains), leftSizes: Int32Array.from(leftSizes), leftB: Int32Array.from(leftB) };
	}) as [FeatureCandidates, FeatureCandidates];
	return { candidates, best };
}

// ——— The tree ———

export type Box = [x0: number, x1: number, y0: number, y1: number];
export type LeafReason = 'pure' | 'too-few' | 'max-depth' | 'no-gain';

export interface TreeNode {
	id: number;
	depth: number;
	indices: number[];
	/** The region of the plane this node covers (±Infinity at the open sides). */
	box: Box;
	/** Points of class A and B. */
	counts: [number, number];
	/** The majority class (class A on a tie or an empty node). */
	prediction: 0 | 1;
	split: Split | null;
	children: [number, number] | null;
	/** Why a finished node is a leaf; null while it may still be split. */
	leaf: LeafReason | null;
}

export interface TreeOptions {
	criterion: Criterion;
	maxDepth: number;
	minLeaf: number;
}

export interface Tree {
	nodes: TreeNode[];
	/** Nodes waiting to be looked at, breadth first. */
	queue: number[];
	/** The node the next step splits, with its evaluation, or null when the tree is finished. */
	next: { id: number; evaluation: Evaluation } | null;
	/** The last node split and its evaluation. */
	last: { id: number; evaluation: Evaluation } | null;
	splits: number;
}

function makeNode(points: readonly LabelledPoint[], id: number, depth: number, indices: number[], box: Box): TreeNode {
	const b = indices.reduce((s, i) => s + points[i][2], 0);
	const counts: [number, number] = [indices.length - b, b];
	return { id, depth, indices, box, counts, prediction: b > counts[0] ? 1 : 0, split: null, children: null, leaf: null };
}

/** Takes nodes off the queue until one can be split (it becomes `next`); the others become leaves. */
function advance(tree: Tree, points: readonly LabelledPoint[], options: TreeOptions): Tree {
	const nodes = [...tree.nodes];
	const queue = [...tree.queue];
	while (queue.length) {
		const id = queue.shift()!;
		const node = nodes[id];
		let leaf: LeafReason | null = null;
		let evaluation: Evaluation | null = null;
		if (node.counts[0] === 0 || node.counts[1] === 0) leaf = 'pure';
		else if (node.depth >= options.maxDepth) leaf = 'max-depth';
		else if (node.indices.length < 2 * options.minLeaf) leaf = 'too-few';
		else {
			evaluation = evaluateNode(points, node.indices, options.criterion, options.minLeaf);
			if (!evaluation.best) leaf = 'no-gain';
		}
		if (leaf) nodes[id] = { ...node, leaf };
		else return { ...tree, nodes, queue, next: { id, evaluation: evaluation! } };
	}
	return { ...tree, nodes, queue, next: null };
}

/** A tree of one node, the root, holding every point; `next` is its best split if it has one. */
export function startTree(points: readonly LabelledPoint[], options: TreeOptions): Tree {
	const root = makeNode(
		points,
		0,
		0,
		points.map((_, i) => i),
		[-Infinity, Infinity, -Infinity, Infinity]
	);
	return advance({ nodes: [root], queue: [0], next: null, last: null, splits: 0 }, points, options);
}

/** Splits the `next` node at its best threshold (x ≤ t to the left), then finds the next node to split. */
export function splitNext(tree: Tree, points: readonly LabelledPoint[], options: TreeOptions): Tree {
	if (!tree.next) return tree;
	const { id, evaluation } = tree.next;
	const split = evaluation.best!;
	const node = tree.nodes[id];
	const f = split.feature;
	const leftIndices = node.indices.filter((i) => points[i][f] <= split.threshold);
	const rightIndices = node.indices.filter((i) => points[i][f] > split.threshold);
	const [x0, x1, y0, y1] = node.box;
	const leftBox: Box = f === 0 ? [x0, split.threshold, y0, y1] : [x0, x1, y0, split.threshold];
	const rightBox: Box = f === 0 ? [split.threshold, x1, y0, y1] : [x0, x1, split.threshold, y1];
	const [l, r] = [tree.nodes.length, tree.nodes.length + 1];
	const nodes = [...tree.nodes];
	nodes[id] = { ...node, split, children: [l, r] };
	nodes.push(makeNode(points, l, node.depth + 1, leftIndices, leftBox), makeNode(points, r, node.depth + 1, rightIndices, rightBox));
	return advance({ nodes, queue: [...tree.queue, l, r], next: null, last: { id, evaluation }, splits: tree.splits + 1 }, points, options);
}

/** Grows the tree to the end at once (tests, the bench). */
export function growTree(points: readonly LabelledPoint[], options: TreeOptions): Tree {
	let tree = startTree(points, options);
	while (tree.next) tree = splitNext(tree, points, options);
	return tree;
}

/** The class the tree predicts at a point, reading the tree down to `maxDepth` at most. */
export function predict(tree: Tree, [x, y]: readonly number[], maxDepth = Infinity): 0 | 1 {
	let node = tree.nodes[0];
	while (node.children && node.split && node.depth < maxDepth) {
		const value = node.split.feature === 0 ? x : y;
		node = tree.nodes[node.children[value <= node.split.threshold ? 0 : 1]];
	}
	return node.prediction;
}

export function accuracy(tree: Tree, points: readonly LabelledPoint[], maxDepth = Infinity): number | null {
	if (points.length === 0) return null;
	let correct = 0;
	for (const p of points) if (predict(tree, p, maxDepth) === p[2]) correct++;
	return correct / points.length;
}

/** The finished leaves and nodes not yet split: the regions the tree draws now. */
export const regionsOf = (tree: Tree) => tree.nodes.filter((node) => !node.children);

export const depthOf = (tree: Tree) => tree.nodes.reduce((d, node) => (node.children ? Math.max(d, node.depth + 1) : d), 0);

// ——— Accuracy against depth ———

export const CURVE_MAX_DEPTH = 12;

export interface DepthCurve {
	depths: number[];
	train: number[];
	/** Null for the reader's own points: no fresh sample to test on. */
	test: number[] | null;
}

/**
 * Train and test accuracy of the tree cut at every depth 0 … CURVE_MAX_DEPTH. A greedy tree
 * splits each node on its own points only, so the tree grown to depth 12 and read down to
 * depth d is exactly the tree grown with max depth d. A job: it yields after every split.
 */
export function* depthCurveJob(points: readonly LabelledPoint[], test: readonly LabelledPoint[] | null, criterion: Criterion, minLeaf: number): Job<DepthCurve> {
	const options: TreeOptions = { criterion, maxDepth: CURVE_MAX_DEPTH, minLeaf };
	let tree = startTree(points, options);
	yield;
	while (tree.next) {
		tree = splitNext(tree, points, options);
		yield;
	}
	const depths = Array.from({ length: CURVE_MAX_DEPTH + 1 }, (_, d) => d);
	const train = depths.map((d) => accuracy(tree, points, d) ?? 0);
	yield;
	const testCurve = test && test.length ? depths.map((d) => accuracy(tree, test, d) ?? 0) : null;
	return { depths, train, test: testCurve };
}
