import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import type { LabelledPoint } from '$lib/common/geometry';
import { runNow } from '$lib/common/slices';
import { createRng } from '$lib/engine/rng';
import { assertNoTensorLeak } from '$lib/engine/leaks';
import {
	chooseNext,
	comparisonJob,
	entropyOf,
	featureCount,
	featuresOf,
	fitJob,
	fitSetsJob,
	leastConfidence,
	margin,
	presetPoints,
	problemOf,
	queryScore,
	scalingOf,
	startingLabels,
	uncertainty,
	type FeatureMap,
	type Strategy
} from '$lib/concepts/active-learning/sim';
import { ActiveRun } from '$lib/concepts/active-learning/run.svelte';
import { schema, type ActiveParams } from '$lib/concepts/active-learning/params';
import { meta } from '$lib/concepts/active-learning/meta';
import { Services } from '$lib/widget/runs.svelte';
import { defaultValues } from '$lib/widget/schema';
import { expectAllClose, expectClose } from '../helpers/close';

const UNCERTAIN: Exclude<Strategy, 'random'>[] = ['least', 'margin', 'entropy'];

// ——— Independent references in plain float64: no tensors, no code from sim.ts ———

/** Binary logistic regression by Newton's method: min mean log-loss + (μ/2)‖v‖², on rows of x. */
function newtonLogistic(x: number[][], y: number[], mu: number): number[] {
	const d = x[0].length;
	const m = x.length;
	let v = new Array(d).fill(0);
	for (let it = 0; it < 50; it++) {
		const g = v.map((vj) => mu * vj);
		const h = Array.from({ length: d }, (_, r) => Array.from({ length: d }, (_, c) => (r === c ? mu : 0)));
		for (let i = 0; i < m; i++) {
			const z = x[i].reduce((s, xj, j) => s + xj * v[j], 0);
			const p = 1 / (1 + Math.exp(-z));
			for (let r = 0; r < d; r++) {
				g[r] += ((p - y[i]) * x[i][r]) / m;
				for (let c = 0; c < d; c++) h[r][c] += (p * (1 - p) * x[i][r] * x[i][c]) / m;
			}
		}
		v = v.map((vj, j) => vj - solve(h, g)[j]);
	}
	return v;
}

/** Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
	const n = b.length;
	const m = a.map((row, i) => [...row, b[i]]);
	for (let c = 0; c < n; c++) {
		let pivot = c;
		for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
		[m[c], m[pivot]] = [m[pivot], m[c]];
		for (let r = c + 1; r < n; r++) {
			const f = m[r][c] / m[c][c];
			for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
		}
	}
	const out = new Array(n).fill(0);
	for (let r = n - 1; r >= 0; r--) out[r] = (m[r][n] - m[r].slice(r + 1, n).reduce((s, a, j) => s + a * out[r + 1 + j], 0)) / m[r][r];
	return out;
}

/** Plain softmax regression: probabilities of each row under weights w[j][k]. */
function softmaxProbabilities(x: number[][], w: number[][], classes: number): number[][] {
	return x.map((row) => {
		const z = Array.from({ length: classes }, (_, k) => row.reduce((s, xj, j) => s + xj * w[j][k], 0));
		const top = Math.max(...z);
		const e = z.map((zk) => Math.exp(zk - top));
		const sum = e.reduce((a, b) => a + b, 0);
		return e.map((ek) => ek / sum);
	});
}

/** Gradient of mean cross-entropy + (λ/2)‖W‖², in float64. */
function softmaxGradient(x: number[][], y: number[], w: number[][], classes: number, lambda: number): number[][] {
	const p = softmaxProbabilities(x, w, classes);
	return w.map((row, j) => row.map((wjk, k) => lambda * wjk + x.reduce((s, xi, i) => s + (xi[j] * (p[i][k] - (y[i] === k ? 1 : 0))) / x.length, 0)));
}

