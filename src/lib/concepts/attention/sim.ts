/**
 * Scaled dot-product self-attention over a short sequence of 2-D tokens x₁ … xₙ. For each
 * head h: queries Q = X W_q, keys K = X W_k (W ∈ ℝ^{2×d}), scores S = Q Kᵀ / √d, weights
 * A = softmax(S / τ) row by row (a causal mask zeroes every key after its query), and the
 * output O = A V. The values are the tokens themselves (V = X), so each output row is a
 * weighted mean of the tokens and can be drawn among them. Several heads each give their
 * own output; the multi-head output of a token is the heads' outputs side by side.
 * TF.js computes every head; everything handed out is plain arrays.
 */
import * as tf from '$lib/engine/tfjs';
import type { Point } from '$lib/common/geometry';
import { createRng } from '$lib/engine/rng';

// ——— Tokens ———

export type PresetName = 'match' | 'alike' | 'clusters';

const PRESETS: Record<PresetName, Point[]> = {
	// Token 4 is long and points the same way as most of the others: their queries pick it.
	match: [[1, 0.2], [-0.6, 0.8], [0.2, -0.9], [3, 2.2], [-0.8, -0.5], [0.4, 0.6]],
	// Nearly one vector repeated: every score is about the same.
	alike: [[1, 1], [1.1, 0.9], [0.9, 1.1], [1.05, 1], [0.95, 0.95], [1, 1.1]],
	// Two groups pointing opposite ways, interleaved along the sequence.
	clusters: [[2, 1.5], [-1.8, -1.6], [2.4, 1.2], [-2.2, -1.2], [1.7, 1.9], [-1.5, -2]]
};

export function presetTokens(name: PresetName): Point[] {
	return PRESETS[name].map(([x, y]) => [x, y]);
}

// ——— Projections ———

/** One head's W_q and W_k, each 2 × d, row-major. */
export interface HeadProjection {
	wq: Float64Array;
	wk: Float64Array;
}

export interface Projections {
	d: number;
	heads: HeadProjection[];
}

/** Queries and keys are the tokens themselves: W_q = W_k = I, d = 2, one head. */
export function identityProjections(): Projections {
	const eye = Float64Array.from([1, 0, 0, 1]);
	return { d: 2, heads: [{ wq: eye, wk: Float64Array.from(eye) }] };
}

/**
 * Seeded W_q, W_k with standard normal entries, one pair per head. Columns are drawn in order,
 * so a larger d keeps the columns of a smaller one (raising d adds dimensions, it does not reshuffle).
 */
export function randomProjections(heads: number, d: number, seed: number): Projections {
	const draw = (label: string) => {
		const rng = createRng(seed).fork(label);
		const w = new Float64Array(2 * d);
		for (let c = 0; c < d; c++) {
			w[c] = rng.normal();
			w[d + c] = rng.normal();
		}
		return w;
	};
	return { d, heads: Array.from({ length: heads }, (_, h) => ({ wq: draw(`wq-${h}`), wk: draw(`wk-${h}`) })) };
}

// ——— Attention (TF.js) ———

export interface AttentionSettings {
	temperature: number;
	/** Divide the scores by √d. */
	scaled: boolean;
	causal: boolean;
}

/** One head's numbers, row i for query i. */
export interface HeadResult {
	q: number[][];
	k: number[][];
	/** Q Kᵀ (divided by √d when scaled), before the temperature; masked entries are kept but get no weight. */
	scores: number[][];
	weights: number[][];
	output: Point[];
}

/** Whether query i may look at key j. */
export const allowed = (causal: boolean, i: number, j: number) => !causal || j <= i;

/** Self-attention of every head over `tokens`. No tokens: no rows. */
export function attend(tokens: readonly Point[], projections: Projections, settings: AttentionSettings): HeadResult[] {
	const n = tokens.length;
	const { d } = projections;
	if (n === 0) return projections.heads.map(() => ({ q: [], k: [], scores: [], weights: [], output: [] }));
	const scale = settings.scaled ? 1 / Math.sqrt(d) : 1;
	return projections.heads.map(({ wq, wk }) => {
		const parts = tf.tidy(() => {
			const x = tf.tensor2d(Float32Array.from(tokens.flat()), [n, 2]);
			const q = tf.matMul(x, tf.tensor2d(Float32Array.from(wq), [2, d]));
			const k = tf.matMul(x, tf.tensor2d(Float32Array.from(wk), [2, d]));
			const scores = tf.mul(tf.matMul(q, k, false, true), scale);
			let logits = tf.div(scores, settings.temperature);
			if (settings.causal) {
				const lower = tf.linalg.bandPart(tf.ones([n, n]), -1, 0);
				logits = tf.where(tf.greater(lower, 0), logits, tf.fill([n, n], -Infinity));
			}
			const weights = tf.softmax(logits);
			return [q, k, scores, weights, tf.matMul(weights, x)];
		});
		const [q, k, scores, weights, output] = parts.map((t) => t.arraySync() as number[][]);
		tf.dispose(parts);
		return { q, k, scores, weights, output: output.map(([a, b]) => [a, b] as Point) };
	});
}

// ——— Summaries (plain numbers) ———

/** −Σ w log w, in nats: 0 when one key takes everything, log m when m keys share evenly. */
export function entropyOf(weights: readonly number[]): number {
	let h = 0;
	for (const w of weights) if (w > 0) h -= w * Math.log(w);
	return Math.max(0, h);
}

/** How many keys a row effectively averages: e^entropy (1 … n). */
export const effectiveCount = (weights: readonly number[]) => Math.exp(entropyOf(weights));

/** The plain mean of the tokens query i may see: what the weights give as τ → ∞. */
export function visibleMean(tokens: readonly Point[], i: number, causal: boolean): Point | null {
	const seen = tokens.filter((_, j) => allowed(causal, i, j));
	if (seen.length === 0) return null;
	return [seen.reduce((s, p) => s + p[0], 0) / seen.length, seen.reduce((s, p) => s + p[1], 0) / seen.length];
}

/** The standard deviation of the scores every query may see, over all heads: what √d keeps in check. */
export function scoreSpread(heads: readonly HeadResult[], causal: boolean): number | null {
	const seen: number[] = [];
	for (const head of heads) head.scores.forEach((row, i) => row.forEach((s, j) => allowed(causal, i, j) && seen.push(s)));
	if (seen.length === 0) return null;
	const mean = seen.reduce((a, b) => a + b, 0) / seen.length;
	return Math.sqrt(seen.reduce((a, s) => a + (s - mean) ** 2, 0) / seen.length);
}

/** The multi-head output of token i: every head's output side by side (2 numbers a head). */
export const concatenated = (heads: readonly HeadResult[], i: number): number[] => heads.flatMap((head) => head.output[i] ?? []);

/** Rows of every head side by side: query i's row holds head 1's numbers, then head 2's, … */
export const sideBySide = (heads: readonly HeadResult[], pick: (head: HeadResult) => readonly (readonly number[])[]): number[][] =>
	(heads.length ? pick(heads[0]) : []).map((_, i) => heads.flatMap((head) => [...pick(head)[i]]));
