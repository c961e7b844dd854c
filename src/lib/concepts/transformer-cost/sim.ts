/**
 * What one layer costs, counted from formulas, and what one attention layer takes on this
 * machine, timed with TF.js.
 *
 * The counting convention (one "operation" is one multiply-add or one element-wise function):
 *
 * - Self-attention over T tokens of width d, softmax(QKᵀ/√d)V, with Q, K, V given:
 *   QKᵀ is T² dot products of length d (T²d), the softmax one exponential per score (T²;
 *   the 1/√d is folded into Q), and weights·V another T²d: T²(2d + 1).
 * - A recurrent layer h_t = tanh(W h_{t−1} + U x_t): each of T steps multiplies two d × d
 *   matrices by a vector (2d²) and applies tanh d times: Td(2d + 1).
 *
 * The projections that make Q, K and V (and the feed-forward block after) cost O(Td²) per
 * token in any layer; they are left out, since they do not depend on how tokens are mixed.
 * With this convention the ratio of the two is exactly T/d, so they cross at T = d.
 *
 * The remedies keep attention's form but let each query score fewer keys (k of them:
 * T·k·(2d + 1)), or drop the T × T matrix altogether:
 * - sliding window: k = min(w, T);
 * - strided sparse (Child et al. 2019): its block of ⌈√T⌉ and every ⌈√T⌉-th token, k = min(T, 2⌈√T⌉);
 * - linear attention (Katharopoulos et al. 2020), φ(Q)(φ(K)ᵀV) normalised by φ(Q)(φ(K)ᵀ1):
 *   φ(K)ᵀV and φ(Q)·(that) are Td² each, φ on Q and K 2Td, the key sum, its dot with each
 *   query and the division Td each: 2Td² + 5Td.
 */
import * as tf from '$lib/engine/tfjs';
import { createRng, type Rng } from '$lib/engine/rng';
import type { Job } from '$lib/common/slices';

/** Operations of one self-attention layer (QKᵀ, softmax, weights·V). */
export function attentionOps(t: number, d: number): number {
	return t * t * (2 * d + 1);
}

/** Operations of one recurrent layer over T steps (two d × d matrix–vector products and a tanh a step). */
export function rnnOps(t: number, d: number): number {
	return t * d * (2 * d + 1);
}

/** The interview's leading terms: T²d for attention, Td² for the recurrent layer. */
export const attentionLeading = (t: number, d: number) => t * t * d;
export const rnnLeading = (t: number, d: number) => t * d * d;

/** Keys each query scores under sliding-window attention. */
export const windowKeys = (t: number, w: number) => Math.min(w, t);

/** Keys each query scores under strided sparse attention: its block of ⌈√T⌉ and every ⌈√T⌉-th token. */
export const sparseKeys = (t: number) => Math.min(t, 2 * Math.ceil(Math.sqrt(t)));

/** Attention in which each of T queries scores k keys. */
export const restrictedAttentionOps = (t: number, keys: number, d: number) => t * keys * (2 * d + 1);

export const windowOps = (t: number, d: number, w: number) => restrictedAttentionOps(t, windowKeys(t, w), d);
export const sparseOps = (t: number, d: number) => restrictedAttentionOps(t, sparseKeys(t), d);
export const linearOps = (t: number, d: number) => 2 * t * d * d + 5 * t * d;

/**
 * Numbers the mixing step holds at once besides its input and output: the T × T scores of
 * attention (T·k for the restricted kinds, all at once as computed here), the d × d summary
 * and the d-long key sum of linear attention, the d-long state of the recurrent layer.
 */
export const attentionMemory = (t: number) => t * t;
export const windowMemory = (t: number, w: number) => t * windowKeys(t, w);
export const sparseMemory = (t: number) => t * sparseKeys(t);
export const linearMemory = (d: number) => d * d + d;
export const rnnMemory = (d: number) => d;

/** Where the two layers cost the same: T²(2d + 1) = Td(2d + 1) at T = d. */
export const computeCrossover = (d: number) => d;
/** Where the score matrix holds as many numbers as the recurrent state: T² = d. */
export const memoryCrossover = (d: number) => Math.sqrt(d);

export const CURVE_NAMES = ['attention', 'rnn', 'window', 'sparse', 'linear'] as const;
export type CurveName = (typeof CURVE_NAMES)[number];

export type Costs = Record<CurveName, number>;

/** Every layer's operations at one T. */
export function opsAt(t: number, d: number, w: number): Costs {
	return { attention: attentionOps(t, d), rnn: rnnOps(t, d), window: windowOps(t, d, w), sparse: sparseOps(t, d), linear: linearOps(t, d) };
}

/** Every layer's memory at one T. */
export function memoryAt(t: number, d: number, w: number): Costs {
	return { attention: attentionMemory(t), rnn: rnnMemory(d), window: windowMemory(t, w), sparse: sparseMemory(t), linear: linearMemory(d) };
}

/**
 * Whole numbers from 1 to `max`, spread evenly on a log scale (about `perDecade` a decade),
 * with the `extra` ones (the crossovers, the window) put in at their place.
 */
export function logLengths(max: number, perDecade = 16, extra: readonly number[] = []): number[] {
	const decades = Math.log10(max);
	const count = Math.max(2, Math.ceil(decades * perDecade) + 1);
	const lengths = new Set<number>();
	for (let i = 0; i < count; i++) lengths.add(Math.round(10 ** ((decades * i) / (count - 1))));
	for (const e of extra) if (Number.isInteger(e) && e >= 1 && e <= max) lengths.add(e);
	return [...lengths].sort((a, b) => a - b);
}