/** Plain gradient descent on the same objective, many small steps. */
function gradientDescentSoftmax(x: number[][], y: number[], classes: number, lambda: number, steps: number, rate: number): number[][] {
	let w = Array.from({ length: x[0].length }, () => new Array(classes).fill(0));
	for (let s = 0; s < steps; s++) {
		const g = softmaxGradient(x, y, w, classes, lambda);
		w = w.map((row, j) => row.map((wjk, k) => wjk - rate * g[j][k]));
	}
	return w;
}

const rowsOf = (flat: Float32Array, d: number): number[][] => Array.from({ length: flat.length / d }, (_, i) => Array.from(flat.subarray(i * d, (i + 1) * d)));
const weightsOf = (flat: Float32Array, d: number, classes: number): number[][] => Array.from({ length: d }, (_, j) => Array.from(flat.subarray(j * classes, (j + 1) * classes)));

describe('query scores', () => {
	it('match hand-computed values: least confidence 1 − max p, margin p1 − p2, entropy −Σ p ln p', () => {
		const p = [0.2, 0.5, 0.3];
		expectClose(leastConfidence(p), 0.5);
		expectClose(margin(p), 0.2);
		// 0.5 ln 2 + 0.3 ln(10/3) + 0.2 ln 5 = 0.346574 + 0.361192 + 0.321888
		expectClose(entropyOf(p), 1.0296530, { abs: 1e-6 });
		expectClose(leastConfidence([0.6, 0.4]), 0.4);
		expectClose(margin([0.6, 0.4]), 0.2);
		// 0.6 ln(5/3) + 0.4 ln(5/2) = 0.306495 + 0.366516
		expectClose(entropyOf([0.6, 0.4]), 0.6730117, { abs: 1e-6 });
		expect(entropyOf([1, 0, 0])).toBe(0);
		expect(margin([1])).toBe(1);
	});

	it('scale to 1 for equal probabilities and 0 for a sure point, whatever the strategy', () => {
		for (const s of ['random', ...UNCERTAIN] as Strategy[]) {
			expectClose(uncertainty(s, [1 / 3, 1 / 3, 1 / 3]), 1);
			expectClose(uncertainty(s, [0.5, 0.5]), 1);
			expectClose(uncertainty(s, [1, 0, 0]), 0);
		}
		expect(uncertainty('entropy', [1])).toBe(0);
	});

	it('with two classes, all three rank any set of points the same way', () => {
		const rng = createRng(7);
		const ps = Array.from({ length: 300 }, () => rng.next());
		const order = (s: Exclude<Strategy, 'random'>) => [...ps.keys()].sort((a, b) => queryScore(s, [1 - ps[b], ps[b]]) - queryScore(s, [1 - ps[a], ps[a]]) || a - b);
		const reference = [...ps.keys()].sort((a, b) => Math.abs(ps[a] - 0.5) - Math.abs(ps[b] - 0.5) || a - b);
		for (const s of UNCERTAIN) expect(order(s)).toEqual(reference);
		const flat = Float64Array.from(ps.flatMap((p) => [1 - p, p]));
		const picks = UNCERTAIN.map((s) => chooseNext(s, flat, 2, new Set([0, 5]), createRng(1)));
		expect(new Set(picks).size).toBe(1);
	});

	it('with three classes they can disagree: hand-made points where each strategy picks another', () => {
		// (0.5, 0.5, 0): margin 0; (0.4, 0.3, 0.3): least confidence 0.6, entropy 1.089 > ln 2.
		const a = Float64Array.from([0.5, 0.5, 0, 0.4, 0.3, 0.3]);
		expect(UNCERTAIN.map((s) => chooseNext(s, a, 3, new Set(), createRng(1)))).toEqual([1, 0, 1]);
		// (0.48, 0.26, 0.26): entropy 1.053; (0.46, 0.46, 0.08): least confidence 0.54, entropy 0.916.
		const b = Float64Array.from([0.48, 0.26, 0.26, 0.46, 0.46, 0.08]);
		expect(UNCERTAIN.map((s) => chooseNext(s, b, 3, new Set(), createRng(1)))).toEqual([1, 1, 0]);
	});

	it('never pick a labelled point; random draws from the rng; nothing is left once all are labelled', () => {
		const p = Float64Array.from({ length: 10 }, () => 0.5);
		expect(chooseNext('margin', p, 2, new Set([0, 1, 2]), createRng(1))).toBe(3);
		const draws = Array.from({ length: 50 }, (_, i) => chooseNext('random', p, 2, new Set([1, 3]), createRng(i)));
		expect(draws.every((d) => d !== null && d !== 1 && d !== 3)).toBe(true);
		expect(new Set(draws).size).toBe(3);
		expect(chooseNext('random', p, 2, new Set([0, 1, 2, 3, 4]), createRng(1))).toBeNull();
	});
});

