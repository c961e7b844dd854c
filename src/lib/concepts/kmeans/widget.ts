/** The k-means widget: its run and views (loaded when the widget is shown). */
import type { ConceptModule } from '$lib/widget/contract';
import type { schema } from './params';
import { KMeansRun } from './run.svelte';
import Plots from './Plots.svelte';
import Panels from './Panels.svelte';
import Actions from './Actions.svelte';

export default {
	createRun: (input) => new KMeansRun(input),
	Plots,
	Panels,
	Actions
} satisfies ConceptModule<typeof schema, KMeansRun>;
