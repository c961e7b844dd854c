import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import { createRng } from '$lib/engine/rng';
import { BN_EPSILON, BN_MOMENTUM, Network, type NetworkSpec } from '$lib/network/network';
import { makeClassificationSet, type LabelledPoints } from '$lib/network/datasets';
import { Networks } from '$lib/network/networks';
import type { Outcome } from '$lib/network/protocol';
import { defaultValues } from '$lib/widget/schema';
import { schema, type BatchNormParams } from '$lib/concepts/batch-norm/params';
import { meta } from '$lib/concepts/batch-norm/meta';
import {
	batchOffsets,
	BOUNDARY_GRID,
	choicesOf,
	DATA_POINTS,
	DETAIL,
	largestLearning,
	meanSpread,
	networkSpec,
	rmsOffset,
	runningOffset,
	sweepKey,
	verdictOf,
	type SweepOutcome
} from '$lib/concepts/batch-norm/sim';
import { expectClose } from '../helpers/close';

const circles = makeClassificationSet('circles', DATA_POINTS, 1);
/** Tests that train depth-10 networks for a few hundred steps: slow on the cpu backend of a busy machine. */
const HEAVY = 180_000;

const spec = (over: Partial<NetworkSpec> = {}): NetworkSpec => ({
	depth: 4,
	width: 8,
	activation: 'tanh',
	init: { scheme: 'xavier-normal' },
	residual: false,
	batchNorm: true,
	optimizer: 'sgd',
	lr: 0.3,
	clip: 0,
	batchSize: 32,
	...over
});

function withNetwork<T>(s: NetworkSpec, use: (net: Network) => T, data: LabelledPoints = circles, seed = 1): T {
	const net = new Network(s, data, seed);
	try {
		return use(net);
	} finally {
		net.dispose();
	}
}

/** Per column of a rows × width matrix: mean and variance (dividing by rows), in float64. */
function columnMoments(values: Float32Array, width: number) {
	const rows = values.length / width;
	const means = new Float64Array(width);
	const variances = new Float64Array(width);
	for (let j = 0; j < width; j++) {
		let sum = 0;
		for (let r = 0; r < rows; r++) sum += values[r * width + j];
		means[j] = sum / rows;
		let squares = 0;
		for (let r = 0; r < rows; r++) squares += (values[r * width + j] - means[j]) ** 2;
		variances[j] = squares / rows;
	}
	return { means, variances };
}

const logistic = (z: number, y: number) => Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));

describe('batch norm in training mode, against a float64 normalisation', () => {
	it('at the start (γ = 1, β = 0) each unit comes out with batch mean 0 and variance 1', () => {
		withNetwork(spec(), (net) => {
			const { preActivations, activationInputs } = net.step({ apply: false, recordPreActivations: true });
			expect(preActivations).toHaveLength(3);
			preActivations!.forEach((pre, l) => {
				const { means, variances } = columnMoments(pre, 8);
				const out = activationInputs![l];
				for (let r = 0; r < 32; r++)
					for (let j = 0; j < 8; j++) expectClose(out[r * 8 + j], (pre[r * 8 + j] - means[j]) / Math.sqrt(variances[j] + BN_EPSILON), { abs: 2e-5, rel: 1e-4 });
				const normalised = columnMoments(out, 8);
				for (let j = 0; j < 8; j++) {
					expectClose(normalised.means[j], 0, { abs: 1e-5 });
					expectClose(normalised.variances[j], variances[j] / (variances[j] + BN_EPSILON), { abs: 1e-4 });
				}
			});
		});
	});

	it('after training, the output is γ·(z − μ_B)/√(σ_B² + ε) + β with the learnt γ and β', () => {
		withNetwork(spec(), (net) => {
			for (let i = 0; i < 25; i++) net.step();
			const { preActivations, activationInputs } = net.step({ apply: false, recordPreActivations: true });
			preActivations!.forEach((pre, l) => {
				const { gamma, beta } = net.batchNormState(l)!;
				expect(Array.from(gamma).some((g) => Math.abs(g - 1) > 1e-3)).toBe(true);
				const { means, variances } = columnMoments(pre, 8);
				const out = activationInputs![l];
				for (let r = 0; r < 32; r++)
					for (let j = 0; j < 8; j++) {
						const expected = (gamma[j] * (pre[r * 8 + j] - means[j])) / Math.sqrt(variances[j] + BN_EPSILON) + beta[j];
						expectClose(out[r * 8 + j], expected, { abs: 5e-5, rel: 1e-4 });
					}
			});
		});
	});

	it('without batch norm, what the activation receives is W·h + b itself', () => {
		withNetwork(spec({ batchNorm: false }), (net) => {
			const { preActivations, activationInputs } = net.step({ apply: false, recordPreActivations: true });
			expect(activationInputs).toEqual(preActivations);
			expect(net.batchNormState(0)).toBeNull();
		});
	});
});