describe('the model fit', () => {
	const pool = presetPoints('moons', 3);
	const labelled = startingLabels(pool, 2, createRng(4), 6);

	for (const map of ['linear', 'rbf'] as FeatureMap[]) {
		it(`two classes (${map}): the TF.js fit matches Newton's method on binary logistic regression`, () => {
			const problem = problemOf(pool, pool, map);
			const d = featureCount(map);
			const x = labelled.flatMap((i) => Array.from(problem.poolFeatures.subarray(i * d, (i + 1) * d)));
			const y = labelled.map((i) => pool[i][2]);
			const weights = runNow(fitJob(Float32Array.from(x), y, { batch: 1, m: labelled.length, d, classes: 2 }, null, 3000));
			// Softmax with two classes and an L2 penalty λ on both columns is logistic regression on v = w₁ − w₀ with penalty λ/4.
			const v = newtonLogistic(rowsOf(Float32Array.from(x), d), y, 0.01 / 2);
			const w = weightsOf(weights, d, 2);
			expectAllClose(w.map((row) => row[1] - row[0]), v, { abs: 2e-3, rel: 2e-3 });
			const rows = rowsOf(problem.poolFeatures, d);
			const p = softmaxProbabilities(rows, w, 2).map((q) => q[1]);
			const reference = rows.map((r) => 1 / (1 + Math.exp(-r.reduce((s, xj, j) => s + xj * v[j], 0))));
			expectAllClose(p, reference, { abs: 1e-3, rel: 0 });
		});
	}

	it('three classes: the TF.js fit matches plain gradient descent, and its gradient (in float64) is near zero', () => {
		const three = presetPoints('three', 2);
		const set = startingLabels(three, 3, createRng(9), 4);
		const problem = problemOf(three, three, 'linear');
		const d = 3;
		const x = set.map((i) => Array.from(problem.poolFeatures.subarray(i * d, (i + 1) * d)));
		const y = set.map((i) => three[i][2]);
		const weights = runNow(fitJob(Float32Array.from(x.flat()), y, { batch: 1, m: set.length, d, classes: 3 }, null, 2000));
		const w = weightsOf(weights, d, 3);
		const gradient = softmaxGradient(x, y, w, 3, 0.01).flat();
		expect(Math.max(...gradient.map(Math.abs))).toBeLessThan(1e-4);
		const reference = gradientDescentSoftmax(x, y, 3, 0.01, 30000, 0.3);
		expectAllClose(softmaxProbabilities(x, w, 3).flat(), softmaxProbabilities(x, reference, 3).flat(), { abs: 1e-3, rel: 0 });
	});

	it('a batch of problems is fitted as each alone would be', () => {
		const problem = problemOf(pool, pool, 'rbf');
		const sets = [labelled.slice(0, 6), labelled.slice(3, 9), labelled.slice(6, 12)];
		const together = runNow(fitSetsJob(problem, sets, null));
		sets.forEach((set, b) => {
			const alone = runNow(fitSetsJob(problem, [set], null));
			expectAllClose(together.poolProbabilities[b], alone.poolProbabilities[0], { abs: 1e-4, rel: 0 });
			expect(together.accuracy[b]).toBe(alone.accuracy[0]);
		});
	});

	it('features: standardised coordinates and RBF bumps as defined', () => {
		const points: LabelledPoint[] = [[0, 0, 0], [2, 4, 1]];
		const scaling = scalingOf(points);
		expect(scaling).toEqual({ mean: [1, 2], sd: [1, 2] });
		const f = featuresOf('rbf', scaling, [[1, 2]]);
		expect(Array.from(f.subarray(0, 3))).toEqual([1, 0, 0]);
		// Centre (0, 0) is the 13th of the 5 × 5 grid from (−2, −2); centre (1, 0) is the 14th.
		expectClose(f[3 + 12], 1);
		expectClose(f[3 + 13], Math.exp(-0.5), { abs: 1e-7 });
		expect(scalingOf([[3, 3, 0], [3, 3, 1]]).sd).toEqual([1, 1]);
	});

	it('frees every tensor it makes, also when a job is cancelled half-way', async () => {
		const problem = problemOf(pool, presetPoints('moons', 3, 'test'), 'rbf');
		await assertNoTensorLeak(() => runNow(fitSetsJob(problem, [labelled.slice(0, 8), labelled.slice(2, 10)], null)), 'fit');
		await assertNoTensorLeak(() => runNow(comparisonJob(problem, 1, 2, 7)), 'comparison');
		const before = tf.memory().numTensors;
		const job = comparisonJob(problem, 1, 3, 20);
		for (let i = 0; i < 25; i++) job.next();
		job.return(undefined as never);
		expect(tf.memory().numTensors).toBe(before);
	});
});

