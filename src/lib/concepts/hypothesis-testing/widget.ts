/** The hypothesis-testing widget: its run and views (loaded when the widget is shown). */
import type { ConceptModule } from '$lib/widget/contract';
import type { schema } from './params';
import { HypothesisRun } from './run.svelte';
import Plots from './Plots.svelte';

export default {
	createRun: (input) => new HypothesisRun(input),
	Plots,
	defaultSpeed: 15,
	// The small-sample pitfall starts from a sample that is too small for this lift.
	adjust: (key, value) => (key === 'pitfall' && value === 'small' ? { n: 200 } : undefined)
} satisfies ConceptModule<typeof schema, HypothesisRun>;
