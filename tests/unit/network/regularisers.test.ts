// Dropout, L2 weight decay, a validation set and early stopping in the network core, each
// checked against a second computation written here: float64 forward passes, finite
// differences, averages over many masks.
import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import { liveTensors } from '$lib/engine/leaks';
import { createRng } from '$lib/engine/rng';
import { DROPOUT_RECORD_LIMIT, invertedDropoutMask, Network, packedBits, type NetworkSpec } from '$lib/network/network';
import { Networks } from '$lib/network/networks';
import { NetworkTraining } from '$lib/network/training.svelte';
import { gridOverSquare, makeClassificationSet, type LabelledPoints } from '$lib/network/datasets';
import type { Outcome } from '$lib/network/protocol';
import { expectClose } from '../helpers/close';

const SPEC: NetworkSpec = {
	depth: 3,
	width: 16,
	activation: 'relu',
	init: { scheme: 'he-normal' },
	residual: false,
	batchNorm: false,
	optimizer: 'sgd',
	lr: 0.1,
	clip: 0,
	batchSize: 1000
};
const TRAINING = makeClassificationSet('xor', 40, 1);
const VALIDATION = makeClassificationSet('xor', 200, 2);

function withNetwork<T>(spec: NetworkSpec, use: (net: Network) => T, validation: LabelledPoints | null = VALIDATION): T {
	const net = new Network(spec, TRAINING, 1, validation ?? undefined);
	try {
		return use(net);
	} finally {
		net.dispose();
	}
}

interface Parameters {
	weights: Float64Array[];
	biases: Float64Array[];
}

const parametersOf = (net: Network): Parameters => ({
	weights: Array.from({ length: net.spec.depth }, (_, l) => Float64Array.from(net.weights(l))),
	biases: Array.from({ length: net.spec.depth }, (_, l) => Float64Array.from(net.biases(l)))
});

/** The ReLU network's logits in float64, written out: no TF.js, no dropout. */
function plainLogits({ weights, biases }: Parameters, points: Float32Array): number[] {
	const logits: number[] = [];
	for (let s = 0; s < points.length / 2; s++) {
		let h = [points[2 * s], points[2 * s + 1]];
		weights.forEach((w, l) => {
			const fanOut = biases[l].length;
			const z = Array.from({ length: fanOut }, (_, j) => h.reduce((sum, v, i) => sum + v * w[i * fanOut + j], biases[l][j]));
			h = l < weights.length - 1 ? z.map((v) => Math.max(0, v)) : z;
		});
		logits.push(h[0]);
	}
	return logits;
}

/** Mean log loss in float64: −[y log σ(z) + (1 − y) log(1 − σ(z))], in a form that stays finite. */
function plainLogLoss(parameters: Parameters, set: LabelledPoints): number {
	const logits = plainLogits(parameters, set.points);
	return logits.reduce((sum, z, i) => sum + Math.max(z, 0) - z * set.labels[i] + Math.log1p(Math.exp(-Math.abs(z))), 0) / logits.length;
}

const plainAccuracy = (parameters: Parameters, set: LabelledPoints) =>
	plainLogits(parameters, set.points).reduce((right, z, i) => right + ((z > 0 ? 1 : 0) === set.labels[i] ? 1 : 0), 0) / set.labels.length;

