import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import type { Point } from '$lib/common/geometry';
import {
	attend,
	concatenated,
	effectiveCount,
	entropyOf,
	identityProjections,
	presetTokens,
	randomProjections,
	scoreSpread,
	sideBySide,
	visibleMean,
	type AttentionSettings,
	type HeadProjection
} from '$lib/concepts/attention/sim';
import { expectClose } from '../helpers/close';

const PLAIN: AttentionSettings = { temperature: 1, scaled: true, causal: false };

/** softmax(Q Kᵀ / (√d τ)) V written out in float64 loops, with the mask as a skipped key: the oracle. */
function reference(tokens: Point[], { wq, wk }: HeadProjection, d: number, { temperature, scaled, causal }: AttentionSettings) {
	const project = (w: Float64Array) => tokens.map(([x, y]) => Array.from({ length: d }, (_, c) => x * w[c] + y * w[d + c]));
	const [q, k] = [project(wq), project(wk)];
	const weights = q.map((qi, i) => {
		const logits = k.map((kj, j) => (causal && j > i ? null : qi.reduce((s, v, c) => s + v * kj[c], 0) / (scaled ? Math.sqrt(d) : 1) / temperature));
		const top = Math.max(...logits.filter((l): l is number => l !== null));
		const e = logits.map((l) => (l === null ? 0 : Math.exp(l - top)));
		const total = e.reduce((a, b) => a + b, 0);
		return e.map((v) => v / total);
	});
	const output = weights.map((row) => [0, 1].map((c) => row.reduce((s, w, j) => s + w * tokens[j][c], 0)));
	return { q, k, weights, output };
}

const closeRows = (actual: readonly (readonly number[])[], expected: readonly (readonly number[])[], tolerance = { abs: 1e-5, rel: 1e-4 }) => {
	expect(actual.length).toBe(expected.length);
	actual.forEach((row, i) => {
		expect(row.length).toBe(expected[i].length);
		row.forEach((v, j) => expectClose(v, expected[i][j], tolerance));
	});
};

