/**
 * The spreads a step reports (each layer's output and weight-gradient standard deviation)
 * against a float64 replay of the same network, on cases where the spread is far below
 * the mean: there E[x²] − E[x]² in float32 cancels to noise or to 0.
 */
import { describe, expect, it } from 'vitest';
import { defaultValues } from '$lib/widget/schema';
import { Network, type NetworkSpec, type StepResult } from '$lib/network/network';
import { makeClassificationSet, type LabelledPoints } from '$lib/network/datasets';
import * as weightInit from '$lib/concepts/weight-init/sim';
import { schema as weightInitSchema, type WeightInitParams } from '$lib/concepts/weight-init/params';
import * as vanishing from '$lib/concepts/vanishing-gradients/sim';
import { schema as vanishingSchema, type VanishingGradientsParams } from '$lib/concepts/vanishing-gradients/params';
import { meta as vanishingMeta } from '$lib/concepts/vanishing-gradients/meta';
import { expectClose } from '../helpers/close';
import { batchOf, replay, type Moments } from './replay';

/** Squares of float32 numbers below about 1e-19 underflow: spreads and norms below this are out of reach. */
const UNDERFLOW = 1e-18;

function expectNear(actual: number, expected: number, tolerance: { abs: number; rel: number }, what: string) {
	try {
		expectClose(actual, expected, tolerance);
	} catch (error) {
		throw new Error(`${what}: ${(error as Error).message}`);
	}
}

/**
 * A float32 network cannot tell values apart closer than their rounding, a few ulps of the
 * mean; above that floor its spreads should match the float64 ones to a small relative error.
 */
function expectSpread(actual: number, exact: Moments, what: string) {
	expectNear(actual, exact.std, { abs: Math.max(8 * 2 ** -24 * Math.abs(exact.mean), UNDERFLOW), rel: 1e-3 }, what);
}

/** The initial measurement (a step that applies nothing) beside its float64 replay. */
function measure(spec: NetworkSpec, data: LabelledPoints, seed: number): { measured: StepResult; exact: ReturnType<typeof replay> } {
	const net = new Network(spec, data, seed);
	try {
		const exact = replay(net, data, batchOf(data, spec.batchSize, seed));
		return { measured: net.step({ apply: false }), exact };
	} finally {
		net.dispose();
	}
}

function expectSpreadsMatch({ measured, exact }: ReturnType<typeof measure>) {
	expectClose(measured.loss, exact.loss, { abs: 1e-6, rel: 1e-5 });
	measured.layers.forEach((layer, l) => {
		expectClose(layer.activationMean, exact.outputs[l].mean, { abs: 1e-6, rel: 1e-5 });
		expectSpread(layer.activationStd, exact.outputs[l], `layer ${l + 1}'s output spread`);
		expectSpread(layer.gradStd, exact.gradients[l], `layer ${l + 1}'s gradient spread`);
		expectNear(layer.gradNorm, exact.gradients[l].norm, { abs: UNDERFLOW, rel: 1e-4 }, `layer ${l + 1}'s gradient norm`);
	});
}

const weightInitCase = (values: Partial<WeightInitParams>, seed: number) => {
	const v = { ...defaultValues(weightInitSchema), ...values } as WeightInitParams;
	const spec = weightInit.networkSpec({ act: v.act, depth: v.depth, width: v.width, opt: v.opt, lr: v.lr }, { init: v.init, sigma: v.sigma, a: v.a, c: v.c });
	return measure(spec, makeClassificationSet(v.dataset, weightInit.DATA_POINTS, seed), seed);
};

describe('spreads against a float64 replay, where the spread is far below the mean', () => {
	it('weight init: normal σ = 0.01, sigmoid, depth 10, width 4, seed 3', () => {
		const run = weightInitCase({ init: 'normal', sigma: 0.01, act: 'sigmoid', depth: 10, width: 4 }, 3);
		expectSpreadsMatch(run);
		// The report's numbers: layer 2's spread about 0.0014, layer 9's about 0.0033.
		expectClose(run.measured.layers[1].activationStd, 0.0014, { abs: 0, rel: 0.05 });
		expectClose(run.measured.layers[8].activationStd, 0.0033, { abs: 0, rel: 0.05 });
	});

	it('weight init: constant c = 0.01, sigmoid, depth 6, width 8, seed 3', () => {
		const run = weightInitCase({ init: 'constant', c: 0.01, act: 'sigmoid', depth: 6, width: 8 }, 3);
		expectSpreadsMatch(run);
		expectClose(run.measured.layers[0].activationStd, 0.00153, { abs: 0, rel: 0.05 });
	});

	it('weight init: its defaults with a sigmoid (normal σ = 0.05, depth 10, width 64), seed 1', () => {
		expectSpreadsMatch(weightInitCase({ act: 'sigmoid' }, 1));
	});

	it('vanishing gradients, its defaults: the logit of layer 20 hardly varies', () => {
		const v = defaultValues(vanishingSchema) as VanishingGradientsParams;
		const spec = vanishing.networkSpec(
			{ depth: v.depth, width: v.width, opt: v.opt, lr: v.lr, clip: v.clip },
			{ act: v.act, init: v.init, sigma: v.sigma, a: v.a, c: v.c, residual: v.residual, bn: v.bn }
		);
		const seed = vanishingMeta.defaultSeed;
		const run = measure(spec, makeClassificationSet(v.dataset, vanishing.DATA_POINTS, seed), seed);
		expectSpreadsMatch(run);
		expect(run.exact.outputs[v.depth - 1].std).toBeLessThan(1e-10);
	});
});