describe('inverted dropout', () => {
	it('invertedDropoutMask: a share p of zeros, the rest 1/(1 − p), so the mean is 1', () => {
		for (const rate of [0.1, 0.5, 0.8]) {
			const mask = invertedDropoutMask(createRng(3), 100_000, rate);
			const zeros = mask.filter((m) => m === 0).length / mask.length;
			// Binomial: 4 standard deviations of the share.
			expect(Math.abs(zeros - rate)).toBeLessThan(4 * Math.sqrt((rate * (1 - rate)) / mask.length));
			expect(new Set(mask)).toEqual(new Set([0, Math.fround(1 / (1 - rate))]));
		}
	});

	it('the mean over many masks of a dropped-out layer’s logit equals the logit without dropout', () => {
		// A network of one hidden layer: its logit is linear in the masked hidden outputs, so its mean over masks is exactly the unmasked logit.
		withNetwork({ ...SPEC, depth: 2, dropout: 0.5 }, (net) => {
			const parameters = parametersOf(net);
			const points = TRAINING.points.subarray(0, 10);
			const width = SPEC.width;
			const hidden = Array.from({ length: 5 }, (_, s) => Array.from({ length: width }, (_, j) => Math.max(0, points[2 * s] * parameters.weights[0][j] + points[2 * s + 1] * parameters.weights[0][width + j])));
			const unmasked = plainLogits(parameters, points);
			const rng = createRng(9);
			const masks = 20_000;
			const sums = new Float64Array(5);
			for (let k = 0; k < masks; k++) {
				const mask = invertedDropoutMask(rng, 5 * width, 0.5);
				hidden.forEach((h, s) => (sums[s] += h.reduce((sum, v, j) => sum + v * mask[s * width + j] * parameters.weights[1][j], parameters.biases[1][0])));
			}
			hidden.forEach((h, s) => {
				// Each term's spread over masks is |v·w|·√(p/(1 − p)) = |v·w| at p = 0.5; 5 standard errors.
				const spread = Math.sqrt(h.reduce((sum, v, j) => sum + (v * parameters.weights[1][j]) ** 2, 0));
				expectClose(sums[s] / masks, unmasked[s], { abs: (5 * spread) / Math.sqrt(masks) + 1e-6, rel: 0 });
			});
			// And the network's own prediction, at inference, is that unmasked logit.
			const probabilities = net.predict(points);
			unmasked.forEach((z, s) => expectClose(probabilities[s], 1 / (1 + Math.exp(-z)), { abs: 1e-6, rel: 1e-5 }));
		});
	});

	it('inference applies no mask: predictions and evaluations equal those of the same weights without dropout, every time', () => {
		const grid = gridOverSquare(8);
		const [plain, dropped] = [0, 0.6].map((dropout) =>
			withNetwork({ ...SPEC, dropout }, (net) => ({ first: net.predict(grid), again: net.predict(grid), evaluation: net.evaluate()!, measured: net.step({ apply: false }).loss }))
		);
		expect(Array.from(dropped.first)).toEqual(Array.from(plain.first));
		expect(Array.from(dropped.again)).toEqual(Array.from(dropped.first));
		expect(dropped.evaluation).toEqual(plain.evaluation);
		// In training the masks are on: the batch loss is not the evaluation's.
		expect(dropped.measured).not.toBeCloseTo(plain.measured, 4);
		expectClose(plain.measured, plain.evaluation.trainLoss, { abs: 1e-6, rel: 1e-5 });
	});

	it('dropout leaves the starting weights and the batches alone: only the masks differ', () => {
		const [a, b] = [0, 0.5].map((dropout) => withNetwork({ ...SPEC, dropout }, (net) => parametersOf(net)));
		expect(a).toEqual(b);
	});
});

describe('L2 weight decay', () => {
	const LAMBDA = 0.02;

	it('one SGD step moves the weights by η·(∇L + 2λW): the update equals η times a float64 finite difference of L + λ·Σ‖W‖²', () => {
		const [before, plainAfter, decayedAfter] = [
			withNetwork(SPEC, (net) => parametersOf(net)),
			withNetwork(SPEC, (net) => (net.step(), parametersOf(net))),
			withNetwork({ ...SPEC, weightDecay: LAMBDA }, (net) => (net.step(), parametersOf(net)))
		];
		const objective = (p: Parameters) => plainLogLoss(p, TRAINING) + LAMBDA * p.weights.reduce((sum, w) => sum + w.reduce((s, v) => s + v * v, 0), 0);
		const h = 1e-6;
		const rng = createRng(4);
		for (let k = 0; k < 12; k++) {
			const l = rng.int(SPEC.depth);
			const i = rng.int(before.weights[l].length);
			const nudged = (delta: number) => {
				const weights = before.weights.map((w) => w.slice());
				weights[l][i] += delta;
				return objective({ weights, biases: before.biases });
			};
			const finiteDifference = (nudged(h) - nudged(-h)) / (2 * h);
			const applied = (before.weights[l][i] - decayedAfter.weights[l][i]) / SPEC.lr;
			expectClose(applied, finiteDifference, { abs: 2e-5, rel: 1e-3 });
			// The penalty's part alone: 2λW, the difference from the same step without decay.
			const penaltyPart = (plainAfter.weights[l][i] - decayedAfter.weights[l][i]) / SPEC.lr;
			expectClose(penaltyPart, 2 * LAMBDA * before.weights[l][i], { abs: 2e-6, rel: 1e-3 });
		}
		// Biases are not penalised: their step is the same with or without decay.
		decayedAfter.biases.forEach((b, l) => expect(Array.from(b)).toEqual(Array.from(plainAfter.biases[l])));
	});

	it('the loss reported is the data’s alone, without the penalty', () => {
		const [plain, decayed] = [0, 0.5].map((weightDecay) => withNetwork({ ...SPEC, weightDecay }, (net) => net.step({ apply: false }).loss));
		expect(decayed).toBe(plain);
	});
});

