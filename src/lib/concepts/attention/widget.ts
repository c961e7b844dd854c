/** The attention widget: its run and views (loaded when the widget is shown). */
import type { ConceptModule } from '$lib/widget/contract';
import type { schema } from './params';
import { AttentionRun } from './run.svelte';
import Plots from './Plots.svelte';
import Panels from './Panels.svelte';
import Actions from './Actions.svelte';
import Exports from './Exports.svelte';

export default {
	createRun: (input) => new AttentionRun(input),
	Plots,
	Panels,
	Actions,
	Exports,
	defaultSpeed: 1
} satisfies ConceptModule<typeof schema, AttentionRun>;
