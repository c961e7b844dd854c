import { createRng } from '$lib/engine/rng';
import type { StepBenchmark } from '$lib/widget/contract';
import { defaultValues } from '$lib/widget/schema';
import { schema } from './params';
import { setupOf } from './run.svelte';
import { simulate, trialsPerStep } from './sim';

function batch(values: ReturnType<typeof defaultValues<typeof schema>>) {
	const { setup } = setupOf(values);
	const rng = createRng(1);
	const trials = trialsPerStep(setup);
	return { step: () => void simulate(setup, rng, trials) };
}

export const stepBenchmark: StepBenchmark = {
	what: 'one batch of Monte Carlo trials',
	defaultCase: `birthdays, ${schema.people.default} people (${trialsPerStep(setupOf(defaultValues(schema)).setup)} trials)`,
	maximumCase: 'coin race, 48 flips a trial',
	prepare: (which) => batch(which === 'default' ? defaultValues(schema) : { ...defaultValues(schema), puzzle: 'penney' })
};