describe('the validation set', () => {
	it('evaluation: the losses and accuracies of both sets equal a float64 forward pass of the trained weights', () => {
		withNetwork({ ...SPEC, dropout: 0.3, weightDecay: 1e-3 }, (net) => {
			let last = net.step();
			for (let i = 0; i < 30; i++) last = net.step();
			const parameters = parametersOf(net);
			const evaluation = last.evaluation!;
			expectClose(evaluation.validationLoss, plainLogLoss(parameters, VALIDATION), { abs: 1e-5, rel: 1e-4 });
			expectClose(evaluation.trainLoss, plainLogLoss(parameters, TRAINING), { abs: 1e-5, rel: 1e-4 });
			expectClose(evaluation.validationAccuracy, plainAccuracy(parameters, VALIDATION), { abs: 1e-6, rel: 0 });
			expectClose(evaluation.trainAccuracy, plainAccuracy(parameters, TRAINING), { abs: 1e-6, rel: 0 });
		});
	});

	it('without a validation set a step reports no evaluation, as before', () => {
		withNetwork(SPEC, (net) => expect(net.step().evaluation).toBeUndefined(), null);
	});
});

describe('early stopping', () => {
	const OVERFITTING: NetworkSpec = { ...SPEC, depth: 4, width: 64, optimizer: 'adam', lr: 0.01, patience: 10 };
	const noisy = (set: LabelledPoints, seed: number) => {
		const rng = createRng(seed);
		return { points: set.points, labels: set.labels.map((y) => (rng.next() < 0.2 ? 1 - y : y)) };
	};

	it('stops `patience` epochs after the lowest validation loss, with that epoch’s weights back, and then stays put', () => {
		const net = new Network(OVERFITTING, noisy(TRAINING, 5), 1, noisy(VALIDATION, 6));
		try {
			const curve = [net.step({ apply: false }).evaluation!.validationLoss];
			const saved: Parameters[] = [parametersOf(net)];
			let last = net.step();
			while (!last.stopped && last.step < 400) {
				curve.push(last.evaluation!.validationLoss);
				saved.push(parametersOf(net));
				last = net.step();
			}
			expect(last.stopped).toBe(true);
			curve.push(last.evaluation!.validationLoss);
			const argmin = curve.indexOf(Math.min(...curve));
			expect(last.bestStep).toBe(argmin);
			expect(last.step).toBe(argmin + OVERFITTING.patience!);
			// The weights are the best epoch's again, and the validation loss theirs.
			expect(parametersOf(net)).toEqual(saved[argmin]);
			expect(net.evaluate()!.validationLoss).toBe(curve[argmin]);
			const after = net.step();
			expect(after.step).toBe(last.step);
			expect(parametersOf(net)).toEqual(saved[argmin]);
		} finally {
			net.dispose();
		}
	});

	it('with batch norm, the running statistics come back too: predictions after stopping are the best epoch’s', () => {
		const grid = gridOverSquare(6);
		const net = new Network({ ...OVERFITTING, batchNorm: true, patience: 5 }, noisy(TRAINING, 5), 1, noisy(VALIDATION, 6));
		try {
			const predictions = [Array.from(net.predict(grid))];
			let last = net.step();
			while (!last.stopped && last.step < 400) {
				predictions.push(Array.from(net.predict(grid)));
				last = net.step();
			}
			expect(last.stopped).toBe(true);
			expect(Array.from(net.predict(grid))).toEqual(predictions[last.bestStep!]);
		} finally {
			net.dispose();
		}
	});

	it('Networks does not step a stopped network again, and NetworkTraining records both curves and finishes', async () => {
		const setup = { spec: OVERFITTING, data: noisy(TRAINING, 5), validation: noisy(VALIDATION, 6), seed: 1 };
		const training = new NetworkTraining({ maxSteps: 400, grid: gridOverSquare(4) });
		const close = training.open();
		training.reset([setup]);
		const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
		const end = Date.now() + 30_000;
		while (!training.finished && Date.now() < end) {
			training.step();
			await settle();
		}
		await training.settled();
		const [run] = training.runs;
		expect(run.stopped).toBe(true);
		expect(training.finished).toBe(true);
		expect(run.latest.step).toBeLessThan(400);
		expect(run.count).toBe(run.latest.step + 1);
		const steps = Array.from({ length: run.count }, (_, i) => run.validationLoss![2 * i]);
		expect(steps).toEqual(steps.map((_, i) => i));
		// The best step the network kept is the curve's argmin.
		const values = Array.from({ length: run.count }, (_, i) => run.validationLoss![2 * i + 1]);
		expect(run.latest.bestStep).toBe(values.indexOf(Math.min(...values)));
		expect(run.boundary).not.toBeNull();
		close();
	});

	it('a stopped network’s outcome repeats without stepping it; the other network goes on', () => {
		const networks = new Networks();
		const quick = { ...OVERFITTING, patience: 1 };
		networks.handle({
			type: 'reset',
			generation: 1,
			setups: [
				{ spec: quick, data: noisy(TRAINING, 5), validation: noisy(VALIDATION, 6), seed: 1 },
				{ spec: SPEC, data: TRAINING, seed: 1 }
			],
			grid: gridOverSquare(4)
		});
		let outcomes: Outcome[] = [];
		for (let i = 0; i < 400 && !outcomes[0]?.latest.stopped; i++) outcomes = (networks.handle({ type: 'step', generation: 1, boundary: false }) as { outcomes: Outcome[] }).outcomes;
		expect(outcomes[0].latest.stopped).toBe(true);
		expect(outcomes[0].boundary).not.toBeNull();
		const stoppedAt = outcomes[0].latest.step;
		const next = (networks.handle({ type: 'step', generation: 1, boundary: true }) as { outcomes: Outcome[] }).outcomes;
		expect(next[0].latest.step).toBe(stoppedAt);
		expect(next[0].boundary).toBeNull();
		expect(next[1].latest.step).toBe(outcomes[1].latest.step + 1);
		networks.dispose();
	});
});

