import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import type { LabelledPoint } from '$lib/common/geometry';
import { runNow } from '$lib/common/slices';
import { createRng } from '$lib/engine/rng';
import {
	boundsOf,
	bootstrap,
	columnsOf,
	deepTree,
	Ensembles,
	errorOf,
	GRID,
	gridPoints,
	growTree,
	labelsOf,
	pointAt,
	presetPoints,
	startingLogOdds,
	TEST_SIZE,
	treeValue,
	treeVote,
	varianceJob,
	varianceOf,
	VARIANCE_FOREST,
	VARIANCE_ROUNDS,
	type EnsembleSettings
} from '$lib/concepts/random-forest/sim';
import { expectClose } from '../helpers/close';

// ——— An independent tree, written plainly: recursion, direct sums of squares, no shortcuts ———

interface RefNode {
	value: number;
	split?: { feature: 0 | 1; threshold: number; left: RefNode; right: RefNode };
}

const sse = (values: number[]) => {
	if (values.length === 0) return 0;
	const mean = values.reduce((s, v) => s + v, 0) / values.length;
	return values.reduce((s, v) => s + (v - mean) ** 2, 0);
};

/** Grows on a multiset of indices; both features tried (x first), ties to the first and lowest threshold. */
function refGrow(points: readonly LabelledPoint[], target: readonly number[], hessian: readonly number[] | null, indices: number[], depth: number, maxDepth: number): RefNode {
	const sum = indices.reduce((s, i) => s + target[i], 0);
	const weight = indices.reduce((s, i) => s + (hessian ? hessian[i] : 1), 0);
	const node: RefNode = { value: weight > 1e-12 ? sum / weight : 0 };
	if (depth >= maxDepth || indices.length < 2 || indices.every((i) => target[i] === target[indices[0]])) return node;
	const parent = sse(indices.map((i) => target[i]));
	let best: { feature: 0 | 1; threshold: number; gain: number } | null = null;
	for (const feature of [0, 1] as const) {
		const values = [...new Set(indices.map((i) => points[i][feature]))].sort((a, b) => a - b);
		for (let k = 0; k + 1 < values.length; k++) {
			const threshold = values[k] + (values[k + 1] - values[k]) / 2;
			const left = indices.filter((i) => points[i][feature] <= threshold).map((i) => target[i]);
			const right = indices.filter((i) => points[i][feature] > threshold).map((i) => target[i]);
			const gain = parent - sse(left) - sse(right);
			if (gain > 1e-10 && (best === null || gain > best.gain + 1e-10)) best = { feature, threshold, gain };
		}
	}
	if (!best) return node;
	const { feature, threshold } = best;
	node.split = {
		feature,
		threshold,
		left: refGrow(points, target, hessian, indices.filter((i) => points[i][feature] <= threshold), depth + 1, maxDepth),
		right: refGrow(points, target, hessian, indices.filter((i) => points[i][feature] > threshold), depth + 1, maxDepth)
	};
	return node;
}

function refValue(node: RefNode, x: number, y: number): number {
	while (node.split) node = (node.split.feature === 0 ? x : y) <= node.split.threshold ? node.split.left : node.split.right;
	return node.value;
}

const refVote = (node: RefNode, x: number, y: number) => (refValue(node, x, y) > 0.5 ? 1 : 0);
const logistic = (z: number) => 1 / (1 + Math.exp(-z));

function moons(seed = 1, n = 120, noise = 0.1) {
	const train = presetPoints('moons', n, noise, seed);
	const test = presetPoints('moons', TEST_SIZE, noise, seed, 'test');
	return { train, test, grid: gridPoints(boundsOf(train), GRID) };
}

const settings = (over: Partial<EnsembleSettings> = {}): EnsembleSettings => ({ featuresPerSplit: 2, forestDepth: 20, boostDepth: 2, learningRate: 0.1, ...over });

