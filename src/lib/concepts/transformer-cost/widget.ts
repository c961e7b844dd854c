/** The transformer-cost widget: its run and views (loaded when the widget is shown). */
import type { ConceptModule } from '$lib/widget/contract';
import type { schema } from './params';
import { TransformerCostRun } from './run.svelte';
import Plots from './Plots.svelte';
import Panels from './Panels.svelte';

export default {
	createRun: (input) => new TransformerCostRun(input),
	Plots,
	Panels,
	defaultSpeed: 4
} satisfies ConceptModule<typeof schema, TransformerCostRun>;
