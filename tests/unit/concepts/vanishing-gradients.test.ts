import { describe, expect, it } from 'vitest';
import { defaultValues } from '$lib/widget/schema';
import { Network } from '$lib/network/network';
import { makeClassificationSet } from '$lib/network/datasets';
import { schema, type VanishingGradientsParams } from '$lib/concepts/vanishing-gradients/params';
import { meta } from '$lib/concepts/vanishing-gradients/meta';
import { DATA_POINTS, describeRatio, gradientRatio, networkSpec, powerOfTen } from '$lib/concepts/vanishing-gradients/sim';

function specsOf(values: VanishingGradientsParams) {
	const shared = { depth: values.depth, width: values.width, opt: values.opt, lr: values.lr, clip: values.clip };
	const a = networkSpec(shared, { act: values.act, init: values.init, sigma: values.sigma, a: values.a, c: values.c, residual: values.residual, bn: values.bn });
	const b = networkSpec(shared, { act: values.act2, init: values.init2, sigma: values.sigma2, a: values.a, c: values.c, residual: values.residual2, bn: values.bn2 });
	return { a, b };
}

/** Runs the network a question sets up; returns the result of every step (step 0 measured only). */
function runQuestion(id: string, steps: number, overrides: Partial<VanishingGradientsParams> = {}, which: 'a' | 'b' = 'a') {
	const question = meta.questions.find((q) => q.id === id)!;
	const values = { ...defaultValues(schema), ...question.show, ...overrides } as VanishingGradientsParams;
	const network = new Network(specsOf(values)[which], makeClassificationSet(values.dataset, DATA_POINTS, question.seed), question.seed);
	try {
		const results = [network.step({ apply: false })];
		for (let i = 0; i < steps && !results.at(-1)!.diverged; i++) results.push(network.step());
		return results;
	} finally {
		network.dispose();
	}
}

describe('readings', () => {
	it('powers of ten in superscript', () => {
		expect(powerOfTen(-6)).toBe('10⁻⁶');
		expect(powerOfTen(12)).toBe('10¹²');
	});

	it('the ratio in words: vanished, exploded, comparable, or no comparison', () => {
		expect(describeRatio(2e-7, 20)).toBe('Layer 1 learns about 10⁻⁷ as fast as layer 20: its gradient has vanished.');
		expect(describeRatio(3e4, 12)).toMatch(/about 10⁴ times the gradient of layer 12: the gradient explodes/);
		expect(describeRatio(0.5, 20)).toMatch(/comparable rates \(ratio 0.50\)/);
		expect(describeRatio(NaN, 20)).toMatch(/no comparison/);
		expect(describeRatio(0, 20)).toMatch(/no comparison/);
	});

	it('gradientRatio is first over last, and NaN when that is not a number', () => {
		const layer = (gradNorm: number) => ({ gradNorm, gradStd: 0, weightNorm: 1, activationMean: 0, activationStd: 1 });
		expect(gradientRatio([layer(1e-6), layer(1), layer(0.5)])).toBe(2e-6);
		expect(gradientRatio([layer(1), layer(0)])).toBeNaN();
		expect(gradientRatio([layer(1)])).toBeNaN();
	});
});

describe('the questions’ claims hold', () => {
	it('20-layer sigmoid with Xavier: layer 1 gets many orders of magnitude less gradient than layer 20', () => {
		const [first] = runQuestion('sigmoid-depth', 0);
		expect(gradientRatio(first.layers)).toBeLessThan(1e-6);
	});

	it('ReLU, He and skips (network B): layer 1 stays within a factor of 10 of the last layer, and it learns', () => {
		const results = runQuestion('relu-skips', 100, {}, 'b');
		const ratio = gradientRatio(results[0].layers);
		expect(ratio).toBeGreaterThan(0.1);
		expect(ratio).toBeLessThan(10);
		expect(results.at(-1)!.loss).toBeLessThan(results[0].loss / 2);
	});

	it('σ = 3: without clipping the run diverges, with clipping at 1 every step stays finite', () => {
		expect(runQuestion('explode', 60).at(-1)!.diverged).toBe(true);
		const clipped = runQuestion('explode', 60, { clip: 1 });
		expect(clipped).toHaveLength(61);
		expect(clipped.some((r) => r.diverged)).toBe(false);
	});
});