describe('random forest: trees', () => {
	it('the deep tree agrees with an independent recursive tree at every grid and test point, and fits distinct points exactly', () => {
		const { train, test, grid } = moons(4);
		const tree = deepTree(train);
		const ref = refGrow(train, train.map((p) => p[2]), null, train.map((_, i) => i), 0, Infinity);
		for (let i = 0; i < grid.xs.length; i++) expect(treeVote(tree, grid.xs[i], grid.ys[i])).toBe(refVote(ref, grid.xs[i], grid.ys[i]));
		for (const p of test) expect(treeVote(tree, p[0], p[1])).toBe(refVote(ref, p[0], p[1]));
		expect(errorOf((x, y) => treeVote(tree, x, y), train)).toBe(0);
		expect(tree.leaves).toBe(tree.feature.filter((f) => f < 0).length);
	});

	it('on 0/1 labels the chosen root split is the one with the largest Gini decrease, counted class by class', () => {
		const { train } = moons(7, 80);
		const tree = deepTree(train);
		const gini = (list: LabelledPoint[]) => {
			if (!list.length) return 0;
			const p = list.filter((q) => q[2] === 1).length / list.length;
			return 1 - p * p - (1 - p) * (1 - p);
		};
		let best = { gain: -1, feature: -1, threshold: 0 };
		for (const f of [0, 1]) {
			const values = [...new Set(train.map((p) => p[f]))].sort((a, b) => a - b);
			for (let k = 0; k + 1 < values.length; k++) {
				const t = (values[k] + values[k + 1]) / 2;
				const [l, r] = [train.filter((p) => p[f] <= t), train.filter((p) => p[f] > t)];
				const gain = gini(train) - (l.length / train.length) * gini(l) - (r.length / train.length) * gini(r);
				if (gain > best.gain + 1e-12) best = { gain, feature: f, threshold: t };
			}
		}
		expect(tree.feature[0]).toBe(best.feature);
		expect(tree.threshold[0]).toBe(best.threshold);
	});

	it('a depth limit holds, and one feature per split uses both features across a forest', () => {
		const { train } = moons(2);
		const columns = columnsOf(train);
		const rng = createRng(5);
		const used = new Set<number>();
		for (let t = 0; t < 10; t++) {
			const tree = growTree(columns, labelsOf(train), null, bootstrap(train.length, rng), { maxDepth: 3, minLeaf: 1, featuresPerSplit: 1, rng });
			expect(tree.depth).toBeLessThanOrEqual(3);
			tree.feature.filter((f) => f >= 0).forEach((f) => used.add(f));
		}
		expect([...used].sort()).toEqual([0, 1]);
	});

	it('a bootstrap sample leaves out about (1 − 1/n)ⁿ ≈ 36.6% of the points', () => {
		const n = 200;
		const rng = createRng(11);
		let out = 0;
		const trials = 400;
		for (let t = 0; t < trials; t++) {
			const seen = new Set(bootstrap(n, rng));
			out += (n - seen.size) / n;
		}
		expectClose(out / trials, (1 - 1 / n) ** n, { abs: 0.005 });
	});

	it('degenerate sets give plain leaves: one class, all points in one place, nothing to split', () => {
		const one: LabelledPoint[] = [[0, 0, 1], [1, 2, 1], [2, 1, 1]];
		const tree = deepTree(one);
		expect(tree.leaves).toBe(1);
		expect(treeValue(tree, 5, 5)).toBe(1);
		const same: LabelledPoint[] = [[1, 1, 0], [1, 1, 1], [1, 1, 1]];
		const flat = deepTree(same);
		expect(flat.leaves).toBe(1);
		expectClose(treeValue(flat, 0, 0), 2 / 3, { abs: 1e-15 });
		expect(Number.isFinite(startingLogOdds(one))).toBe(true);
		expect(Number.isFinite(startingLogOdds([]))).toBe(true);
	});
});

