/**
 * What the network core adds for concepts that look at batch norm: the whole-set evaluation in
 * training and inference mode, recorded per step when asked for, and the histograms on both
 * sides of batch norm. Everything stays as before for a concept that asks for neither.
 */
import { describe, expect, it } from 'vitest';
import { Network, type NetworkSpec } from '$lib/network/network';
import { NetworkTraining } from '$lib/network/training.svelte';
import { Networks } from '$lib/network/networks';
import { makeClassificationSet, gridOverSquare } from '$lib/network/datasets';
import type { Outcome } from '$lib/network/protocol';

const spec: NetworkSpec = { depth: 4, width: 8, activation: 'tanh', init: { scheme: 'xavier-normal' }, residual: false, batchNorm: true, optimizer: 'sgd', lr: 0.1, clip: 0, batchSize: 16 };
const data = makeClassificationSet('circles', 64, 3);

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
async function until(done: () => boolean, timeoutMs = 10_000) {
	const end = Date.now() + timeoutMs;
	while (!done() && Date.now() < end) await settle();
}

describe('NetworkTraining with evaluateModes', () => {
	it('records both modes’ whole-set losses at every step beside the batch loss', async () => {
		const training = new NetworkTraining({ maxSteps: 10, grid: gridOverSquare(4), evaluateModes: true });
		const close = training.open();
		training.reset([{ spec, data, seed: 1 }]);
		await until(() => training.runs.length === 1);
		for (let i = 0; i < 3; i++) {
			training.step();
			await until(() => training.steps > i);
		}
		const [run] = training.runs;
		expect(run.count).toBe(4);
		expect(run.modes!.groupSize).toBe(16);
		expect(Array.from({ length: 4 }, (_, s) => run.trainingModeLoss![2 * s])).toEqual([0, 1, 2, 3]);
		expect(run.inferenceLoss![7]).toBeCloseTo(run.modes!.inferenceLoss, 6);
		close();
	});

	it('without it, the runs carry no evaluation at all (the other network concepts see no change)', async () => {
		const training = new NetworkTraining({ maxSteps: 10, grid: gridOverSquare(4) });
		const close = training.open();
		training.reset([{ spec, data, seed: 1 }]);
		await until(() => training.runs.length === 1);
		expect(training.runs[0]).not.toHaveProperty('modes');
		expect(training.runs[0]).not.toHaveProperty('trainingModeLoss');
		close();
	});
});

describe('histograms on both sides of batch norm', () => {
	it('come only when the detail asks for them, and a step records its insides only when asked', () => {
		const networks = new Networks();
		try {
			const plain = networks.handle({ type: 'reset', generation: 1, setups: [{ spec, data, seed: 1 }], grid: new Float32Array(0), detail: { bins: 8, unitLayer: 0 } }) as { outcomes: Outcome[] };
			expect(plain.outcomes[0].detail).not.toHaveProperty('preHistograms');
			expect(plain.outcomes[0]).not.toHaveProperty('modes');
		} finally {
			networks.dispose();
		}
		const net = new Network(spec, data, 1);
		try {
			expect(net.step()).not.toHaveProperty('preActivations');
		} finally {
			net.dispose();
		}
	});

	it('share one range between networks of a size, and keep their own when one is ten times wider', () => {
		const networks = new Networks();
		try {
			const wide: NetworkSpec = { ...spec, batchNorm: false, activation: 'linear', init: { scheme: 'normal', sigma: 3 } };
			const detail = { bins: 8, unitLayer: 0, preActivations: true };
			const edges = (outcomes: Outcome[], i: number) => outcomes[i].detail!.inputHistograms![2].edges;
			const alike = networks.handle({ type: 'reset', generation: 1, setups: [spec, { ...spec, batchNorm: false }].map((s) => ({ spec: s, data, seed: 1 })), grid: new Float32Array(0), detail }) as { outcomes: Outcome[] };
			expect(edges(alike.outcomes, 0)).toEqual(edges(alike.outcomes, 1));
			const apart = networks.handle({ type: 'reset', generation: 2, setups: [spec, wide].map((s) => ({ spec: s, data, seed: 1 })), grid: new Float32Array(0), detail }) as { outcomes: Outcome[] };
			const [normalised, blown] = [edges(apart.outcomes, 0), edges(apart.outcomes, 1)];
			expect(blown.at(-1)! - blown[0]).toBeGreaterThan(10 * (normalised.at(-1)! - normalised[0]));
		} finally {
			networks.dispose();
		}
	});
});