/** The marker's next length when Play sweeps T upward: a quarter of an octave on, at least one token. */
export function nextLength(t: number, max: number): number {
	return Math.min(max, Math.max(t + 1, Math.round(t * 2 ** 0.25)));
}

// ——— Timing a real attention layer ———

/** The measurement keeps d at most this, so that one layer stays a few milliseconds. */
export const MEASURE_MAX_D = 64;
/** The lengths timed, doubling. */
export const MEASURE_LENGTHS: readonly number[] = [8, 16, 32, 64, 128, 256, 512];
/** Work per timed piece: calls are repeated until a piece takes this long, at most MAX_CALLS of them. */
const PIECE_MS = 3;
const MAX_CALLS = 200;
const TIMED_PIECES = 5;
/** A layer slower than this ends the sweep: the next length, four times the work, would hold up a frame. */
export const SLOWEST_LAYER_MS = 6;
/** How many of the longest lengths timed the fit uses. */
export const FITTED_LENGTHS = 3;

export interface Timing {
	t: number;
	/** Milliseconds of one layer: the fastest piece's, since other work on the machine only ever adds time. */
	ms: number;
	/** Calls timed in all. */
	calls: number;
}

export interface Measurement {
	d: number;
	backend: string;
	timings: Timing[];
	/** The length after which the sweep stopped because one layer got too slow; null if it went through. */
	stoppedAfter: number | null;
}

/**
 * softmax(QKᵀ/√d)V for T × d tensors Q and V, with the keys given already transposed (Kᵀ,
 * d × T): the wasm backend multiplies by a transposed operand several times more slowly
 * (at T = 512 it was 29 ms against 5 here), which would time TF.js's layout, not attention.
 */
export function attentionLayer(q: tf.Tensor2D, keysT: tf.Tensor2D, v: tf.Tensor2D): tf.Tensor2D {
	return tf.tidy(() => {
		const d = q.shape[1];
		const scores = tf.matMul(q, keysT).mul(1 / Math.sqrt(d));
		return tf.matMul(tf.softmax(scores), v);
	});
}

/** A rows × columns tensor of standard normal numbers from the seeded generator. */
function normalTensor(rows: number, columns: number, rng: Rng): tf.Tensor2D {
	const values = new Float32Array(rows * columns);
	for (let i = 0; i < values.length; i++) values[i] = rng.normal();
	return tf.tensor2d(values, [rows, columns]);
}

/**
 * Seeded Q, Kᵀ and V (T × d, d × T, T × d), and one layer on them to call again and again: waited for, so
 * that its time includes reading the result back, as a page would. `dispose` frees the inputs.
 */
export function layerOnRandomInputs(t: number, d: number, rng: Rng): { run: () => void; dispose: () => void } {
	const [q, keysT, v] = [normalTensor(t, d, rng), normalTensor(d, t, rng), normalTensor(t, d, rng)];
	return {
		run: () => {
			const out = attentionLayer(q, keysT, v);
			out.dataSync();
			out.dispose();
		},
		dispose: () => tf.dispose([q, keysT, v])
	};
}

/**
 * Times one attention layer at each length: a warm-up call first, then `TIMED_PIECES` pieces
 * of repeated calls (the fastest piece counts), yielding between pieces so that none holds
 * up a frame. Stops early when a layer takes more than SLOWEST_LAYER_MS. `onTiming` hears every timing as it comes.
 */
export function* measureJob(d: number, seed: number, lengths: readonly number[] = MEASURE_LENGTHS, onTiming?: (timings: Timing[]) => void): Job<Measurement> {
	const rng = createRng(seed).fork('measure');
	const timings: Timing[] = [];
	let stoppedAfter: number | null = null;
	for (const t of lengths) {
		const layer = layerOnRandomInputs(t, d, rng);
		try {
			yield;
			layer.run();
			yield;
			const perCall: number[] = [];
			let calls = 0;
			for (let p = 0; p < TIMED_PIECES; p++) {
				// As many calls as fit in a piece: the page's clock ticks only every 0.1 ms or so.
				const start = performance.now();
				let n = 0;
				let elapsed = 0;
				do {
					layer.run();
					n++;
					elapsed = performance.now() - start;
				} while (elapsed < PIECE_MS && n < MAX_CALLS);
				perCall.push(Math.max(elapsed, 1e-3) / n);
				calls += n;
				yield;
			}
			timings.push({ t, ms: Math.min(...perCall), calls });
			onTiming?.(timings);
		} finally {
			layer.dispose();
		}
		if (timings[timings.length - 1].ms > SLOWEST_LAYER_MS && t !== lengths[lengths.length - 1]) {
			stoppedAfter = t;
			break;
		}
	}
	return { d, backend: tf.getBackend() ?? 'none', timings, stoppedAfter };
}

/**
 * Milliseconds per operation that best scale the model T²(2d + 1) to the timings, by least
 * squares on the log scale (a geometric mean of ms ÷ operations), over the FITTED_LENGTHS
 * longest lengths: at short ones TF.js's fixed cost per call, not the arithmetic, sets the time.
 */
export function fitScale(timings: readonly Timing[], d: number): number | null {
	if (!timings.length) return null;
	const sorted = [...timings].sort((a, b) => a.t - b.t);
	const used = sorted.slice(-FITTED_LENGTHS);
	const logs = used.map(({ t, ms }) => Math.log(ms) - Math.log(attentionOps(t, d)));
	const scale = Math.exp(logs.reduce((s, v) => s + v, 0) / logs.length);
	return Number.isFinite(scale) && scale > 0 ? scale : null;
}