describe('random forest: the ensembles against an independent implementation', () => {
	it('bagging (both features): every tree, the vote shares, the test error and the out-of-bag error match', () => {
		const { train, test, grid } = moons(3);
		const ensembles = new Ensembles(train, test, grid, settings({ featuresPerSplit: 2, forestDepth: 6 }), createRng(9));
		const labels = train.map((p) => p[2]);
		const refs: RefNode[] = [];
		let result = null;
		for (let t = 0; t < 12; t++) {
			result = ensembles.step();
			refs.push(refGrow(train, labels, null, [...ensembles.samples[t]], 0, 6));
		}
		// The trees.
		for (let t = 0; t < refs.length; t++)
			for (let i = 0; i < grid.xs.length; i += 7) expect(treeVote(ensembles.forestTrees[t], grid.xs[i], grid.ys[i])).toBe(refVote(refs[t], grid.xs[i], grid.ys[i]));
		// The forest's share over the grid.
		for (let i = 0; i < grid.xs.length; i++) {
			const share = refs.reduce((s, r) => s + refVote(r, grid.xs[i], grid.ys[i]), 0) / refs.length;
			expectClose(ensembles.forestShareGrid[i], share, { abs: 1e-6 });
		}
		// Test error: B when more than half the trees vote B.
		const forestSays = (x: number, y: number) => (refs.reduce((s, r) => s + refVote(r, x, y), 0) / refs.length > 0.5 ? 1 : 0);
		expect(result!.forestTestError).toBe(errorOf(forestSays, test));
		expect(result!.forestTrainError).toBe(errorOf(forestSays, train));
		// Out-of-bag: each point scored only by the trees whose sample left it out.
		let [wrong, covered] = [0, 0];
		train.forEach((p, i) => {
			const out = refs.filter((_, t) => !ensembles.samples[t].includes(i));
			if (!out.length) return;
			covered++;
			const share = out.reduce((s, r) => s + refVote(r, p[0], p[1]), 0) / out.length;
			if ((share > 0.5 ? 1 : 0) !== p[2]) wrong++;
		});
		expect(result!.oobCovered).toBe(covered);
		expect(result!.oobError).toBe(wrong / covered);
		ensembles.dispose();
	});

	it('boosting: a hand case of one stump, leaves ∓2 by the Newton step, P(B) = σ(±2)', () => {
		const train: LabelledPoint[] = [[0, 0, 0], [1, 0, 0], [2, 0, 1], [3, 0, 1]];
		const grid = { xs: Float64Array.from([-1, 5]), ys: Float64Array.from([0, 0]) };
		const ensembles = new Ensembles(train, [], grid, settings({ boostDepth: 1, learningRate: 1 }), createRng(1));
		expect(ensembles.initialLogOdds).toBe(0);
		const result = ensembles.step();
		// Residuals ∓½ and p(1 − p) = ¼ in each leaf of two: (−½ − ½) / (¼ + ¼) = −2.
		expect(ensembles.boostTrees[0].threshold[0]).toBe(1.5);
		expectClose(ensembles.boostGrid[0], logistic(-2), { abs: 1e-6 });
		expectClose(ensembles.boostGrid[1], logistic(2), { abs: 1e-6 });
		expect(result.boostTrainError).toBe(0);
		expect(result.boostTestError).toBeNull();
		ensembles.dispose();
	});

	it('boosting matches an independent float64 implementation over 25 rounds', () => {
		const { train, test, grid } = moons(5);
		const lr = 0.3;
		const ensembles = new Ensembles(train, test, grid, settings({ boostDepth: 3, learningRate: lr }), createRng(2));
		const y = train.map((p) => p[2]);
		const share = y.reduce((s, v) => s + v, 0) / y.length;
		const f0 = Math.log(share / (1 - share));
		const F = train.map(() => f0);
		const Ftest = test.map(() => f0);
		const all = train.map((_, i) => i);
		let result = null;
		for (let round = 0; round < 25; round++) {
			result = ensembles.step();
			const p = F.map(logistic);
			const ref = refGrow(train, y.map((v, i) => v - p[i]), p.map((q) => q * (1 - q)), all, 0, 3);
			train.forEach((q, i) => (F[i] += lr * refValue(ref, q[0], q[1])));
			test.forEach((q, i) => (Ftest[i] += lr * refValue(ref, q[0], q[1])));
		}
		let largest = 0;
		test.forEach((_, i) => (largest = Math.max(largest, Math.abs(ensembles.boostProbability[train.length + i] - logistic(Ftest[i])))));
		expect(largest).toBeLessThan(1e-3);
		const refError = test.filter((q, i) => (Ftest[i] > 0 ? 1 : 0) !== q[2]).length / test.length;
		expect(Math.abs(result!.boostTestError! - refError)).toBeLessThanOrEqual(2 / test.length);
		ensembles.dispose();
	});

	it('the same seed grows the same forest; the forest beats the deep tree on moons after 100 trees', () => {
		const { train, test, grid } = moons(1, 200);
		const run = () => {
			const e = new Ensembles(train, test, grid, settings({ featuresPerSplit: 1 }), createRng(4));
			let last = null;
			for (let t = 0; t < 100; t++) last = e.step();
			e.dispose();
			return last!;
		};
		const [a, b] = [run(), run()];
		expect(a).toEqual(b);
		const tree = deepTree(train);
		expect(a.forestTestError!).toBeLessThan(errorOf((x, y) => treeVote(tree, x, y), test)!);
		expect(a.oobCovered).toBe(train.length);
		// With 100 trees the out-of-bag error is within a few points of the test error.
		expect(Math.abs(a.oobError! - a.forestTestError!)).toBeLessThan(0.05);
	});

	it('one class only: every error is 0 and finite, boosting stays finite', () => {
		const train: LabelledPoint[] = [[0, 0, 0], [1, 1, 0], [2, 0, 0]];
		const e = new Ensembles(train, [[1, 2, 0]], { xs: Float64Array.from([0]), ys: Float64Array.from([0]) }, settings(), createRng(1));
		for (let t = 0; t < 5; t++) {
			const r = e.step();
			expect([r.forestTrainError, r.forestTestError, r.boostTrainError, r.boostTestError]).toEqual([0, 0, 0, 0]);
		}
		expect(Array.from(e.boostProbability).every(Number.isFinite)).toBe(true);
		e.dispose();
	});
});

