/** The cross-validation widget: its run and views (loaded when the widget is shown). */
import type { ConceptModule } from '$lib/widget/contract';
import type { schema } from './params';
import { CvRun } from './run.svelte';
import Plots from './Plots.svelte';
import Panels from './Panels.svelte';
import Exports from './Exports.svelte';

export default {
	createRun: (input) => new CvRun(input),
	Plots,
	Panels,
	Exports,
	defaultSpeed: 2
} satisfies ConceptModule<typeof schema, CvRun>;