describe('running statistics', () => {
	it(`follow an exponential moving average with momentum ${BN_MOMENTUM} of the batch mean and (biased) variance`, () => {
		withNetwork(spec({ batchSize: 16 }), (net) => {
			const running = Array.from({ length: 3 }, () => ({ mean: new Float64Array(8), variance: new Float64Array(8).fill(1) }));
			for (let step = 0; step < 30; step++) {
				const { preActivations, diverged } = net.step({ recordPreActivations: true });
				expect(diverged).toBe(false);
				preActivations!.forEach((pre, l) => {
					const { means, variances } = columnMoments(pre, 8);
					for (let j = 0; j < 8; j++) {
						running[l].mean[j] = BN_MOMENTUM * running[l].mean[j] + (1 - BN_MOMENTUM) * means[j];
						running[l].variance[j] = BN_MOMENTUM * running[l].variance[j] + (1 - BN_MOMENTUM) * variances[j];
					}
				});
			}
			running.forEach(({ mean, variance }, l) => {
				const state = net.batchNormState(l)!;
				for (let j = 0; j < 8; j++) {
					expectClose(state.runningMean[j], mean[j], { abs: 1e-5, rel: 1e-4 });
					expectClose(state.runningVar[j], variance[j], { abs: 1e-5, rel: 1e-4 });
				}
			});
		});
	});
});

describe('inference mode', () => {
	it('is the affine map γ (z − μ̂)/√(σ̂² + ε) + β: for one linear hidden layer, logit = a·x + c, computed by hand', () => {
		withNetwork(spec({ depth: 2, width: 6, activation: 'linear', lr: 0.1 }), (net) => {
			for (let i = 0; i < 30; i++) net.step();
			const [w1, b1, w2, b2] = [net.weights(0), net.biases(0), net.weights(1), net.biases(1)];
			const { gamma, beta, runningMean, runningVar } = net.batchNormState(0)!;
			let [ax, ay, c] = [0, 0, b2[0]];
			for (let j = 0; j < 6; j++) {
				const scale = gamma[j] / Math.sqrt(runningVar[j] + BN_EPSILON);
				ax += w2[j] * scale * w1[j];
				ay += w2[j] * scale * w1[6 + j];
				c += w2[j] * (scale * (b1[j] - runningMean[j]) + beta[j]);
			}
			const logit = (x: number, y: number) => ax * x + ay * y + c;
			const predicted = net.predict(BOUNDARY_GRID);
			for (let i = 0; i < predicted.length; i++) expectClose(predicted[i], 1 / (1 + Math.exp(-logit(BOUNDARY_GRID[2 * i], BOUNDARY_GRID[2 * i + 1]))), { abs: 1e-5 });
			// The evaluation's inference loss, over the whole set (32 divides 256), is that map's loss.
			const evaluation = net.evaluateModes(32);
			expect(evaluation.count).toBe(DATA_POINTS);
			let loss = 0;
			for (let i = 0; i < DATA_POINTS; i++) loss += logistic(logit(circles.points[2 * i], circles.points[2 * i + 1]), circles.labels[i]);
			expectClose(evaluation.inferenceLoss, loss / DATA_POINTS, { abs: 1e-5, rel: 1e-4 });
		});
	});

	it('training mode on one group of the whole set normalises with the whole set’s statistics', () => {
		withNetwork(spec({ depth: 2, width: 6, activation: 'linear', lr: 0.1 }), (net) => {
			for (let i = 0; i < 10; i++) net.step();
			const [w1, b1, w2, b2] = [net.weights(0), net.biases(0), net.weights(1), net.biases(1)];
			const { gamma, beta } = net.batchNormState(0)!;
			const z = new Float32Array(DATA_POINTS * 6);
			for (let i = 0; i < DATA_POINTS; i++)
				for (let j = 0; j < 6; j++) z[i * 6 + j] = circles.points[2 * i] * w1[j] + circles.points[2 * i + 1] * w1[6 + j] + b1[j];
			const { means, variances } = columnMoments(z, 6);
			let loss = 0;
			for (let i = 0; i < DATA_POINTS; i++) {
				let logit = b2[0];
				for (let j = 0; j < 6; j++) logit += w2[j] * ((gamma[j] * (z[i * 6 + j] - means[j])) / Math.sqrt(variances[j] + BN_EPSILON) + beta[j]);
				loss += logistic(logit, circles.labels[i]);
			}
			expectClose(net.evaluateModes(DATA_POINTS).trainLoss, loss / DATA_POINTS, { abs: 2e-5, rel: 1e-4 });
		});
	});

	it('without batch norm both modes are the same network', () => {
		withNetwork(spec({ batchNorm: false }), (net) => {
			for (let i = 0; i < 5; i++) net.step();
			const e = net.evaluateModes(8);
			expectClose(e.trainLoss, e.inferenceLoss, { abs: 1e-6 });
			expect(e.unit).toBeNull();
		});
	});
});