describe('attention', () => {
	it('attend() gives softmax(QKᵀ/√d)V as a float64 loop computes it, for every preset, d, mask and scaling', () => {
		for (const preset of ['match', 'alike', 'clusters'] as const) {
			const tokens = presetTokens(preset);
			for (const projections of [identityProjections(), randomProjections(1, 3, 7), randomProjections(1, 16, 2)]) {
				for (const settings of [PLAIN, { temperature: 0.5, scaled: false, causal: true }, { temperature: 3, scaled: true, causal: true }]) {
					const [ours] = attend(tokens, projections, settings);
					const theirs = reference(tokens, projections.heads[0], projections.d, settings);
					closeRows(ours.q, theirs.q);
					closeRows(ours.k, theirs.k);
					closeRows(ours.weights, theirs.weights);
					closeRows(ours.output, theirs.output);
				}
			}
		}
	});

	it('every row of weights is a probability distribution: non-negative, summing to 1', () => {
		const [head] = attend(presetTokens('match'), randomProjections(1, 8, 3), { temperature: 0.2, scaled: true, causal: false });
		for (const row of head.weights) {
			expect(row.every((w) => w >= 0)).toBe(true);
			expectClose(row.reduce((a, b) => a + b, 0), 1, { abs: 1e-5, rel: 0 });
		}
	});

	it('each output lies inside the box of the values: it is a weighted mean', () => {
		const tokens = presetTokens('clusters');
		const [head] = attend(tokens, randomProjections(1, 4, 9), PLAIN);
		for (const [x, y] of head.output) {
			expect(x).toBeGreaterThanOrEqual(Math.min(...tokens.map((p) => p[0])) - 1e-5);
			expect(x).toBeLessThanOrEqual(Math.max(...tokens.map((p) => p[0])) + 1e-5);
			expect(y).toBeGreaterThanOrEqual(Math.min(...tokens.map((p) => p[1])) - 1e-5);
			expect(y).toBeLessThanOrEqual(Math.max(...tokens.map((p) => p[1])) + 1e-5);
		}
	});

	it('a very high temperature gives the plain mean of the values (of those before it, when masked)', () => {
		const tokens = presetTokens('match');
		for (const causal of [false, true]) {
			const [head] = attend(tokens, randomProjections(1, 4, 1), { temperature: 1e6, scaled: true, causal });
			head.output.forEach((o, i) => {
				const mean = visibleMean(tokens, i, causal)!;
				expectClose(o[0], mean[0], { abs: 1e-4, rel: 1e-4 });
				expectClose(o[1], mean[1], { abs: 1e-4, rel: 1e-4 });
			});
			expect(effectiveCount(head.weights[0])).toBeCloseTo(causal ? 1 : tokens.length, 3);
		}
	});

	it('a temperature near 0 copies the value of the best-scoring key', () => {
		const tokens = presetTokens('match');
		const projections = identityProjections();
		const [warm] = attend(tokens, projections, PLAIN);
		const [cold] = attend(tokens, projections, { ...PLAIN, temperature: 1e-3 });
		cold.output.forEach((o, i) => {
			const best = warm.scores[i].indexOf(Math.max(...warm.scores[i]));
			expectClose(o[0], tokens[best][0], { abs: 1e-5, rel: 1e-5 });
			expectClose(o[1], tokens[best][1], { abs: 1e-5, rel: 1e-5 });
			expectClose(cold.weights[i][best], 1, { abs: 1e-6, rel: 0 });
			expectClose(entropyOf(cold.weights[i]), 0, { abs: 1e-4, rel: 0 });
		});
	});

	it('the causal mask zeroes every weight above the diagonal; the first token then returns its own value', () => {
		const tokens = presetTokens('clusters');
		const [head] = attend(tokens, randomProjections(1, 8, 5), { ...PLAIN, causal: true });
		head.weights.forEach((row, i) => row.forEach((w, j) => j > i && expect(w).toBe(0)));
		expect(head.weights[0][0]).toBeCloseTo(1, 6);
		expectClose(head.output[0][0], tokens[0][0], { abs: 1e-6, rel: 1e-6 });
	});

	it('several heads: each is the one-head attention of its own W_q, W_k; the output is theirs side by side', () => {
		const tokens = presetTokens('match');
		const projections = randomProjections(3, 5, 11);
		const heads = attend(tokens, projections, PLAIN);
		expect(heads).toHaveLength(3);
		heads.forEach((head, h) => closeRows(head.output, reference(tokens, projections.heads[h], 5, PLAIN).output));
		const row = concatenated(heads, 2);
		expect(row).toHaveLength(6);
		expect(row).toEqual([...heads[0].output[2], ...heads[1].output[2], ...heads[2].output[2]]);
		expect(sideBySide(heads, (head) => head.q)[0]).toHaveLength(15);
		// Different projections: the heads attend differently.
		expect(Math.abs(heads[0].weights[0][0] - heads[1].weights[0][0])).toBeGreaterThan(1e-3);
	});

	it('random projections: a larger d keeps the columns of a smaller one; the same seed gives the same matrices', () => {
		const small = randomProjections(2, 3, 4);
		const large = randomProjections(2, 10, 4);
		for (const h of [0, 1]) {
			for (const c of [0, 1, 2]) {
				expect(large.heads[h].wq[c]).toBe(small.heads[h].wq[c]);
				expect(large.heads[h].wk[10 + c]).toBe(small.heads[h].wk[3 + c]);
			}
		}
		expect(randomProjections(2, 10, 4)).toEqual(large);
		expect(randomProjections(2, 10, 5).heads[0].wq).not.toEqual(large.heads[0].wq);
	});

	it('why √d: unscaled scores spread like √d; divided by √d their spread stays put', () => {
		const tokens = presetTokens('alike').map(([x, y]) => [x, -y] as Point).concat(presetTokens('clusters'));
		const spread = (d: number, scaled: boolean) => {
			// Averaged over seeds: one draw of W is noisy.
			let total = 0;
			for (let seed = 1; seed <= 20; seed++) total += scoreSpread(attend(tokens, randomProjections(1, d, seed), { ...PLAIN, scaled }), false)!;
			return total / 20;
		};
		const [small, large] = [spread(4, false), spread(256, false)];
		expect(large / small).toBeGreaterThan(5);
		expect(large / small).toBeLessThan(12);
		const ratio = spread(256, true) / spread(4, true);
		expect(ratio).toBeGreaterThan(0.6);
		expect(ratio).toBeLessThan(1.6);
	});

	it('entropy and the effective number of keys: 0 and 1 for one key, log m and m for m equal weights', () => {
		expect(entropyOf([0, 1, 0])).toBe(0);
		expect(effectiveCount([0, 1, 0])).toBe(1);
		expectClose(entropyOf([0.25, 0.25, 0.25, 0.25]), Math.log(4));
		expectClose(effectiveCount([0.5, 0, 0.5]), 2);
	});

	it('no tokens: no rows and no spread; one token attends to itself', () => {
		expect(attend([], identityProjections(), PLAIN)[0].weights).toEqual([]);
		expect(scoreSpread(attend([], identityProjections(), PLAIN), false)).toBeNull();
		const [one] = attend([[2, -1]], randomProjections(1, 4, 1), PLAIN);
		expect(one.weights[0][0]).toBeCloseTo(1, 6);
		expect(one.output[0][0]).toBeCloseTo(2, 5);
	});

	it('tokens at the coordinate limit, d = 256, unscaled, τ = 0.01: finite weights summing to 1', () => {
		const tokens: Point[] = [[100, 100], [-100, 100], [100, -100], [-100, -100], [0, 0]];
		const [head] = attend(tokens, randomProjections(1, 256, 1), { temperature: 0.01, scaled: false, causal: true });
		for (const row of head.weights) {
			expect(row.every(Number.isFinite)).toBe(true);
			expectClose(row.reduce((a, b) => a + b, 0), 1, { abs: 1e-5, rel: 0 });
		}
		expect(head.output.flat().every(Number.isFinite)).toBe(true);
	});

	it('frees every tensor it makes', () => {
		attend(presetTokens('match'), randomProjections(2, 8, 1), { ...PLAIN, causal: true });
		const before = tf.memory().numTensors;
		for (let i = 0; i < 20; i++) attend(presetTokens('clusters'), randomProjections(4, 16, i), { temperature: 0.3, scaled: i % 2 === 0, causal: i % 3 === 0 });
		expect(tf.memory().numTensors).toBe(before);
	});
});
