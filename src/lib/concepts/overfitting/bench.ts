/** One training epoch as the worker runs it, with the validation set measured: at the defaults, and at the largest network and data the controls allow. */
import { Networks } from '$lib/network/networks';
import type { StepBenchmark } from '$lib/widget/contract';
import { defaultValues } from '$lib/widget/schema';
import { schema } from './params';
import { networkSpec, noisyPoints, NO_REMEDIES, VALIDATION_POINTS } from './sim';

export const stepBenchmark: StepBenchmark = {
	what: 'one epoch of the big network with dropout, and both sets measured',
	defaultCase: `${schema.layers.default} × ${schema.width.default} units, ${schema.n.default} points`,
	maximumCase: `${schema.layers.max} × ${schema.width.max} units, ${schema.n.max * schema.factor.max} points`,
	prepare(which) {
		const base = defaultValues(schema);
		const values = which === 'default' ? base : { ...base, layers: schema.layers.max, width: schema.width.max, n: schema.n.max * schema.factor.max };
		const networks = new Networks();
		const spec = networkSpec(values, { ...NO_REMEDIES, rate: values.rate, lambda: values.lambda });
		const setup = {
			spec,
			data: noisyPoints(values.dataset, values.n, values.noise, 1, 'training'),
			validation: noisyPoints(values.dataset, VALIDATION_POINTS, values.noise, 1, 'validation'),
			seed: 1
		};
		networks.handle({ type: 'reset', generation: 1, setups: [setup], grid: new Float32Array(0) });
		return { step: () => void networks.handle({ type: 'step', generation: 1, boundary: false }), budgetMs: 3000, done: () => networks.dispose() };
	}
};
