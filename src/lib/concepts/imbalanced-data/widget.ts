/** The imbalanced-data widget: its run and views (loaded when the widget is shown). */
import type { ConceptModule } from '$lib/widget/contract';
import type { schema } from './params';
import { ImbalancedRun } from './run.svelte';
import Plots from './Plots.svelte';

export default {
	createRun: (input) => new ImbalancedRun(input),
	Plots
} satisfies ConceptModule<typeof schema, ImbalancedRun>;
