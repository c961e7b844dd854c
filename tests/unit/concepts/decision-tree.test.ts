import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import type { LabelledPoint } from '$lib/common/geometry';
import { runNow } from '$lib/common/slices';
import { createRng } from '$lib/engine/rng';
import {
	accuracy,
	CURVE_MAX_DEPTH,
	depthCurveJob,
	entropy,
	entropyOfCounts,
	evaluateNode,
	gainOf,
	gini,
	growTree,
	predict,
	presetPoints,
	splitNext,
	startTree,
	type Criterion,
	type Tree,
	type TreeOptions
} from '$lib/concepts/decision-tree/sim';
import { expectClose } from '../helpers/close';

// ——— An independent tree, written plainly: direct counting, recursion, no TF.js ———

interface BruteNode {
	prediction: 0 | 1;
	split: { feature: 0 | 1; threshold: number } | null;
	left?: BruteNode;
	right?: BruteNode;
}

function bruteImpurity(criterion: Criterion, labels: number[]): number {
	if (labels.length === 0) return 0;
	const p = labels.filter((c) => c === 1).length / labels.length;
	const q = 1 - p;
	if (criterion === 'gini') return 1 - p * p - q * q;
	return (p > 0 ? -p * Math.log(p) / Math.LN2 : 0) + (q > 0 ? -q * Math.log(q) / Math.LN2 : 0);
}

function bruteGrow(points: LabelledPoint[], indices: number[], depth: number, o: TreeOptions): BruteNode {
	const labels = indices.map((i) => points[i][2]);
	const ones = labels.filter((c) => c === 1).length;
	const node: BruteNode = { prediction: ones > labels.length - ones ? 1 : 0, split: null };
	if (ones === 0 || ones === labels.length || depth >= o.maxDepth || indices.length < 2 * o.minLeaf) return node;
	const parent = bruteImpurity(o.criterion, labels);
	let best: { feature: 0 | 1; threshold: number; gain: number } | null = null;
	for (const feature of [0, 1] as const) {
		const values = [...new Set(indices.map((i) => points[i][feature]))].sort((a, b) => a - b);
		for (let k = 0; k + 1 < values.length; k++) {
			const threshold = values[k] + (values[k + 1] - values[k]) / 2;
			const left = indices.filter((i) => points[i][feature] <= threshold).map((i) => points[i][2]);
			const right = indices.filter((i) => points[i][feature] > threshold).map((i) => points[i][2]);
			if (left.length < o.minLeaf || right.length < o.minLeaf) continue;
			const n = indices.length;
			const gain = parent - (left.length / n) * bruteImpurity(o.criterion, left) - (right.length / n) * bruteImpurity(o.criterion, right);
			if (gain > 1e-12 && (best === null || gain > best.gain + 1e-12)) best = { feature, threshold, gain };
		}
	}
	if (!best) return node;
	const f = best.feature;
	node.split = { feature: f, threshold: best.threshold };
	node.left = bruteGrow(points, indices.filter((i) => points[i][f] <= best.threshold), depth + 1, o);
	node.right = bruteGrow(points, indices.filter((i) => points[i][f] > best.threshold), depth + 1, o);
	return node;
}

function brutePredict(node: BruteNode, p: readonly number[]): 0 | 1 {
	while (node.split) node = p[node.split.feature] <= node.split.threshold ? node.left! : node.right!;
	return node.prediction;
}

/** Walks both trees together: the same split at every node, the same leaves. */
function expectSameTree(tree: Tree, id: number, brute: BruteNode) {
	const node = tree.nodes[id];
	expect(node.prediction).toBe(brute.prediction);
	if (!brute.split) {
		expect(node.children).toBeNull();
		return;
	}
	expect(node.split?.feature).toBe(brute.split.feature);
	expect(node.split?.threshold).toBe(brute.split.threshold);
	expectSameTree(tree, node.children![0], brute.left!);
	expectSameTree(tree, node.children![1], brute.right!);
}