describe('tensors', () => {
	it('no tensor leak with dropout, weight decay, a validation set and early stopping, while training, after stopping or after dispose', () => {
		const start = liveTensors();
		const spec: NetworkSpec = { ...SPEC, optimizer: 'adam', dropout: 0.4, weightDecay: 1e-3, patience: 5 };
		const net = new Network(spec, TRAINING, 1, VALIDATION);
		net.step();
		const before = liveTensors();
		for (let i = 0; i < 100; i++) net.step();
		net.predict(new Float32Array(200));
		net.evaluate();
		expect(liveTensors()).toBe(before);
		net.dispose();
		expect(liveTensors()).toBe(start);
		expect(tf.memory().numTensors).toBe(start);
	});
});

describe('the dropout record an export replays', () => {
	it('packedBits puts the first value in the highest bit, as NumPy unpackbits reads it', () => {
		expect(Array.from(packedBits([1, 0, 0, 0, 0, 0, 0, 1, 0.5, 0]))).toEqual([0b10000001, 0b10000000]);
		expect(Array.from(packedBits([]))).toEqual([]);
	});

	it('a step records the masks it applied, packed, and none past the limit', () => {
		withNetwork({ ...SPEC, dropout: 0.5 }, (net) => {
			const { dropoutKept } = net.step();
			expect(dropoutKept).toHaveLength(SPEC.depth - 1);
			const kept = dropoutKept!.map((bytes) => Array.from(bytes, (b) => b.toString(2).split('1').length - 1).reduce((a, b) => a + b, 0));
			// 40 points × 16 units, each kept with probability ½: far from all or none.
			for (const count of kept) {
				expect(count).toBeGreaterThan(200);
				expect(count).toBeLessThan(440);
			}
			expect(dropoutKept![0]).toHaveLength((40 * 16) / 8);
		});
		const wide = Math.ceil(DROPOUT_RECORD_LIMIT / (40 * 2)) + 1;
		withNetwork({ ...SPEC, width: wide, dropout: 0.5 }, (net) => expect(net.step().dropoutKept).toBeUndefined());
	});
});