describe('batch statistics', () => {
	it('the groups of an evaluation split the set: whole batches, their means averaging to the whole set’s', () => {
		withNetwork(spec(), (net) => {
			const e = net.evaluateModes(20);
			expect(e.count).toBe(240);
			expect(e.unit!.groupMeans).toHaveLength(12);
			const average = e.unit!.groupMeans.reduce((a, b) => a + b, 0) / 12;
			expectClose(average, e.unit!.mean, { abs: 1e-5, rel: 1e-4 });
			expect(net.evaluateModes(1000).groupSize).toBe(DATA_POINTS);
		});
	});

	it('meanSpread is the standard error of a mean drawn without replacement, checked by simulation', () => {
		const rng = createRng(7);
		const population = Float64Array.from({ length: 100 }, () => rng.normal() * 3 + 1);
		const mean = population.reduce((a, b) => a + b) / 100;
		const std = Math.sqrt(population.reduce((s, v) => s + (v - mean) ** 2, 0) / 100);
		for (const b of [2, 10, 50]) {
			let squares = 0;
			const trials = 4000;
			for (let t = 0; t < trials; t++) {
				const order = Array.from({ length: 100 }, (_, i) => i);
				let sum = 0;
				for (let i = 0; i < b; i++) {
					const j = i + rng.int(100 - i);
					[order[i], order[j]] = [order[j], order[i]];
					sum += population[order[i]];
				}
				squares += ((sum / b - mean) / std) ** 2;
			}
			expectClose(Math.sqrt(squares / trials), meanSpread(b, 100), { abs: 0, rel: 0.05 });
		}
		expect(meanSpread(100, 100)).toBe(0);
	});

	it('the evaluation’s batch means of layer 1 scatter as meanSpread says, smaller batches more', () => {
		const spreads = [4, 32].map((b) => {
			const values = [1, 2, 3, 4, 5, 6].map((seed) => withNetwork(spec(), (net) => rmsOffset(batchOffsets(net.evaluateModes(b).unit!)), circles, seed));
			return values.reduce((a, v) => a + v, 0) / values.length;
		});
		expectClose(spreads[0], meanSpread(4, DATA_POINTS), { abs: 0, rel: 0.15 });
		expectClose(spreads[1], meanSpread(32, DATA_POINTS), { abs: 0, rel: 0.3 });
	});

	it('batchOffsets and runningOffset: relative to the whole set, nothing for a unit that does not vary', () => {
		const unit = { groupMeans: Float64Array.from([1, 3]), groupStds: Float64Array.from([1, 3]), mean: 2, std: 2, runningMean: 4, runningStd: 1 };
		expect(batchOffsets(unit)).toEqual([
			[-0.5, 0.5],
			[0.5, 1.5]
		]);
		expect(runningOffset(unit)).toEqual([1, 0.5]);
		expect(batchOffsets({ ...unit, std: 0 })).toEqual([]);
		expect(runningOffset({ ...unit, std: 0 })).toBeNull();
	});
});

describe('the worker side: histograms on both sides of batch norm and the evaluation come with each step', () => {
	it('reset and step give them for both networks, on shared ranges, with tensors flat', () => {
		const networks = new Networks();
		try {
			const values = { ...defaultValues(schema), depth: 5, width: 16 } as BatchNormParams;
			const setups = choicesOf(values).map((choice) => ({ spec: networkSpec(values, choice), data: circles, seed: 1 }));
			const reset = networks.handle({ type: 'reset', generation: 1, setups, grid: BOUNDARY_GRID, detail: DETAIL, evaluateModes: true }) as { outcomes: Outcome[] };
			const [plain, normalised] = reset.outcomes;
			for (const outcome of reset.outcomes) {
				expect(outcome.detail!.preHistograms).toHaveLength(4);
				expect(outcome.detail!.inputHistograms).toHaveLength(4);
				expect(outcome.detail!.inputHistograms![2].counts.reduce((a, b) => a + b)).toBeCloseTo(1, 6);
				expect(outcome.latest).not.toHaveProperty('preActivations');
			}
			expect(plain.detail!.inputHistograms![0].edges).toEqual(normalised.detail!.inputHistograms![0].edges);
			expect(plain.modes!.unit).toBeNull();
			expect(normalised.modes!.unit!.groupMeans).toHaveLength(DATA_POINTS / values.batch);
			const step = () => networks.handle({ type: 'step', generation: 1, boundary: true });
			step();
			const before = tf.memory().numTensors;
			for (let i = 0; i < 3; i++) step();
			expect(tf.memory().numTensors).toBe(before);
		} finally {
			networks.dispose();
		}
	});
});