describe('decision tree: impurities and gains', () => {
	it('entropy of a node of 9 positives and 5 negatives is 0.940 bits; Gini is 1 − (81 + 25)/196', () => {
		expectClose(entropy(9 / 14), 0.9403, { abs: 5e-5 });
		expectClose(entropyOfCounts([9, 5]), entropy(9 / 14), { abs: 1e-15 });
		expectClose(gini(9 / 14), 90 / 196, { abs: 1e-15 });
		expect(entropy(0)).toBe(0);
		expect(entropy(1)).toBe(0);
		expect(entropy(0.5)).toBe(1);
		expect(gini(0.5)).toBe(0.5);
	});

	it('play tennis: outlook gains 0.246 bits, humidity 0.151, wind 0.048', () => {
		// Outlook: sunny 2 yes / 3 no, overcast 4 / 0, rain 3 / 2 (a three-way split).
		const outlook = entropyOfCounts([9, 5]) - (5 / 14) * entropyOfCounts([2, 3]) - (4 / 14) * entropyOfCounts([4, 0]) - (5 / 14) * entropyOfCounts([3, 2]);
		expectClose(outlook, 0.2467, { abs: 5e-5 });
		// Humidity: high 3 yes of 7, normal 6 of 7. Wind: weak 6 of 8, strong 3 of 6.
		expectClose(gainOf('entropy', 14, 9, 7, 3), 0.1518, { abs: 5e-5 });
		expectClose(gainOf('entropy', 14, 9, 8, 6), 0.0481, { abs: 5e-5 });
		// Gini decrease of the wind split by hand: 90/196 − (8/14)(2·6/8·2/8) − (6/14)(2·½·½).
		expectClose(gainOf('gini', 14, 9, 8, 6), 90 / 196 - (8 / 14) * 0.375 - (6 / 14) * 0.5, { abs: 1e-15 });
	});

	it('evaluateNode lists every midpoint with its gain, and picks the best allowed one', () => {
		const points: LabelledPoint[] = [[1, 0, 0], [2, 0, 0], [3, 0, 1], [4, 0, 1]];
		const all = [0, 1, 2, 3];
		const { candidates, best } = evaluateNode(points, all, 'entropy', 1);
		expect(Array.from(candidates[0].thresholds)).toEqual([1.5, 2.5, 3.5]);
		// 1.5: left pure A; right 1 A + 2 B → 1 − ¾ · H(⅔) = 0.3113.
		expectClose(candidates[0].gains[0], 1 - 0.75 * entropy(2 / 3), { abs: 1e-12 });
		expectClose(candidates[0].gains[1], 1, { abs: 1e-12 });
		expect(candidates[1].thresholds).toHaveLength(0);
		expect(best).toMatchObject({ feature: 0, threshold: 2.5 });
		expectClose(best!.informationGain, 1, { abs: 1e-12 });
		expectClose(best!.giniDecrease, 0.5, { abs: 1e-12 });
		// With leaves of at least 3 points, no split of 4 points is allowed.
		expect(evaluateNode(points, all, 'entropy', 3).best).toBeNull();
	});
});