describe('the comparison', () => {
	it('is the same from the same seed, and another seed starts elsewhere; two-class uncertainty curves coincide, three-class ones part', () => {
		const two = problemOf(presetPoints('blobs', 1), presetPoints('blobs', 1, 'test'), 'linear');
		const a = runNow(comparisonJob(two, 5, 4, 14));
		const b = runNow(comparisonJob(two, 5, 4, 14));
		expect(a).toEqual(b);
		expect(runNow(comparisonJob(two, 6, 4, 14)).curves[0].runs).not.toEqual(a.curves[0].runs);
		expect(a.labels).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
		const curve = (c: typeof a, s: Strategy) => c.curves.find((x) => x.strategy === s)!;
		expect(curve(a, 'margin').runs).toEqual(curve(a, 'least').runs);
		expect(curve(a, 'entropy').runs).toEqual(curve(a, 'least').runs);
		for (const c of a.curves) c.mean.forEach((m, t) => expect(c.low[t] <= m && m <= c.high[t] && c.low[t] >= 0 && c.high[t] <= 1).toBe(true));

		const three = problemOf(presetPoints('three', 1), presetPoints('three', 1, 'test'), 'linear');
		const c = runNow(comparisonJob(three, 1, 6, 30));
		expect(c.labels[0]).toBe(6);
		const runs = UNCERTAIN.map((s) => JSON.stringify(curve(c, s).runs));
		expect(new Set(runs).size).toBeGreaterThan(1);
	});

	it('its first repeat follows the strategy exactly as a run with that seed does', async () => {
		const services = new Services();
		const values = { ...defaultValues(schema), strategy: 'margin' as const, budget: 14, repeats: 3 };
		const run = new ActiveRun({ values, seed: 2, cause: 'start', previous: null, set: () => {}, services });
		await stepAll(run);
		expect(run.state.labelled).toHaveLength(14);
		const comparison = runNow(comparisonJob(run.problem, 2, 3, 14));
		const own = run.history.map((h) => h.accuracy);
		expectAllClose(own as number[], comparison.curves.find((x) => x.strategy === 'margin')!.runs[0], { abs: 1e-9, rel: 0 });
		services.dispose();
	});
});