describe('random forest: variance at a point', () => {
	it('votes of 0 and 1 have variance p(1 − p); the forest’s share varies far less than the deep tree’s vote', () => {
		expectClose(varianceOf([1, 0, 0, 1, 1]), 0.6 * 0.4, { abs: 1e-15 });
		const train = presetPoints('moons', 200, 0.1, 1);
		const probe = pointAt(boundsOf(train), 0.5, 0.5);
		const result = runNow(varianceJob((r) => presetPoints('moons', 200, 0.1, 1, `variance-${r}`), probe, { featuresPerSplit: 1, forestDepth: 20 }, createRng(3), 'fresh'));
		expect(result.treeVotes).toHaveLength(VARIANCE_ROUNDS);
		expect(result.forestShares).toHaveLength(VARIANCE_ROUNDS);
		const p = result.treeVotes.filter((v) => v === 1).length / VARIANCE_ROUNDS;
		expectClose(result.treeVariance, p * (1 - p), { abs: 1e-12 });
		expect(result.forestShares.every((s) => s >= 0 && s <= 1 && Math.abs(s * VARIANCE_FOREST - Math.round(s * VARIANCE_FOREST)) < 1e-9)).toBe(true);
		expect(result.forestVariance).toBeLessThan(result.treeVariance / 2);
		// The rounds' deep trees, refitted independently, vote the same.
		for (const r of [0, 5, 17]) {
			const points = presetPoints('moons', 200, 0.1, 1, `variance-${r}`);
			const ref = refGrow(points, points.map((q) => q[2]), null, points.map((_, i) => i), 0, Infinity);
			expect(result.treeVotes[r]).toBe(refVote(ref, ...probe));
		}
	});
});

describe('random forest: tensors', () => {
	it('growing, stepping and disposing the ensembles leaves tf.memory().numTensors flat', () => {
		const { train, test, grid } = moons(6, 60);
		const work = () => {
			const e = new Ensembles(train, test, grid, settings({ featuresPerSplit: 1 }), createRng(1));
			for (let t = 0; t < 5; t++) e.step();
			e.dispose();
		};
		work();
		const before = tf.memory().numTensors;
		work();
		expect(tf.memory().numTensors).toBe(before);
		const own = new Ensembles(train, [], grid, settings(), createRng(2));
		const during = tf.memory().numTensors;
		for (let t = 0; t < 5; t++) own.step();
		expect(tf.memory().numTensors).toBe(during);
		own.dispose();
		expect(tf.memory().numTensors).toBe(before);
	});
});