describe('decision tree: growth', () => {
	const cases: [string, LabelledPoint[], TreeOptions][] = [
		['overlapping clouds, entropy, depth 5', presetPoints('blobs', 1), { criterion: 'entropy', maxDepth: 5, minLeaf: 1 }],
		['checkerboard, Gini, depth 6, leaves ≥ 4', presetPoints('xor', 2), { criterion: 'gini', maxDepth: 6, minLeaf: 4 }],
		['diagonal, entropy, depth 10', presetPoints('diagonal', 3), { criterion: 'entropy', maxDepth: 10, minLeaf: 1 }],
		[
			'coarse grid with repeated values',
			Array.from({ length: 80 }, (_, i): LabelledPoint => {
				const rng = createRng(7).fork(i);
				const [x, y] = [rng.int(5), rng.int(5)];
				return [x, y, (x + y + (rng.next() < 0.2 ? 1 : 0)) % 2 as 0 | 1];
			}),
			{ criterion: 'entropy', maxDepth: 4, minLeaf: 2 }
		]
	];
	for (const [name, points, options] of cases) {
		it(`grows the same tree as a brute-force recursive builder (${name})`, () => {
			const tree = growTree(points, options);
			const brute = bruteGrow(points, points.map((_, i) => i), 0, options);
			expectSameTree(tree, 0, brute);
			const rng = createRng(11);
			for (let k = 0; k < 300; k++) {
				const q = [rng.uniform(-3, 5), rng.uniform(-3, 5)];
				expect(predict(tree, q)).toBe(brutePredict(brute, q));
			}
		});
	}

	it('each step splits one node, breadth first, and never grows past the depth limit', () => {
		const points = presetPoints('blobs', 4);
		const options: TreeOptions = { criterion: 'entropy', maxDepth: 3, minLeaf: 1 };
		let tree = startTree(points, options);
		let last = -1;
		while (tree.next) {
			const depth = tree.nodes[tree.next.id].depth;
			expect(depth).toBeGreaterThanOrEqual(last);
			last = depth;
			const before = tree.splits;
			tree = splitNext(tree, points, options);
			expect(tree.splits).toBe(before + 1);
		}
		expect(Math.max(...tree.nodes.map((n) => n.depth))).toBeLessThanOrEqual(3);
		expect(tree.nodes.filter((n) => !n.children).every((n) => n.leaf !== null)).toBe(true);
	});

	it('a deep tree read down to depth d predicts like a tree grown with max depth d', () => {
		const points = presetPoints('diagonal', 5);
		const deep = growTree(points, { criterion: 'gini', maxDepth: 10, minLeaf: 1 });
		for (const d of [1, 2, 4]) {
			const shallow = growTree(points, { criterion: 'gini', maxDepth: d, minLeaf: 1 });
			for (const p of points) expect(predict(deep, p, d)).toBe(predict(shallow, p));
		}
	});

	it('accuracy against depth: training accuracy never falls and reaches 100%; on fresh points the deepest tree is worse than the best', () => {
		const train = presetPoints('blobs', 1);
		const test = presetPoints('blobs', 1, 'test');
		const curve = runNow(depthCurveJob(train, test, 'entropy', 1));
		expect(curve.depths).toHaveLength(CURVE_MAX_DEPTH + 1);
		for (let d = 1; d < curve.train.length; d++) expect(curve.train[d]).toBeGreaterThanOrEqual(curve.train[d - 1]);
		expect(curve.train.at(-1)).toBe(1);
		expect(curve.test!.at(-1)!).toBeLessThan(Math.max(...curve.test!));
		const grown = growTree(train, { criterion: 'entropy', maxDepth: 3, minLeaf: 1 });
		expect(curve.test![3]).toBe(accuracy(grown, test));
		expect(runNow(depthCurveJob(train, null, 'entropy', 1)).test).toBeNull();
	});
});

describe('decision tree: degenerate input', () => {
	const options: TreeOptions = { criterion: 'entropy', maxDepth: 4, minLeaf: 1 };
	it('one class only: the root is pure and nothing is split', () => {
		const tree = startTree([[0, 0, 1], [1, 2, 1], [3, 1, 1]], options);
		expect(tree.next).toBeNull();
		expect(tree.nodes[0].leaf).toBe('pure');
		expect(tree.nodes[0].prediction).toBe(1);
	});

	it('all points at one place: no candidate thresholds, a leaf without gain', () => {
		const tree = startTree([[1, 1, 0], [1, 1, 1], [1, 1, 0]], options);
		expect(tree.next).toBeNull();
		expect(tree.nodes[0].leaf).toBe('no-gain');
		const { candidates } = evaluateNode([[1, 1, 0], [1, 1, 1]], [0, 1], 'entropy', 1);
		expect(candidates[0].thresholds.length + candidates[1].thresholds.length).toBe(0);
	});

	it('every candidate with zero gain (a symmetric checkerboard of four points) leaves the root whole', () => {
		const tree = startTree([[0, 0, 0], [1, 1, 0], [0, 1, 1], [1, 0, 1]], options);
		expect(tree.nodes[0].leaf).toBe('no-gain');
	});

	it('fewer than 2 × min-leaf points, and no points at all', () => {
		expect(startTree([[0, 0, 0], [1, 1, 1], [2, 2, 0]], { ...options, minLeaf: 2 }).nodes[0].leaf).toBe('too-few');
		const empty = startTree([], options);
		expect(empty.next).toBeNull();
		expect(accuracy(empty, [])).toBeNull();
		expect(Number.isNaN(entropy(0 / 0))).toBe(false);
	});
});

describe('decision tree: tensors', () => {
	it('growing trees leaves tf.memory().numTensors flat', () => {
		const points = presetPoints('xor', 9);
		growTree(points, { criterion: 'entropy', maxDepth: 3, minLeaf: 1 });
		const before = tf.memory().numTensors;
		growTree(points, { criterion: 'gini', maxDepth: 8, minLeaf: 1 });
		runNow(depthCurveJob(points, null, 'entropy', 2));
		expect(tf.memory().numTensors).toBe(before);
	});
});
