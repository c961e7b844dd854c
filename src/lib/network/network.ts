/**
 * A fully connected network on 2-D points with two classes, trained in TF.js, that reports
 * what happens inside it at every step: per layer, the gradient and weight norms and the
 * activation statistics. Shared by the vanishing-gradients and weight-init widgets.
 *
 * Layers: `depth` weight layers. Layer 1 maps the 2 inputs to `width` units, layers
 * 2 … depth − 1 map width to width, layer `depth` maps width to one logit. Without skips each
 * hidden layer computes h = act(BN(W·h₋₁ + b)). With residual connections layers 2 … depth − 1
 * become pre-activation blocks, h = h₋₁ + (W·act(BN(h₋₁)) + b)/√(depth − 2), and the logit
 * reads act(h): the branch adds something of mean zero, so the stream does not drift, and
 * the scale keeps the depth − 2 added variances from doubling the output's size each layer
 * (the 1/√L scaling of "stable ResNets"). The loss is the mean logistic (binary cross-entropy)
 * loss; gradients come from TF.js autodiff (`tf.variableGrads`).
 */
import * as tf from '$lib/engine/tfjs';
import '$lib/engine/gradients';
import { createRng, type Rng } from '$lib/engine/rng';
import { LEAK } from './activations';
import type { Activation, OptimizerName } from './options';
import { initWeights, type InitSpec } from './init';
import type { LabelledPoints } from './datasets';

export { OPTIMIZERS, OPTIMIZER_LABELS, type OptimizerName } from './options';

/** The activation as a TF.js op (activations.ts has the plain functions the page draws). */
export function applyActivation(name: Activation, x: tf.Tensor): tf.Tensor {
	switch (name) {
		case 'sigmoid':
			return tf.sigmoid(x);
		case 'tanh':
			return tf.tanh(x);
		case 'relu':
			return tf.relu(x);
		case 'leaky-relu':
			return tf.leakyRelu(x, LEAK);
		case 'elu':
			return tf.elu(x);
		case 'gelu':
			// The exact GELU, x·Φ(x); TF.js has no op for it.
			return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
		case 'linear':
			return x;
		case 'swish':
			return tf.mul(x, tf.sigmoid(x));
		case 'softplus':
			return tf.softplus(x);
	}
}

export interface NetworkSpec {
	/** Weight layers, at least 2. */
	depth: number;
	width: number;
	activation: Activation;
	init: InitSpec;
	residual: boolean;
	batchNorm: boolean;
	optimizer: OptimizerName;
	lr: number;
	/** Largest global gradient norm applied; larger gradients are scaled down to it. 0: no clipping. */
	clip: number;
	/** Training points per step, drawn at random without replacement; the whole set when larger. */
	batchSize: number;
	/**
	 * Dropout rate p of the hidden layers' outputs in training (inverted dropout: a kept output
	 * is divided by 1 − p, so its expected value is unchanged and inference uses no mask).
	 * 0 or missing: none.
	 */
	dropout?: number;
	/**
	 * L2 weight decay λ: training minimises loss + λ·Σ‖W‖² over the weight matrices (not the
	 * biases), so each weight's gradient gains 2λW. 0 or missing: none.
	 */
	weightDecay?: number;
	/**
	 * Early stopping (needs a validation set): once the validation loss has not improved for
	 * this many steps, the weights go back to those of its lowest point and training stops.
	 * 0 or missing: none.
	 */
	patience?: number;
}

/** Loss and accuracy on the whole training set and on the validation set, without dropout. */
export interface Evaluation {
	trainLoss: number;
	trainAccuracy: number;
	validationLoss: number;
	validationAccuracy: number;
}

export interface LayerStats {
	/** ‖∂L/∂W‖, Frobenius norm of the gradient of this layer's weights. */
	gradNorm: number;
	/** Standard deviation of the entries of ∂L/∂W. */
	gradStd: number;
	/** ‖W‖ before the update. */
	weightNorm: number;
	/** Mean and standard deviation of this layer's outputs over the batch (the logit for the last). */
	activationMean: number;
	activationStd: number;
}

