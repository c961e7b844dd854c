/**
 * The parameters a network hands out for an export (Network.parameters, Outcome.parameters,
 * Run.parameters and Run.parametersBefore), the order its whole-set evaluation takes the rows
 * in, and their float32 bytes in base64: what batch-norm's program measures the widget at.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import { float32Base64 } from '$lib/engine/arrays';
import { Network, type NetworkParameters, type NetworkSpec } from '$lib/network/network';
import { Networks } from '$lib/network/networks';
import { NetworkTraining } from '$lib/network/training.svelte';
import { makeClassificationSet, gridOverSquare } from '$lib/network/datasets';
import type { Outcome } from '$lib/network/protocol';

const spec: NetworkSpec = { depth: 4, width: 8, activation: 'relu', init: { scheme: 'he-normal' }, residual: false, batchNorm: true, optimizer: 'adam', lr: 0.05, clip: 0, batchSize: 16 };
const data = makeClassificationSet('circles', 64, 3);

function withNetwork<T>(s: NetworkSpec, use: (net: Network) => T): T {
	const net = new Network(s, data, 1);
	try {
		return use(net);
	} finally {
		net.dispose();
	}
}

/** Each parameter array as a plain list, to compare sets of them. */
const plain = (p: NetworkParameters) => Object.fromEntries(Object.entries(p).map(([key, arrays]) => [key, (arrays as Float32Array[]).map((a) => Array.from(a))]));

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
async function until(done: () => boolean, timeoutMs = 10_000) {
	const end = Date.now() + timeoutMs;
	while (!done() && Date.now() < end) await settle();
}

describe('Network.parameters()', () => {
	it('reads every weight, bias, γ, β and running statistic as the network holds them, as copies, without leaking tensors', () => {
		withNetwork(spec, (net) => {
			for (let i = 0; i < 3; i++) net.step();
			const before = tf.memory().numTensors;
			const p = net.parameters();
			expect(tf.memory().numTensors).toBe(before);
			expect(p.weights.map((w) => w.length)).toEqual([2 * 8, 8 * 8, 8 * 8, 8]);
			expect(p.biases.map((b) => b.length)).toEqual([8, 8, 8, 1]);
			for (let l = 0; l < 4; l++) {
				expect(Array.from(p.weights[l])).toEqual(Array.from(net.weights(l)));
				expect(Array.from(p.biases[l])).toEqual(Array.from(net.biases(l)));
			}
			for (let l = 0; l < 3; l++) {
				const bn = net.batchNormState(l)!;
				expect(Array.from(p.gammas[l])).toEqual(Array.from(bn.gamma));
				expect(Array.from(p.betas[l])).toEqual(Array.from(bn.beta));
				expect(Array.from(p.runningMeans[l])).toEqual(Array.from(bn.runningMean));
				expect(Array.from(p.runningVars[l])).toEqual(Array.from(bn.runningVar));
			}
			// Three Adam steps have moved γ off 1 and the running variance off 1.
			expect(p.gammas[0].some((g) => g !== 1)).toBe(true);
			expect(p.runningVars[0].some((v) => v !== 1)).toBe(true);
			// A copy: the next step does not change what was read.
			const kept = plain(p);
			net.step();
			expect(plain(p)).toEqual(kept);
			expect(plain(net.parameters())).not.toEqual(kept);
		});
	});

	it('has no batch-norm parameters without batch norm', () => {
		withNetwork({ ...spec, batchNorm: false }, (net) => {
			const p = net.parameters();
			expect(p.weights).toHaveLength(4);
			expect([p.gammas, p.betas, p.runningMeans, p.runningVars]).toEqual([[], [], [], []]);
		});
	});
});

describe('Network.evaluationOrder', () => {
	it('is a fixed order of every training row, the one the evaluation groups: its first group is the evaluation’s first batch', () => {
		withNetwork(spec, (net) => {
			const order = net.evaluationOrder;
			expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 64 }, (_, i) => i));
			expect(order).not.toEqual(Int32Array.from({ length: 64 }, (_, i) => i));
			net.step();
			expect(net.evaluationOrder).toEqual(order);
			// Layer 1's unit 1 before batch norm, on the first group of 16 rows of that order, by hand.
			const w = net.weights(0);
			const b = net.biases(0);
			const z = Array.from(order.subarray(0, 16), (row) => data.points[2 * row] * w[0] + data.points[2 * row + 1] * w[8] + b[0]);
			const mean = z.reduce((sum, v) => sum + v, 0) / 16;
			expect(net.evaluateModes(16).unit!.groupMeans[0]).toBeCloseTo(mean, 5);
		});
	});
});