describe('the questions', () => {
	const comparisonFor = (id: string) => {
		const q = meta.questions.find((x) => x.id === id)!;
		const values = { ...defaultValues(schema), ...q.show };
		const preset = values.preset as Exclude<typeof values.preset, 'own'>;
		const problem = problemOf(presetPoints(preset, q.seed), presetPoints(preset, q.seed, 'test'), values.features);
		const c = runNow(comparisonJob(problem, q.seed, values.repeats, values.budget));
		return (s: Strategy) => c.curves.find((x) => x.strategy === s)!.mean;
	};

	it('answer as their explanations say, at the settings they show', () => {
		const moons = comparisonFor('two-classes');
		expect(moons('margin')).toEqual(moons('least'));
		expect(moons('entropy')).toEqual(moons('least'));
		// …and on the moons uncertainty sampling pulls well ahead of random picks (the About's claim).
		expect(moons('margin').at(-1)! - moons('random').at(-1)!).toBeGreaterThan(0.04);
		const three = comparisonFor('three-classes');
		expect(three('least')).not.toEqual(three('margin'));
		expect(three('entropy')).not.toEqual(three('least'));
		const blobs = comparisonFor('overlap');
		expect(blobs('margin').at(-1)!).toBeLessThanOrEqual(blobs('random').at(-1)! + 0.005);
	});
});

/** Steps a run to its end, each fit awaited (fits run in slices, one after another). */
async function stepAll(run: ActiveRun) {
	await run.settled();
	while (run.step()) await run.settled();
}