export interface StepResult {
	/** Steps applied so far, this one included (unchanged when the step was not applied). */
	step: number;
	/** Loss and accuracy on the batch, before the update. */
	loss: number;
	accuracy: number;
	layers: LayerStats[];
	/** Norm of all gradients together, and the factor clipping scaled them by (1: untouched). */
	globalGradNorm: number;
	clipScale: number;
	/** A loss, gradient or activation was not a finite number: no update was applied. */
	diverged: boolean;
	/** Outputs of each hidden layer on the batch, when asked for ([batch × width] each). */
	activations?: Float32Array[];
	/** The rows of the training set this step used, in order; null when it used every row. */
	batch: Int32Array | null;
	/**
	 * With dropout, so an export can replay it: per hidden layer, which of its outputs this step
	 * kept (1) or silenced (0), [batch × width] row by row, packed eight to a byte (packedBits).
	 * Only while a step has at most DROPOUT_RECORD_LIMIT outputs.
	 */
	dropoutKept?: Uint8Array[];
	/** With a validation set: both sets measured after this step's update (see Evaluation). */
	evaluation?: Evaluation;
	/** With early stopping: the step whose weights had the lowest validation loss so far. */
	bestStep?: number;
	/** Early stopping has ended training: the weights are back at `bestStep`'s, and stay. */
	stopped?: boolean;
	/** Per hidden layer, when asked for ([batch × width] each): what goes into batch norm (W·h + b; the stream in a residual block)… */
	preActivations?: Float32Array[];
	/** …and what comes out of it, the activation's input (the same as preActivations without batch norm). */
	activationInputs?: Float32Array[];
}

/**
 * The most hidden outputs a step may have for its dropout masks to be recorded (StepResult.dropoutKept):
 * 8 KB a step packed, 3 MB over 400 epochs. Beyond it a run keeps none, so a large network's
 * record does not grow by megabytes an epoch.
 */
export const DROPOUT_RECORD_LIMIT = 1 << 16;

/** Whether each value is kept (> 0), packed eight to a byte, the first in the highest bit (NumPy's unpackbits order). */
export function packedBits(values: ArrayLike<number>): Uint8Array {
	const bytes = new Uint8Array(Math.ceil(values.length / 8));
	for (let i = 0; i < values.length; i++) if (values[i] > 0) bytes[i >> 3] |= 1 << (7 - (i & 7));
	return bytes;
}

/**
 * An inverted-dropout mask for `size` outputs: each is kept with probability 1 − rate and
 * then scaled by 1 / (1 − rate), else 0, so the mask's mean is 1 and E[h·mask] = h.
 */
export function invertedDropoutMask(rng: Rng, size: number, rate: number): Float32Array {
	const mask = new Float32Array(size);
	const scale = 1 / (1 - rate);
	for (let i = 0; i < size; i++) mask[i] = rng.next() < rate ? 0 : scale;
	return mask;
}

/**
 * The network on the whole training set (the first `count` points of a fixed shuffled
 * order, a whole number of batches), in both of batch norm's modes.
 */
export interface ModeEvaluation {
	/** Training mode: each group of `groupSize` points normalised with its own statistics, as in a step. */
	trainLoss: number;
	trainAccuracy: number;
	/** Inference mode: every point normalised with the running statistics. */
	inferenceLoss: number;
	inferenceAccuracy: number;
	groupSize: number;
	count: number;
	/**
	 * Unit 1 of the first batch-normalised layer (null without batch norm): each group's mean
	 * and standard deviation of its input, the whole set's, and the running ones. Layer 1's
	 * input does not depend on any normalisation below it, so this is the batches' own noise.
	 */
	unit: { groupMeans: Float64Array; groupStds: Float64Array; mean: number; std: number; runningMean: number; runningStd: number } | null;
}

/**
 * Every parameter of a network as it stands, so that an export can measure the network where
 * the widget measured it (the replay of a long, chaotic run in float64 would drift away from
 * the widget's float32). Layer by layer, 0-based; a weight matrix is fanIn × fanOut row by row.
 * Without batch norm the last four are empty.
 */
export interface NetworkParameters {
	weights: Float32Array[];
	biases: Float32Array[];
	/** Per hidden layer with batch norm: its scale γ, its shift β, and the running mean and variance inference uses. */
	gammas: Float32Array[];
	betas: Float32Array[];
	runningMeans: Float32Array[];
	runningVars: Float32Array[];
}

export const BN_EPSILON = 1e-5;
/** The running statistics after a step: running ← BN_MOMENTUM · running + (1 − BN_MOMENTUM) · batch's (the batch variance divides by n). */
export const BN_MOMENTUM = 0.9;

let networksMade = 0;

/**
 * The tensors in runs of one shape (the width × width layers make one run), each run stacked
 * into one tensor: a few ops per run instead of a few per layer. (TF.js's wasm backend has no
 * segment sum.)
 */