describe('the sweep’s verdicts', () => {
	const outcome = (lr: number, bn: boolean, finalLoss: number | null): SweepOutcome => ({ lr, bn, initialLoss: 0.7, finalLoss });

	it('learns below half the starting loss, stalls above, diverges without a final loss; the largest rate that learns', () => {
		expect(verdictOf(outcome(1, false, 0.2))).toBe('learns');
		expect(verdictOf(outcome(1, false, 0.5))).toBe('stalls');
		expect(verdictOf(outcome(1, false, null))).toBe('diverges');
		const outcomes = [outcome(0.1, false, 0.1), outcome(1, false, 0.69), outcome(0.1, true, 0.1), outcome(1, true, 0.05), outcome(10, true, null)];
		expect(largestLearning(outcomes, false)).toBe(0.1);
		expect(largestLearning(outcomes, true)).toBe(1);
		expect(largestLearning([outcome(1, true, 0.6)], true)).toBeNull();
	});

	it('its key ignores the learning rate, not the network or the seed', () => {
		const values = defaultValues(schema) as BatchNormParams;
		expect(sweepKey({ ...values, lr: 0.01 }, 1)).toBe(sweepKey(values, 1));
		expect(sweepKey({ ...values, depth: 4 }, 1)).not.toBe(sweepKey(values, 1));
		expect(sweepKey(values, 2)).not.toBe(sweepKey(values, 1));
	});

	it('with the defaults, batch norm still learns at a learning rate (3) far above the last one the plain network learns at (0.3)', () => {
		const values = defaultValues(schema) as BatchNormParams;
		const data = makeClassificationSet(values.dataset, DATA_POINTS, meta.defaultSeed);
		const outcomes = [0.3, 3].flatMap((lr) =>
			[false, true].map((bn) =>
				withNetwork(networkSpec(values, { bn }, lr), (net) => {
					const initialLoss = net.evaluateModes(values.batch).trainLoss;
					let diverged = false;
					for (let i = 0; i < 100; i++) diverged ||= net.step().diverged;
					return { lr, bn, initialLoss, finalLoss: diverged ? null : net.evaluateModes(values.batch).inferenceLoss };
				}, data, meta.defaultSeed)
			)
		);
		expect(largestLearning(outcomes, false)).toBe(0.3);
		expect(largestLearning(outcomes, true)).toBe(3);
	}, HEAVY);
});

describe('the questions’ claims hold', () => {
	const trained = (id: string, steps: number) => {
		const question = meta.questions.find((q) => q.id === id)!;
		const values = { ...defaultValues(schema), ...question.show } as BatchNormParams;
		const data = makeClassificationSet(values.dataset, DATA_POINTS, question.seed);
		return choicesOf(values).map((choice) =>
			withNetwork(networkSpec(values, choice), (net) => {
				for (let i = 0; i < steps; i++) net.step();
				return net.evaluateModes(values.batch);
			}, data, question.seed)
		);
	};

	it('learning rate 1: only the network with batch norm learns; the other stays near 0.69', () => {
		const [plain, normalised] = trained('large-rate', 150);
		expect(plain.trainLoss).toBeGreaterThan(0.6);
		expect(normalised.inferenceLoss).toBeLessThan(0.2);
	}, HEAVY);

	it('batches of 4: the two modes are far apart; with batches of 32 they are close', () => {
		const [, small] = trained('small-batch', 200);
		expect(Math.abs(small.inferenceLoss - small.trainLoss)).toBeGreaterThan(0.1);
		const question = meta.questions.find((q) => q.id === 'small-batch')!;
		const values = { ...defaultValues(schema), ...question.show, batch: 32 } as BatchNormParams;
		const large = withNetwork(networkSpec(values, { bn: true }), (net) => {
			for (let i = 0; i < 200; i++) net.step();
			return net.evaluateModes(32);
		}, makeClassificationSet(values.dataset, DATA_POINTS, question.seed), question.seed);
		expect(Math.abs(large.inferenceLoss - large.trainLoss)).toBeLessThan(0.06);
	}, HEAVY);

	it('tiny starting weights: only the network with batch norm learns', () => {
		const [plain, normalised] = trained('tiny-init', 200);
		expect(plain.trainLoss).toBeGreaterThan(0.6);
		expect(normalised.inferenceLoss).toBeLessThan(0.2);
	}, HEAVY);
});
