import type { StepBenchmark } from '$lib/widget/contract';
import { defaultValues } from '$lib/widget/schema';
import { schema } from './params';
import { createExperiment, fitSetting } from './sim';
import { builtInTruth } from './truths';

function fits(n: number, sets: number) {
	const { degree, noise } = defaultValues(schema);
	let seed = 1;
	return {
		step: () => {
			// A new seed each time: a setting change draws new training sets (nothing is remembered).
			const result = createExperiment(builtInTruth('sin'), { n, sets, noise, seed: ++seed });
			if (!result.ok) throw new Error(result.error);
			void fitSetting(result.experiment, { model: 'poly', degree, lambda: 0 });
		}
	};
}

export const stepBenchmark: StepBenchmark = {
	what: 'new training sets and their fits (on a setting change)',
	defaultCase: `${schema.sets.default} sets × n = ${schema.n.default}`,
	maximumCase: `${schema.sets.max} sets × n = ${schema.n.max}`,
	prepare: (which) => (which === 'default' ? fits(schema.n.default, schema.sets.default) : fits(schema.n.max, schema.sets.max))
};