function stackedRuns(tensors: tf.Tensor[]): tf.Tensor[] {
	const runs: tf.Tensor[] = [];
	for (let start = 0; start < tensors.length; ) {
		let end = start + 1;
		while (end < tensors.length && sameShape(tensors[end], tensors[start])) end++;
		runs.push(tf.stack(tensors.slice(start, end)));
		start = end;
	}
	return runs;
}

function sameShape(a: tf.Tensor, b: tf.Tensor): boolean {
	return a.rank === b.rank && a.shape.every((size, axis) => size === b.shape[axis]);
}

/** Σx² of each stacked tensor, as one vector. */
function sumsOfSquares(runs: tf.Tensor[]): tf.Tensor1D {
	return tf.concat(runs.map((run) => tf.sum(tf.square(run), run.shape.map((_, axis) => axis).slice(1))));
}

/**
 * For each stacked tensor, Σx, then Σd and Σd² of its deviations d = x − x̄ from x̄ = Σx/n:
 * three blocks with one entry per tensor, laid end to end (`moments` reads them). Two passes,
 * because the one-pass Σx² − (Σx)²/n cancels in float32 when the spread is far below the
 * mean, down to noise or to 0.
 */
function centredSums(runs: tf.Tensor[]): tf.Tensor {
	const sums: tf.Tensor[] = [];
	const deviationSums: tf.Tensor[] = [];
	const squareSums: tf.Tensor[] = [];
	for (const run of runs) {
		const rows = run.reshape([run.shape[0], -1]) as tf.Tensor2D;
		const count = rows.shape[1];
		const sum = tf.sum(rows, 1);
		// −x̄ repeated along each row, as the outer product Σx · (−1/n, …, −1/n), and added with
		// addN: the cpu backend broadcasts a column entry by entry, many times slower, and even
		// its sub of equal shapes takes twice as long as its addN.
		const deviations = tf.addN([rows, tf.matMul(sum.reshape([-1, 1]), tf.fill([1, count], -1 / count))]);
		sums.push(sum);
		deviationSums.push(tf.sum(deviations, 1));
		squareSums.push(tf.sum(tf.square(deviations), 1));
	}
	return tf.concat([...sums, ...deviationSums, ...squareSums]);
}

/**
 * The mean, variance and Σx² of n values from centredSums' sums. Σd would be 0 but for the
 * float32 rounding of x̄ (a sum of thousands of terms); it takes that error back out (the
 * corrected two-pass algorithm of Chan, Golub and LeVeque).
 */
function moments(sum: number, deviationSum: number, squareSum: number, count: number) {
	const rough = sum / count;
	const shift = deviationSum / count;
	return {
		mean: rough + shift,
		// At or below float32's resolution, rounding can leave this a hair under 0.
		variance: Math.max(0, squareSum / count - shift * shift),
		// Σ(x̄ + d)², expanded.
		squares: squareSum + 2 * rough * deviationSum + count * rough * rough
	};
}

/** moments() of an array read from a tensor, summed in float64. */
function arrayMoments(values: Float32Array) {
	let sum = 0;
	for (let i = 0; i < values.length; i++) sum += values[i];
	const mean = sum / values.length;
	let squareSum = 0;
	for (let i = 0; i < values.length; i++) squareSum += (values[i] - mean) ** 2;
	return { mean, variance: squareSum / values.length, squares: squareSum + values.length * mean * mean };
}

function batchMomentsOf(z: tf.Tensor2D) {
	const mean = tf.mean(z, 0);
	return { mean, variance: tf.mean(tf.square(tf.sub(z, mean)), 0) };
}

/** The mean logistic (binary cross-entropy) loss, finite for any logit: max(z, 0) − z·y + log(1 + e^−|z|). */
function logisticLoss(logit: tf.Tensor, y: tf.Tensor): tf.Scalar {
	return tf.mean(tf.add(tf.sub(tf.relu(logit), tf.mul(logit, y)), tf.log1p(tf.exp(tf.neg(tf.abs(logit)))))) as tf.Scalar;
}

function accuracyOf(logit: tf.Tensor, y: tf.Tensor): tf.Scalar {
	return tf.mean(tf.cast(tf.equal(tf.cast(tf.greater(logit, 0), 'float32'), y), 'float32')) as tf.Scalar;
}

