import { createRng } from '$lib/engine/rng';
import type { StepBenchmark } from '$lib/widget/contract';
import { defaultValues } from '$lib/widget/schema';
import { schema } from './params';
import { drawMeans, meansPerStep } from './sim';

function batch(n: number, dist: 'exponential' | 'bimodal') {
	const values = { ...defaultValues(schema), dist, n };
	const parent = { dist, p: values.p, shape: values.shape };
	const rng = createRng(1);
	const count = meansPerStep(parent, n);
	return { step: () => void drawMeans(parent, n, count, rng) };
}

export const stepBenchmark: StepBenchmark = {
	what: 'one batch of sample means (at most 250 means or 200 000 uniforms)',
	defaultCase: `exponential, n = ${schema.n.default}`,
	maximumCase: `two-hump mixture, n = ${schema.n.max}`,
	prepare: (which) => (which === 'default' ? batch(schema.n.default, 'exponential') : batch(schema.n.max, 'bimodal'))
};