describe('Networks and NetworkTraining with parameters asked for', () => {
	it('send each network’s parameters after every step, and the evaluation’s order with the reset', () => {
		const networks = new Networks();
		const twin = new Network(spec, data, 1);
		try {
			const reset = networks.handle({ type: 'reset', generation: 1, setups: [{ spec, data, seed: 1 }], grid: new Float32Array(0), evaluateModes: true, parameters: true }) as { outcomes: Outcome[] };
			expect(plain(reset.outcomes[0].parameters!)).toEqual(plain(twin.parameters()));
			expect(reset.outcomes[0].evaluationOrder).toEqual(twin.evaluationOrder);
			twin.step({ apply: false });
			for (let i = 0; i < 2; i++) {
				const { outcomes } = networks.handle({ type: 'step', generation: 1, boundary: false }) as { outcomes: Outcome[] };
				twin.step();
				expect(plain(outcomes[0].parameters!)).toEqual(plain(twin.parameters()));
				expect(outcomes[0]).not.toHaveProperty('evaluationOrder');
			}
		} finally {
			networks.dispose();
			twin.dispose();
		}
	});

	it('without the ask, no outcome carries them (the other network concepts see no change)', () => {
		const networks = new Networks();
		try {
			const reset = networks.handle({ type: 'reset', generation: 1, setups: [{ spec, data, seed: 1 }], grid: new Float32Array(0) }) as { outcomes: Outcome[] };
			const step = networks.handle({ type: 'step', generation: 1, boundary: false }) as { outcomes: Outcome[] };
			for (const outcome of [reset.outcomes[0], step.outcomes[0]]) {
				expect(outcome).not.toHaveProperty('parameters');
				expect(outcome).not.toHaveProperty('evaluationOrder');
			}
		} finally {
			networks.dispose();
		}
	});

	it('keep the latest parameters and those before its update; at step 0 they are the same', async () => {
		const training = new NetworkTraining({ maxSteps: 10, grid: gridOverSquare(4), evaluateModes: true, parameters: true });
		const close = training.open();
		training.reset([{ spec, data, seed: 1 }]);
		await until(() => training.runs.length === 1);
		const start = training.runs[0];
		expect(plain(start.parametersBefore!)).toEqual(plain(start.parameters!));
		expect(start.evaluationOrder).toHaveLength(64);
		const seen = [plain(start.parameters!)];
		for (let i = 0; i < 2; i++) {
			training.step();
			await until(() => training.steps > i);
			const run = training.runs[0];
			expect(plain(run.parametersBefore!)).toEqual(seen[i]);
			seen.push(plain(run.parameters!));
			expect(seen[i + 1]).not.toEqual(seen[i]);
		}
		close();
	});

	it('without the ask, a run keeps none', async () => {
		const training = new NetworkTraining({ maxSteps: 10, grid: gridOverSquare(4) });
		const close = training.open();
		training.reset([{ spec, data, seed: 1 }]);
		await until(() => training.runs.length === 1);
		expect(training.runs[0]).not.toHaveProperty('parameters');
		expect(training.runs[0]).not.toHaveProperty('parametersBefore');
		expect(training.runs[0]).not.toHaveProperty('evaluationOrder');
		close();
	});
});

describe('float32Base64', () => {
	it('gives each float32 value’s four bytes, little-endian, so that they read back exactly', () => {
		const values = Float32Array.from([0, 1, -2.5, 1e-30, 3.4e38, Math.PI, -0]);
		const text = float32Base64(values);
		const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
		expect(bytes).toHaveLength(28);
		expect(Array.from(bytes.subarray(4, 8))).toEqual([0x00, 0x00, 0x80, 0x3f]); // 1 in float32, little-endian
		expect(Array.from(new Float32Array(bytes.buffer))).toEqual(Array.from(values));
		expect(float32Base64(new Float32Array(0))).toBe('');
	});
});
