import type { StepBenchmark } from '$lib/widget/contract';
import { defaultValues } from '$lib/widget/schema';
import { DEFAULT_HYPERPARAMETERS, OPTIMIZERS, type OptimizerName } from './optimizers';
import { schema } from './params';
import { runOnSurface } from './sim';
import { builtInSurface } from './surfaces';

function paths(optimizers: readonly OptimizerName[], steps: number) {
	const values = defaultValues(schema);
	const surface = builtInSurface(values.surface as Exclude<typeof values.surface, 'custom'>, values.cond);
	const settings = { lr: values.lr, schedule: 'constant' as const, options: { totalSteps: steps, warmup: 1, period: 1 }, steps, tol: 0, hp: DEFAULT_HYPERPARAMETERS, noise: 0, seed: 1 };
	return { step: () => optimizers.forEach((name) => runOnSurface(surface, name, [values.x0, values.y0], settings)) };
}

export const stepBenchmark: StepBenchmark = {
	what: "every chosen optimizer's whole path (on a setting change)",
	defaultCase: `${schema.opt.default.length} optimizers × ${schema.steps.default} steps`,
	maximumCase: `${OPTIMIZERS.length} optimizers × ${schema.steps.max} steps`,
	prepare: (which) => (which === 'default' ? paths(schema.opt.default as OptimizerName[], schema.steps.default) : paths(OPTIMIZERS, schema.steps.max))
};