/** Mean and standard deviation of each run of `size` values, in float64. */
function groupMoments(values: Float32Array, size: number) {
	const groups = Math.floor(values.length / size);
	const [means, stds] = [new Float64Array(groups), new Float64Array(groups)];
	for (let g = 0; g < groups; g++) {
		const { mean, variance } = arrayMoments(values.subarray(g * size, (g + 1) * size));
		[means[g], stds[g]] = [mean, Math.sqrt(variance)];
	}
	return { means, stds };
}

/** 0 … count − 1 in an order drawn from rng (Fisher–Yates). */
function shuffled(count: number, rng: Rng): Int32Array {
	const order = Int32Array.from({ length: count }, (_, i) => i);
	for (let i = count - 1; i > 0; i--) {
		const j = rng.int(i + 1);
		[order[i], order[j]] = [order[j], order[i]];
	}
	return order;
}

export class Network {
	readonly spec: NetworkSpec;
	#steps = 0;
	#rng: Rng;
	#x: tf.Tensor2D;
	#y: tf.Tensor2D;
	#count: number;
	#weights: tf.Variable[] = [];
	#biases: tf.Variable[] = [];
	#gammas: tf.Variable[] = [];
	#betas: tf.Variable[] = [];
	#runningMeans: tf.Variable[] = [];
	#runningVars: tf.Variable[] = [];
	#optimizer: tf.Optimizer;
	#branchScale: number;
	#dropoutRng: Rng;
	#validation: { x: tf.Tensor2D; y: tf.Tensor2D } | null = null;
	/** Early stopping: the lowest validation loss so far, when, and a copy of the weights then. */
	#best: { loss: number; step: number; saved: tf.Variable[] } | null = null;
	#stopped = false;
	/** The order `evaluateModes` takes the points in: fixed, so its groups are the same at every step. */
	#evaluationOrder: Int32Array;

	/** `validation`: points to measure the network on after each step, never trained on. */
	constructor(spec: NetworkSpec, data: LabelledPoints, seed: number, validation?: LabelledPoints) {
		if (!(Number.isInteger(spec.depth) && spec.depth >= 2)) throw new RangeError(`depth ${spec.depth}: at least 2 layers`);
		this.spec = spec;
		this.#branchScale = 1 / Math.sqrt(Math.max(1, spec.depth - 2));
		const root = createRng(seed);
		this.#rng = root.fork('batches');
		this.#dropoutRng = root.fork('dropout');
		this.#count = data.labels.length;
		this.#x = tf.tensor2d(data.points, [this.#count, 2]);
		this.#y = tf.tensor2d(data.labels, [this.#count, 1]);
		this.#evaluationOrder = shuffled(this.#count, root.fork('evaluation'));
		const prefix = `network-${++networksMade}`;
		const initRng = root.fork('init');
		for (let l = 0; l < spec.depth; l++) {
			const fanIn = l === 0 ? 2 : spec.width;
			const fanOut = l === spec.depth - 1 ? 1 : spec.width;
			const w = initWeights(spec.init, fanIn, fanOut, initRng);
			// tf.variable copies its initial tensor and leaves it alive: tidy frees it.
			const variable = (make: () => tf.Tensor, name: string, trainable = true) =>
				tf.tidy(() => tf.variable(make(), trainable, `${prefix}/${name}${l}`));
			this.#weights.push(variable(() => tf.tensor2d(w, [fanIn, fanOut]), 'w'));
			this.#biases.push(variable(() => tf.zeros([fanOut]), 'b'));
			if (spec.batchNorm && l < spec.depth - 1) {
				this.#gammas.push(variable(() => tf.ones([fanOut]), 'gamma'));
				this.#betas.push(variable(() => tf.zeros([fanOut]), 'beta'));
				this.#runningMeans.push(variable(() => tf.zeros([fanOut]), 'mean', false));
				this.#runningVars.push(variable(() => tf.ones([fanOut]), 'var', false));
			}
		}
		if (validation && validation.labels.length > 0) {
			const count = validation.labels.length;
			this.#validation = { x: tf.tensor2d(validation.points, [count, 2]), y: tf.tensor2d(validation.labels, [count, 1]) };
			if ((spec.patience ?? 0) > 0)
				this.#best = { loss: Infinity, step: 0, saved: this.#weightsAndStatistics.map((v) => tf.tidy(() => tf.variable(tf.clone(v), false, `${v.name}/best`))) };
		}
		this.#optimizer =
			spec.optimizer === 'adam' ? tf.train.adam(spec.lr) : spec.optimizer === 'momentum' ? tf.train.momentum(spec.lr, 0.9) : tf.train.sgd(spec.lr);
	}

