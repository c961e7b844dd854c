/** The distributions widget: its run and views (loaded when the widget is shown). */
import type { ConceptModule } from '$lib/widget/contract';
import type { schema } from './params';
import { DistributionsRun } from './run.svelte';
import Plots from './Plots.svelte';

export default {
	createRun: (input) => new DistributionsRun(input),
	Plots,
	defaultSpeed: 15
} satisfies ConceptModule<typeof schema, DistributionsRun>;