describe('the run', () => {
	const make = (changes: Partial<ActiveParams>, previous: ActiveRun | null = null, services = new Services()) =>
		new ActiveRun({ values: { ...defaultValues(schema), ...changes }, seed: 1, cause: previous ? 'change' : 'start', previous, set: () => {}, services });

	it('starts with two labels per class, steps to the budget, and a click labels a point of your choice', async () => {
		const services = new Services();
		const run = make({ budget: 9 }, null, services);
		expect([run.status, run.canStep]).toEqual(['loading', false]);
		await run.settled();
		expect(run.state.labelled).toHaveLength(4);
		expect(run.readouts.find((r) => r.name === 'labels')!.value).toBe(4);
		const open = [...run.problem.pool.keys()].find((i) => !run.state.labelled.includes(i))!;
		run.label(open, 'you');
		// The label waits for its fit; the state shows the last fit meanwhile.
		expect(run.state.labelled).toHaveLength(4);
		await run.settled();
		expect(run.state.labelled.at(-1)).toBe(open);
		expect(run.history.at(-1)).toMatchObject({ labels: 5, point: open, by: 'you' });
		await stepAll(run);
		expect(run.state.labelled).toHaveLength(9);
		expect(run.status).toBe('converged');
		const accuracy = run.readouts.find((r) => r.name === 'accuracy')!.value!;
		expect(accuracy).toBeGreaterThan(0.5);
		expect(accuracy).toBeLessThanOrEqual(1);
		// A change of strategy keeps the labels so far.
		const next = make({ budget: 12, strategy: 'random' }, run, services);
		expect(next.state.labelled).toEqual(run.state.labelled);
		// Steps asked for faster than the fits come wait their turn, one at most beyond the one under way.
		next.step();
		next.step();
		next.step();
		expect(next.queued).toBe(2);
		// …and a change made meanwhile carries them on.
		const changed = make({ budget: 12, strategy: 'margin' }, next, services);
		next.dispose();
		await changed.settled();
		expect(changed.state.labelled).toHaveLength(11);
		expect(changed.history.slice(-2).map((h) => h.by)).toEqual(['random', 'random']);
		expect(next.canStep).toBe(true);
		services.dispose();
	});

	it('degenerate data: no points, one class, all points in one place — a plain notice, no NaN', async () => {
		const empty = make({ preset: 'own', points: [] });
		await empty.settled();
		expect([empty.canStep, empty.state.accuracy]).toEqual([false, null]);
		expect(empty.statusText).toContain('No points');
		const one = make({ preset: 'own', points: [[0, 0, 0], [1, 1, 0], [2, 0, 0], [3, 1, 0]] });
		expect(one.statusText).toContain('Every point is class A');
		await stepAll(one);
		expect(one.state.accuracy).toBe(1);
		const same = make({ preset: 'own', points: Array.from({ length: 8 }, (_, i): LabelledPoint => [1, 1, i % 3]) });
		await stepAll(same);
		for (const r of [...one.readouts, ...same.readouts]) expect(r.value === null || Number.isFinite(r.value)).toBe(true);
		expect(Array.from(same.state.probabilities).every(Number.isFinite)).toBe(true);
		expect(JSON.stringify(same.exportData())).not.toMatch(/NaN|Infinity/);
		// Every point looks the same: the model can only learn the class shares, 3/8, 3/8 and 2/8 (pulled a little towards ⅓ by the penalty).
		expectAllClose(same.state.probabilities.subarray(0, 3), [3 / 8, 3 / 8, 2 / 8], { abs: 0.03, rel: 0 });
	});

	it('a label of yours goes into the link with every label before it, and the link reopens that very run', async () => {
		const services = new Services();
		const writes: Partial<ActiveParams>[] = [];
		const first = new ActiveRun({ values: defaultValues(schema), seed: 1, cause: 'start', previous: null, set: (v) => writes.push(v), services });
		await first.settled();
		first.step();
		await first.settled();
		first.step();
		await first.settled();
		expect(writes).toEqual([]);
		const open = [...first.problem.pool.keys()].find((i) => !first.state.labelled.includes(i) && i !== first.state.next)!;
		first.label(open, 'you');
		first.step();
		await first.settled();
		expect(writes).toEqual([{ labelled: first.state.labelled.slice(4, 7).join(',') }]);
		// The run the shell makes for that value carries the state on, steps and all.
		const carried = new ActiveRun({ values: { ...defaultValues(schema), ...writes[0] }, seed: 1, cause: 'change', previous: first, set: () => {}, services });
		expect(carried.state.labelled).toEqual(first.state.labelled);
		// A reload replays the list: the same labels, who chose them, the same fit; Step goes on alike.
		const reloaded = new ActiveRun({ values: { ...defaultValues(schema), ...writes[0] }, seed: 1, cause: 'start', previous: null, set: () => {}, services: new Services() });
		await reloaded.settled();
		expect(reloaded.state.labelled).toEqual(first.state.labelled.slice(0, 7));
		expect(reloaded.history.map((h) => h.by)).toEqual(first.history.slice(0, 4).map((h) => h.by));
		expect(reloaded.state.accuracy).toBeCloseTo(first.history[3].accuracy!, 6);
		reloaded.step();
		await reloaded.settled();
		expect(reloaded.state.labelled).toEqual(first.state.labelled);
		expect(reloaded.notices).toEqual([]);
		services.dispose();
	});

	it('a new seed or Reset clears the list; a bad list is replayed as far as it goes, with a notice', async () => {
		const writes: Partial<ActiveParams>[] = [];
		const services = new Services();
		const base = { ...defaultValues(schema), labelled: '60,61' };
		const run = new ActiveRun({ values: base, seed: 1, cause: 'start', previous: null, set: (v) => writes.push(v), services });
		new ActiveRun({ values: base, seed: 2, cause: 'change', previous: run, set: (v) => writes.push(v), services });
		new ActiveRun({ values: base, seed: 1, cause: 'reset', previous: null, set: (v) => writes.push(v), services });
		expect(writes).toEqual([{ labelled: '' }, { labelled: '' }]);

		await run.settled();
		const starting = run.state.labelled.slice(0, 4);
		const bad = new ActiveRun({ values: { ...base, budget: 8, labelled: `x,999,${starting[0]},60,60,61,-3,62,63,64,65,66` }, seed: 1, cause: 'start', previous: null, set: () => {}, services });
		await bad.settled();
		expect(bad.state.labelled).toEqual([...starting, 60, 61, 62, 63]);
		expect(bad.notices).toEqual([
			{ key: 'labelled', message: 'labelled: 5 of the labelled points are not a point of this pool or already labelled, and were skipped; 3 more than the budget allows were left out.' }
		]);
		services.dispose();
	});
});