	get steps(): number {
		return this.#steps;
	}

	get trainable(): tf.Variable[] {
		return [...this.#weights, ...this.#biases, ...this.#gammas, ...this.#betas];
	}

	/** What early stopping keeps a copy of: the trainable variables and batch norm's running statistics. */
	get #weightsAndStatistics(): tf.Variable[] {
		return [...this.trainable, ...this.#runningMeans, ...this.#runningVars];
	}

	/**
	 * The hidden outputs and the logit for inputs x. In training, batch norm uses the batch's
	 * statistics and hands them back (to update the running ones); otherwise the running ones.
	 */
	#forward(x: tf.Tensor2D, training: boolean, masks: tf.Tensor2D[] = [], groupSize?: number) {
		const { depth, activation, residual, batchNorm } = this.spec;
		const hidden: tf.Tensor2D[] = [];
		// Dropout acts on what a layer passes on; `hidden` keeps the outputs before it.
		const passed = (h: tf.Tensor2D, l: number) => (masks[l] ? (tf.mul(h, masks[l]) as tf.Tensor2D) : h);
		const batchMoments: { mean: tf.Tensor; variance: tf.Tensor }[] = [];
		// What goes into each hidden layer's batch norm, and what comes out (its activation's input).
		const preActivations: tf.Tensor2D[] = [];
		const activationInputs: tf.Tensor2D[] = [];
		const normalise = (z: tf.Tensor2D, l: number) => {
			preActivations.push(z);
			const out = !batchNorm ? z : training && groupSize ? this.#groupNormalise(z, l, groupSize) : this.#batchNormalise(z, l, training, batchMoments);
			activationInputs.push(out);
			return out;
		};
		const dense = (h: tf.Tensor2D, l: number) => tf.add(tf.matMul(h, this.#weights[l]), this.#biases[l]) as tf.Tensor2D;
		const act = (z: tf.Tensor2D) => applyActivation(activation, z) as tf.Tensor2D;
		let h = act(normalise(dense(x, 0), 0));
		hidden.push(h);
		for (let l = 1; l < depth - 1; l++) {
			// A residual block adds its branch to the stream; the branch applies the activation
			// first (a pre-activation block), so what it adds has mean zero and the stream does not drift.
			h = residual ? (tf.add(h, tf.mul(dense(act(normalise(passed(h, l - 1), l)), l), this.#branchScale)) as tf.Tensor2D) : act(normalise(dense(passed(h, l - 1), l), l));
			hidden.push(h);
		}
		const last = passed(h, depth - 2);
		const logit = dense(residual ? act(last) : last, depth - 1);
		return { hidden, logit, batchMoments, preActivations, activationInputs };
	}

	#batchNormalise(z: tf.Tensor2D, l: number, training: boolean, batchMoments: { mean: tf.Tensor; variance: tf.Tensor }[]) {
		// Written out: tf.moments breaks the backward pass here (its cast gets no gradient).
		const moments = training ? batchMomentsOf(z) : { mean: this.#runningMeans[l], variance: this.#runningVars[l] };
		if (training) batchMoments.push(moments);
		return tf.batchNorm(z, moments.mean, moments.variance, this.#betas[l], this.#gammas[l], BN_EPSILON) as tf.Tensor2D;
	}

	/** Training mode's normalisation for each run of `size` rows on its own, all in one go (no gradient needed). */
	#groupNormalise(z: tf.Tensor2D, l: number, size: number) {
		const [rows, width] = z.shape;
		const groups = tf.reshape(z, [rows / size, size, width]);
		const mean = tf.mean(groups, 1, true);
		const variance = tf.mean(tf.square(tf.sub(groups, mean)), 1, true);
		const scaled = tf.mul(tf.div(tf.sub(groups, mean), tf.sqrt(tf.add(variance, BN_EPSILON))), this.#gammas[l]);
		return tf.reshape(tf.add(scaled, this.#betas[l]), [rows, width]) as tf.Tensor2D;
	}

	/** Indices of this step's batch: a fresh random subset, or every point. */
	#batchIndices(): Int32Array | null {
		const size = Math.min(this.spec.batchSize, this.#count);
		if (size >= this.#count) return null;
		const order = Int32Array.from({ length: this.#count }, (_, i) => i);
		for (let i = 0; i < size; i++) {
			const j = i + this.#rng.int(this.#count - i);
			[order[i], order[j]] = [order[j], order[i]];
		}
		return order.slice(0, size);
	}

	/**
	 * One training step: forward and backward on a batch, the per-layer numbers, then the
	 * update (clipped if asked). With `apply: false` it only measures (the state at
	 * initialisation, say). A step that meets a non-finite number measures it and applies nothing.
	 */
	step({
		apply = true,
		recordActivations = false,
		recordPreActivations = false
	}: { apply?: boolean; recordActivations?: boolean; recordPreActivations?: boolean } = {}): StepResult {
		const { depth, clip } = this.spec;
		const indices = this.#batchIndices();
		const kept: tf.Tensor[] = [];
		const keep = <T extends tf.Tensor>(t: T) => (kept.push(t), tf.keep(t));
		try {
			const { x, y } = tf.tidy(() => {
				if (!indices) return { x: tf.clone(this.#x), y: tf.clone(this.#y) };
				const at = tf.tensor1d(indices, 'int32');
				return { x: tf.gather(this.#x, at), y: tf.gather(this.#y, at) };
			});
			kept.push(x, y);
			const maskArrays = this.#dropoutMasks(x.shape[0]);
			const masks = maskArrays.map((mask) => tf.tensor2d(mask, [x.shape[0], this.spec.width]));
			kept.push(...masks);
			const decay = this.spec.weightDecay ?? 0;
			let outputsKept: tf.Tensor2D[] = [];
			let momentsKept: { mean: tf.Tensor; variance: tf.Tensor }[] = [];
			let accuracyKept: tf.Tensor | null = null;
			let lossKept: tf.Scalar | null = null;
			let insideKept: tf.Tensor2D[][] = [];
			const { value: objective, grads } = tf.variableGrads(() => {
				const { hidden, logit, batchMoments, preActivations, activationInputs } = this.#forward(x, true, masks);
				const lossValue = logisticLoss(logit, y);
				outputsKept = [...hidden, logit].map((h) => keep(h));
				accuracyKept = keep(accuracyOf(logit, y));
				momentsKept = batchMoments.map(({ mean, variance }) => ({ mean: keep(mean), variance: keep(variance) }));
				lossKept = keep(lossValue);
				if (recordPreActivations) insideKept = [preActivations.map((t) => keep(t)), activationInputs.map((t) => keep(t))];
				if (decay <= 0) return lossValue;
				// Added one by one: addN's gradient calls Tensor.clone, which tfjs-core 4.22 lacks here.
				const squares = this.#weights.map((w) => tf.sum(tf.square(w))).reduce((total, next) => tf.add(total, next));
				return tf.add(lossValue, tf.mul(squares, decay)) as tf.Scalar;
			}, this.trainable);
			// The loss reported is the data's alone, without the penalty.
			const loss = lossKept!;
			kept.push(objective, ...Object.values(grads));

			// Everything the page reads, in one tensor and one read; the rest is arithmetic on a
			// few numbers. Tensors of one shape are stacked and reduced together (stackedRuns).
			// When the page wants the layers' outputs themselves, they are read once and their
			// moments taken from the arrays (float64, two passes): cheaper than reducing them here too.
			const outputArrays = recordActivations ? outputsKept.map((h) => h.dataSync() as Float32Array) : null;
			const [preArrays, inputArrays] = insideKept.map((tensors) => tensors.map((t) => t.dataSync() as Float32Array));
			const measured = [...this.#weights.map((w) => grads[w.name]), ...(outputArrays ? [] : outputsKept)];
			const summary = tf.tidy(() => {
				const otherGrads = [...this.#biases, ...this.#gammas, ...this.#betas].map((v) => grads[v.name]);
				return tf.concat([
					tf.stack([loss, accuracyKept!, tf.sum(sumsOfSquares(stackedRuns(otherGrads)))]),
					centredSums(stackedRuns(measured)),
					sumsOfSquares(stackedRuns(this.#weights))
				]);
			});
			const numbers = summary.dataSync() as Float32Array;
			summary.dispose();
			const block = (b: number) => numbers.subarray(3 + b * measured.length, 3 + (b + 1) * measured.length);
			const [sums, deviationSums, squareSums] = [0, 1, 2].map(block);
			// The weight gradients' statistics, then the layers' outputs'.
			const stats = [
				...measured.map((t, i) => moments(sums[i], deviationSums[i], squareSums[i], t.size)),
				...(outputArrays ?? []).map(arrayMoments)
			];
			const weightSquares = numbers.subarray(3 + 3 * measured.length);
			const layers: LayerStats[] = Array.from({ length: depth }, (_, l) => {
				const [grad, output] = [stats[l], stats[depth + l]];
				return {
					gradNorm: Math.sqrt(grad.squares),
					gradStd: Math.sqrt(grad.variance),
					weightNorm: Math.sqrt(weightSquares[l]),
					activationMean: output.mean,
					activationStd: Math.sqrt(output.variance)
				};
			});
			const globalGradNorm = Math.sqrt(stats.slice(0, depth).reduce((total, grad) => total + grad.squares, numbers[2]));
			const diverged = !Array.from(numbers).every(Number.isFinite) || !stats.every((m) => Number.isFinite(m.mean) && Number.isFinite(m.variance));
			const clipScale = clip > 0 && globalGradNorm > clip ? clip / globalGradNorm : 1;
			if (apply && !diverged && !this.#stopped) {
				tf.tidy(() => {
					const scaled = clipScale === 1 ? grads : Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, tf.mul(g, clipScale)]));
					this.#optimizer.applyGradients(scaled as tf.NamedTensorMap);
					momentsKept.forEach(({ mean, variance }, l) => {
						this.#runningMeans[l].assign(tf.add(tf.mul(this.#runningMeans[l], BN_MOMENTUM), tf.mul(mean, 1 - BN_MOMENTUM)));
						this.#runningVars[l].assign(tf.add(tf.mul(this.#runningVars[l], BN_MOMENTUM), tf.mul(variance, 1 - BN_MOMENTUM)));
					});
				});
				this.#steps++;
			}
			const evaluation = this.#validation && !diverged ? this.evaluate() : undefined;
			if (evaluation && this.#best && !this.#stopped) {
				if (evaluation.validationLoss < this.#best.loss) {
					this.#best.loss = evaluation.validationLoss;
					this.#best.step = this.#steps;
					this.#best.saved.forEach((copy, i) => copy.assign(this.#weightsAndStatistics[i]));
				} else if (this.#steps - this.#best.step >= this.spec.patience!) this.#stopEarly();
			}
			return {
				step: this.#steps,
				loss: numbers[0],
				accuracy: numbers[1],
				layers,
				globalGradNorm,
				clipScale,
				diverged,
				activations: outputArrays?.slice(0, -1),
				batch: indices,
				...(maskArrays.length && maskArrays.length * maskArrays[0].length <= DROPOUT_RECORD_LIMIT ? { dropoutKept: maskArrays.map(packedBits) } : {}),
				...(evaluation ? { evaluation } : {}),
				...(this.#best ? { bestStep: this.#best.step, stopped: this.#stopped } : {}),
				...(recordPreActivations ? { preActivations: preArrays, activationInputs: inputArrays } : {})
			};
		} finally {
			tf.dispose(kept);
		}
	}

	/** One mask per hidden layer for a batch of `rows` ([rows × width] row by row), from the dropout stream; none without dropout. */
	#dropoutMasks(rows: number): Float32Array[] {
		const rate = this.spec.dropout ?? 0;
		if (!(rate > 0)) return [];
		const { depth, width } = this.spec;
		return Array.from({ length: depth - 1 }, () => invertedDropoutMask(this.#dropoutRng, rows * width, rate));
	}

	/** Early stopping ends training: the weights of the best step come back. */
	#stopEarly() {
		this.#best!.saved.forEach((copy, i) => this.#weightsAndStatistics[i].assign(copy));
		this.#stopped = true;
	}

	/** Early stopping has ended training; `step` then measures the weights it kept and applies nothing. */
	get stopped(): boolean {
		return this.#stopped;
	}

	/** Loss and accuracy on the whole training set and the validation set, in inference mode (no dropout); null without a validation set. */
	evaluate(): Evaluation | null {
		const validation = this.#validation;
		if (!validation) return null;
		const numbers = tf.tidy(() => {
			const measure = (x: tf.Tensor2D, y: tf.Tensor2D) => {
				const { logit } = this.#forward(x, false);
				return [logisticLoss(logit, y), accuracyOf(logit, y)];
			};
			return tf.stack([...measure(this.#x, this.#y), ...measure(validation.x, validation.y)]).dataSync();
		});
		return { trainLoss: numbers[0], trainAccuracy: numbers[1], validationLoss: numbers[2], validationAccuracy: numbers[3] };
	}

	/**
	 * Loss and accuracy on the training set in training mode (groups of `groupSize` points,
	 * each normalised with its own statistics) and in inference mode (running statistics),
	 * on the same points: floor(n / groupSize) whole groups of the fixed shuffled order.
	 */
	evaluateModes(groupSize: number): ModeEvaluation {
		const size = Math.max(1, Math.min(Math.floor(groupSize), this.#count));
		const count = size * Math.floor(this.#count / size);
		const { batchNorm } = this.spec;
		const numbers = tf.tidy(() => {
			const at = tf.tensor1d(this.#evaluationOrder.subarray(0, count), 'int32');
			const [x, y] = [tf.gather(this.#x, at), tf.gather(this.#y, at)];
			const train = this.#forward(x, true, [], size);
			const inference = this.#forward(x, false);
			const unit = batchNorm
				? [tf.reshape(tf.slice(train.preActivations[0], [0, 0], [count, 1]), [count]), tf.slice(this.#runningMeans[0], 0, 1), tf.slice(this.#runningVars[0], 0, 1)]
				: [];
			return tf.concat([tf.stack([logisticLoss(train.logit, y), accuracyOf(train.logit, y), logisticLoss(inference.logit, y), accuracyOf(inference.logit, y)]), ...unit]).dataSync() as Float32Array;
		});
		let unit: ModeEvaluation['unit'] = null;
		if (batchNorm) {
			const values = numbers.subarray(4, 4 + count);
			const whole = arrayMoments(values);
			const groups = groupMoments(values, size);
			unit = {
				groupMeans: groups.means,
				groupStds: groups.stds,
				mean: whole.mean,
				std: Math.sqrt(whole.variance),
				runningMean: numbers[4 + count],
				runningStd: Math.sqrt(numbers[5 + count])
			};
		}
		return { trainLoss: numbers[0], trainAccuracy: numbers[1], inferenceLoss: numbers[2], inferenceAccuracy: numbers[3], groupSize: size, count, unit };
	}

	/**
	 * Every parameter as it stands now (after the latest update), copied. Each is read on its
	 * own: a concat of them all into one read takes 25 times longer (13 ms at 16 × 64 on wasm).
	 */
	parameters(): NetworkParameters {
		const read = (variables: tf.Variable[]) => variables.map((v) => (v.dataSync() as Float32Array).slice());
		return {
			weights: read(this.#weights),
			biases: read(this.#biases),
			gammas: read(this.#gammas),
			betas: read(this.#betas),
			runningMeans: read(this.#runningMeans),
			runningVars: read(this.#runningVars)
		};
	}

	/**
	 * The fixed order `evaluateModes` takes the training points in (its first `count` rows,
	 * cut into groups of `groupSize`): an export needs it to form the same groups.
	 */
	get evaluationOrder(): Int32Array {
		return this.#evaluationOrder.slice();
	}

	/** Hidden layer l's batch norm (0-based): scale γ, shift β and the running statistics; null without batch norm. */
	batchNormState(l: number): { gamma: Float32Array; beta: Float32Array; runningMean: Float32Array; runningVar: Float32Array } | null {
		if (!this.spec.batchNorm) return null;
		const read = (v: tf.Variable[]) => v[l].dataSync() as Float32Array;
		return { gamma: read(this.#gammas), beta: read(this.#betas), runningMean: read(this.#runningMeans), runningVar: read(this.#runningVars) };
	}

	/** P(class 1) at each point (flat x0, y0, …), with batch norm's running statistics. */
	predict(points: Float32Array): Float32Array {
		return tf.tidy(() => {
			const { logit } = this.#forward(tf.tensor2d(points, [points.length / 2, 2]), false);
			return tf.sigmoid(logit).dataSync() as Float32Array;
		});
	}

	/** Layer l's weights (0-based), fanIn × fanOut row by row: column j holds unit j's incoming weights. */
	weights(l: number): Float32Array {
		return this.#weights[l].dataSync() as Float32Array;
	}

	/** Layer l's biases (0-based), one per unit. */
	biases(l: number): Float32Array {
		return this.#biases[l].dataSync() as Float32Array;
	}

	dispose() {
		tf.dispose([this.#x, this.#y, ...this.trainable, ...this.#runningMeans, ...this.#runningVars]);
		if (this.#validation) tf.dispose([this.#validation.x, this.#validation.y]);
		if (this.#best) tf.dispose(this.#best.saved);
		this.#optimizer.dispose();
		// MomentumOptimizer.dispose forgets the learning-rate scalar its parent class keeps
		// (tensorflow/tfjs#4647, still in 4.22).
		if (this.spec.optimizer === 'momentum') (this.#optimizer as unknown as { c?: tf.Tensor }).c?.dispose();
	}
}
