/** The regularisation widget: its run and views (loaded when the widget is shown). */
import type { ConceptModule } from '$lib/widget/contract';
import type { schema } from './params';
import { PENALTY_COLORS, PENALTY_NAMES, RegularisationRun } from './run.svelte';
import Plots from './Plots.svelte';

export default {
	createRun: (input) => new RegularisationRun(input),
	Plots,
	readoutColors: () => ({
		[PENALTY_NAMES.l1]: PENALTY_COLORS.l1,
		[PENALTY_NAMES.l2]: PENALTY_COLORS.l2,
		[PENALTY_NAMES.enet]: PENALTY_COLORS.enet
	})
} satisfies ConceptModule<typeof schema, RegularisationRun>;
