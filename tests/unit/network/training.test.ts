import { describe, expect, it } from 'vitest';
import { NetworkTraining } from '$lib/network/training.svelte';
import { makeClassificationSet, gridOverSquare } from '$lib/network/datasets';
import type { Setup } from '$lib/network/trainer';

// No Worker in Node: the trainer runs the networks on this thread, answering asynchronously.
const setup: Setup = {
	spec: { depth: 4, width: 8, activation: 'tanh', init: { scheme: 'xavier-normal', sigma: 1 }, residual: false, batchNorm: false, optimizer: 'sgd', lr: 0.1, clip: 0, batchSize: 32 },
	data: makeClassificationSet('circles', 64, 3),
	seed: 5
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Lets the trainer answer until `done` holds (its first answers wait for TF.js and the networks' code to load). */
async function until(done: () => boolean, timeoutMs = 5000) {
	const end = Date.now() + timeoutMs;
	while (!done() && Date.now() < end) await settle();
}

async function started(maxSteps: number): Promise<{ training: NetworkTraining; close: () => void }> {
	const training = new NetworkTraining({ maxSteps, grid: gridOverSquare(4) });
	const close = training.open();
	training.reset([setup, setup]);
	await until(() => training.runs.length === 2);
	expect(training.engine.info?.inWorker).toBeFalsy();
	return { training, close };
}

describe('NetworkTraining', () => {
	it('keeps two steps with the trainer at once and records them in order', async () => {
		const { training, close } = await started(100);
		for (let i = 0; i < 7; i++) training.step();
		await until(() => training.steps >= 3);
		for (let i = 0; i < 20 && training.steps < 7; i++) await settle();
		const [run] = training.runs;
		// Two with the trainer and one waiting at a time: asking faster than that drops the surplus.
		expect(training.steps).toBeGreaterThanOrEqual(3);
		expect(run.count).toBe(training.steps + 1);
		const steps = Array.from({ length: run.count }, (_, i) => run.loss[2 * i]);
		expect(steps).toEqual(steps.map((_, i) => i));
		close();
	});

	it('keeps what a replay of the training needs: the starting weights and every step\'s batch', async () => {
		const { training, close } = await started(100);
		training.step();
		await until(() => training.steps >= 1);
		const [run] = training.runs;
		const { depth, width, batchSize } = setup.spec;
		expect(run.startWeights.map((w) => w.length)).toEqual([2 * width, ...Array(depth - 2).fill(width * width), width]);
		expect(run.startWeights.every((w) => w.some((value) => value !== 0))).toBe(true);
		// Step 0 (the measurement at initialisation) draws a batch too; each is batchSize distinct rows.
		expect(run.batches).toHaveLength(2);
		for (const batch of run.batches) {
			expect(new Set(batch).size).toBe(batchSize);
			expect(batch!.every((row) => row >= 0 && row < setup.data.labels.length)).toBe(true);
		}
		expect(Array.from(run.batches[0]!)).not.toEqual(Array.from(run.batches[1]!));
		close();
	});

	it('never trains past its last step', async () => {
		const { training, close } = await started(5);
		for (let i = 0; i < 40; i++) {
			training.step();
			await settle();
		}
		expect(training.steps).toBe(5);
		expect(training.finished).toBe(true);
		expect(training.step()).toBe(false);
		close();
	});

	it('ignores the replies of steps sent before a reset', async () => {
		const { training, close } = await started(100);
		training.step();
		training.step();
		training.reset([setup]);
		await until(() => training.runs.length === 1);
		expect(training.runs).toHaveLength(1);
		expect(training.steps).toBe(0);
		training.step();
		await until(() => training.steps >= 1);
		expect(training.steps).toBe(1);
		close();
	});
});

describe('NetworkTraining before its networks are ready', () => {
	it('takes a step asked for while they are being built once they are', async () => {
		const training = new NetworkTraining({ maxSteps: 10, grid: gridOverSquare(4) });
		const close = training.open();
		training.reset([setup]);
		expect(training.step()).toBe(true);
		await until(() => training.steps >= 1);
		expect(training.steps).toBe(1);
		close();
	});
});
