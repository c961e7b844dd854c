/** The bias–variance widget: its run and views (loaded when the widget is shown). */
import type { ConceptModule } from '$lib/widget/contract';
import { formulas } from '$lib/widget/lazy.svelte';
import type { schema } from './params';
import { BiasVarianceRun } from './run.svelte';
import Plots from './Plots.svelte';

export default {
	createRun: (input) => new BiasVarianceRun(input),
	Plots,
	// Fast enough that Play draws 200 training sets in about a dozen seconds.
	defaultSpeed: 15,
	needs: (values) => (values.truth === 'custom' ? [formulas] : []),
	validate(_run, key, text) {
		if (key !== 'expr' || !formulas.value) return null;
		const checked = formulas.value.compileExpression(text, ['x']);
		return checked.ok ? null : checked.error;
	}
} satisfies ConceptModule<typeof schema, BiasVarianceRun>;
