import { createRng } from '$lib/engine/rng';
import type { StepBenchmark } from '$lib/widget/contract';
import { defaultValues } from '$lib/widget/schema';
import { schema, type TestParams } from './params';
import { designOf } from './run.svelte';
import { experimentsPerStep, makeSampler, simulateBatch } from './sim';

function batch(values: TestParams) {
	const sampler = makeSampler(designOf(values).design);
	const rng = createRng(1);
	const count = experimentsPerStep(sampler, values.experiments);
	return { step: () => void simulateBatch(sampler, count, rng, 24) };
}

const maximum = (pitfall: 'peeking' | 'metrics'): TestParams => ({
	...defaultValues(schema),
	pitfall,
	n: schema.n.max,
	base: 0.5,
	rate_b: 0.5,
	peeks: schema.peeks.max,
	metrics: schema.metrics.max,
	experiments: schema.experiments.max
});

export const stepBenchmark: StepBenchmark = {
	what: 'one batch of simulated A/A and A/B experiments (binomial draws by inversion, z-test at every look)',
	defaultCase: `n = ${schema.n.default} per arm, one look, ${experimentsPerStep(makeSampler(designOf(defaultValues(schema)).design), schema.experiments.default)} experiments`,
	maximumCase: `n = ${schema.n.max}, rates ½, ${schema.peeks.max} looks, ${schema.experiments.max} experiments (200 a step)`,
	prepare: (which) => batch(which === 'default' ? defaultValues(schema) : maximum('peeking'))
};
